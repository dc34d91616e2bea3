// the live dashboard of a scenario command (survey run, discuss, stress), as the command wires it:
// whether it draws (--dashboard / --no-dashboard / a terminal), the options its prepare step takes
// (the store's events, line progress only while no dashboard draws), start with a context once
// the run is prepared, close before the summary is written.
import type { CommandContext } from "../command.js";
import type { DashboardContext } from "./dashboard-view.js";
import type { PrepareRunEventsOptions } from "./dashboard-wanted.js";
import type { LiveDashboard } from "./live-dashboard.js";

export interface CommandDashboard {
  /** pass to the command's prepare step (empty when no dashboard draws) */
  prepare: PrepareRunEventsOptions;
  /** draws the dashboard (nothing when it is off) */
  start(context: () => DashboardContext): Promise<void>;
  close(): Promise<void>;
}

export async function commandDashboard(ctx: CommandContext): Promise<CommandDashboard> {
  const { dashboardWanted } = await import("./dashboard-wanted.js");
  const { createEventRelay } = await import("./event-relay.js");
  const relay = dashboardWanted(ctx.values, ctx) ? createEventRelay() : undefined;
  let live: LiveDashboard | undefined;
  return {
    prepare: relay ? { onEvent: relay.push, lineProgress: () => !live || live.hidden } : {},
    async start(context) {
      if (!relay) return;
      const { startRunDashboard } = await import("./start-run-dashboard.js");
      live = await startRunDashboard({ ctx, context: context(), relay, input: process.stdin, onInterrupt: () => process.kill(process.pid, "SIGINT") });
    },
    async close() {
      await live?.close();
    },
  };
}
