// the DashboardContext of a running `survey run`: from the prepared run (its items, arms,
// countries, model) and, for a trait-scored instrument (Big Five), its traits.
import type { PreparedSurveyRun } from "../prepare-survey-run.js";
import type { DashboardContext } from "./dashboard-view.js";
import { manifestTraits, surveyDashboardContext } from "./survey-dashboard-context.js";

export function surveyRunDashboardContext(run: PreparedSurveyRun): DashboardContext {
  const traits = manifestTraits(run.store.manifest);
  return surveyDashboardContext({ command: "survey run", model: run.modelSpec, items: run.items, arms: run.spec.arms, countries: run.spec.countries, ...(traits ? { traits } : {}) });
}
