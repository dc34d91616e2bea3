// the live dashboard of a `survey run`, on stderr: a context from the prepared run (its items,
// instrument scoring, arms, countries, model) and the events relayed from the run store.
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
  const { surveyDashboardContext, manifestTraits } = await import("./survey-dashboard-context.js");
  const { startRunDashboard } = await import("./start-run-dashboard.js");
  const { run } = options;
  const traits = manifestTraits(run.store.manifest);
  const context = surveyDashboardContext({ command: "survey run", model: run.modelSpec, items: run.items, arms: run.spec.arms, countries: run.spec.countries, ...(traits ? { traits } : {}) });
  return startRunDashboard({ ...options, context });
}
