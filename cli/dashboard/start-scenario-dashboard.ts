// the live dashboard of a scenario command (survey run), on stderr: a context from the prepared
// plan (its items, arms, countries) and the model, and the events relayed from the run store.
// loads ink lazily.
import type { CommandContext } from "../command.js";
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import type { EventRelay } from "./event-relay.js";
import type { LiveDashboard } from "./live-dashboard.js";

export interface StartScenarioDashboardOptions {
  ctx: CommandContext;
  command: string;
  model: string;
  view: { items: readonly SurveyItem[]; arms: readonly string[]; countries: readonly string[] };
  relay: EventRelay;
  /** the key input (a terminal: keys work) */
  input?: NodeJS.ReadStream;
  /** ctrl-c pressed in the dashboard (the terminal is raw, so no SIGINT arrives by itself) */
  onInterrupt?: () => void;
}

export async function startScenarioDashboard(options: StartScenarioDashboardOptions): Promise<LiveDashboard> {
  const { startLiveDashboard } = await import("./live-dashboard.js");
  const { surveyDashboardContext } = await import("./survey-dashboard-context.js");
  const { foldRunEvents } = await import("./fold-run-event.js");
  const { ctx, view } = options;
  const output = ctx.stderr as NodeJS.WriteStream;
  const interactive = Boolean(options.input?.isTTY && output.isTTY);
  const live = startLiveDashboard({
    context: surveyDashboardContext({ command: options.command, model: options.model, items: view.items, arms: view.arms, countries: view.countries }),
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
