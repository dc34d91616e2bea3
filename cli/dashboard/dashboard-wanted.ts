// whether `survey run` draws the live dashboard: --dashboard forces it, --no-dashboard turns it
// off, otherwise on when stderr is an interactive terminal and the CI environment variable is
// not set (CI logs get the line progress).
import { UsageError } from "../../core/errors.js";

export function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}

export function dashboardWanted(values: Record<string, unknown>, ctx: { isTTY: boolean; env: NodeJS.ProcessEnv }): boolean {
  if (values.dashboard && values["no-dashboard"]) throw new UsageError("--dashboard and --no-dashboard contradict each other; pass one");
  if (values.dashboard) return true;
  if (values["no-dashboard"]) return false;
  return ctx.isTTY && !isCi(ctx.env);
}
