// the live dashboard of a running scenario command (survey run, discuss, stress), on stderr: a
// DashboardContext and the events relayed from the run store. loads ink lazily.
import type { CommandContext } from "../command.js";
import type { DashboardContext } from "./dashboard-view.js";
import type { EventRelay } from "./event-relay.js";
import type { LiveDashboard } from "./live-dashboard.js";

export interface StartRunDashboardOptions {
  ctx: CommandContext;
  context: DashboardContext;
  relay: EventRelay;
  /** the key input (a terminal: keys work) */
  input?: NodeJS.ReadStream;
  /** ctrl-c pressed in the dashboard (the terminal is raw, so no SIGINT arrives by itself) */
  onInterrupt?: () => void;
}

export async function startRunDashboard(options: StartRunDashboardOptions): Promise<LiveDashboard> {
  const { startLiveDashboard } = await import("./live-dashboard.js");
  const { foldRunEvents } = await import("./fold-run-event.js");
  const output = options.ctx.stderr as NodeJS.WriteStream;
  const interactive = Boolean(options.input?.isTTY && output.isTTY);
  const live = startLiveDashboard({
    context: options.context,
    output,
    ...(interactive && options.input ? { input: options.input } : {}),
    interactive,
    // what the store wrote while the run was prepared (run-start, recovered lines)
    initialState: foldRunEvents(options.relay.take()),
    ...(options.onInterrupt ? { onInterrupt: options.onInterrupt } : {}),
  });
  options.relay.attach((event) => live.push(event));
  return live;
}
