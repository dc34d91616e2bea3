// one dashboard frame as plain text (no colour, no cursor codes) for non-terminal output.
import { renderToString } from "ink";
import { Dashboard } from "./dashboard.js";
import type { DashboardView } from "./dashboard-view.js";

// csi and osc escape sequences
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(\u0007|\u001b\\)/g;

export function plainDashboardFrame(view: DashboardView, width: number, height?: number): string {
  const frame = renderToString(<Dashboard view={view} width={width} {...(height ? { height } : {})} interactive={false} />, {
    columns: width,
  });
  const text = frame.replace(ANSI, "");
  return `${text
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")}\n`;
}
