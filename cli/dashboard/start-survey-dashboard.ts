// the live dashboard of a `survey run`, on stderr: a context from the prepared run (its items,
// arms, countries, model) and the events relayed from the run store. loads ink lazily.
import type { CommandContext } from "../command.js";
import type { PreparedSurveyRun } from "../prepare-survey-run.js";
import type { EventRelay } from "./event-relay.js";
import type { LiveDashboard } from "./live-dashboard.js";

export interface StartSurveyDashboardOptions {
  ctx: CommandContext;
  run: PreparedSurveyRun;
  relay: EventRelay;
  /** the key input (a terminal: keys work) */
  input?: NodeJS.ReadStream;
  /** ctrl-c pressed in the dashboard (the terminal is raw, so no SIGINT arrives by itself) */
  onInterrupt?: () => void;
}

export async function startSurveyDashboard(options: StartSurveyDashboardOptions): Promise<LiveDashboard> {
  const { startLiveDashboard } = await import("./live-dashboard.js");
  const { surveyDashboardContext } = await import("./survey-dashboard-context.js");
  const { foldRunEvents } = await import("./fold-run-event.js");
  const { run, ctx } = options;
  const output = ctx.stderr as NodeJS.WriteStream;
  const interactive = Boolean(options.input?.isTTY && output.isTTY);
  const live = startLiveDashboard({
    context: surveyDashboardContext({ command: "survey run", model: run.modelSpec, items: run.items, arms: run.spec.arms, countries: run.spec.countries }),
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
