// the survey scenario as a library call: the same run `survey run` makes (the same definition:
// personas phase, responses phase, metrics.json / responses.csv / report.md / report.html in
// `out`), from a typed options object instead of flags (runDefinedScenario).
import { librarySpecFields, runDefinedScenario, type LibraryRunOptions, type LibraryRunResult } from "../run-defined-scenario.js";
import { surveyScenario, type SurveyOutputs } from "./survey-scenario.js";
import type { SurveyArm, SurveySpecInput } from "./survey-spec.js";

export interface RunSurveyOptions extends LibraryRunOptions {
  /** shipped instrument id (wvs | bigfive | bfi44) or a questionnaire file; default "wvs" */
  instrument?: string;
  /** item ids to ask (default: every closed item of the instrument) */
  items?: readonly string[];
  /** "deep" first, then baselines (uniform, tao2024, empty, demographics, cultural-prompting, deep-<k>); default ["deep"] */
  arms?: readonly SurveyArm[];
  /** the remaining spec fields (samples, mode, answer, reverseHalf, …), as in SurveySpec */
  spec?: Partial<Omit<SurveySpecInput, "countries" | "perCountry" | "items" | "arms" | "seed" | "instrument">>;
}

export type RunSurveyResult = LibraryRunResult<SurveyOutputs>;

/** runs the survey scenario into `options.out`; bad options throw a UsageError before anything is written */
export function runSurvey(options: RunSurveyOptions): Promise<RunSurveyResult> {
  return runDefinedScenario(
    surveyScenario,
    {
      ...options.spec,
      ...(options.instrument ? { instrument: options.instrument } : {}),
      ...(options.items ? { items: [...options.items] } : {}),
      ...(options.arms ? { arms: [...options.arms] } : {}),
      ...librarySpecFields(options),
    },
    options,
    "runSurvey",
  );
}
