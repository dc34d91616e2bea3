// keys → dashboard actions, purely: ←/→ previous/next item, tab or ↓ next country, shift-tab or ↑
// previous country, q or esc hides the dashboard, ctrl-c interrupts (the dashboard reads the
// terminal raw, so ctrl-c arrives as a key, not as SIGINT).
import type { DashboardSelection } from "./dashboard-view.js";

export interface DashboardKeyInput {
  leftArrow?: boolean;
  rightArrow?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  escape?: boolean;
}

export type DashboardKeyAction =
  | { kind: "select"; selection: DashboardSelection }
  | { kind: "hide" }
  | { kind: "interrupt" }
  | { kind: "none" };

export function dashboardKey(selection: DashboardSelection, input: string, key: DashboardKeyInput): DashboardKeyAction {
  if (key.ctrl && input === "c") return { kind: "interrupt" };
  if (input === "q" || key.escape) return { kind: "hide" };
  if (key.rightArrow) return { kind: "select", selection: { ...selection, item: selection.item + 1 } };
  if (key.leftArrow) return { kind: "select", selection: { ...selection, item: selection.item - 1 } };
  if ((key.tab && key.shift) || key.upArrow) return { kind: "select", selection: { ...selection, country: selection.country - 1 } };
  if (key.tab || key.downArrow) return { kind: "select", selection: { ...selection, country: selection.country + 1 } };
  return { kind: "none" };
}
