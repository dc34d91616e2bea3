// the discussion scenario as a library call: the same run `discuss` makes (the same definition:
// personas, pre measure, group turns, post measure; metrics.json and report.md in `out`), from a
// typed options object (runDefinedScenario).
import { librarySpecFields, runDefinedScenario, type LibraryRunOptions, type LibraryRunResult } from "../run-defined-scenario.js";
import { discussionScenario, type DiscussionOutputs } from "./discussion-scenario.js";
import type { DiscussionSpecInput } from "./discussion-spec.js";

export interface RunDiscussionOptions extends LibraryRunOptions {
  /** the question the groups discuss */
  topic: string;
  /** outcome items (WVS ids such as Q46) and/or a custom 1–10 stance question */
  measure?: readonly string[];
  stance?: string;
  /** the moderator message of the treatment arm (required when arms include "treatment") */
  treatment?: string;
  /** the remaining spec fields (arms, groupSize, rounds, turnWords, postMemory, …), as in DiscussionSpec */
  spec?: Partial<Omit<DiscussionSpecInput, "topic" | "measure" | "stance" | "treatment" | "countries" | "perCountry" | "seed">>;
}

export type RunDiscussionResult = LibraryRunResult<DiscussionOutputs>;

/** runs the discussion scenario into `options.out`; bad options throw before anything is written */
export function runDiscussion(options: RunDiscussionOptions): Promise<RunDiscussionResult> {
  return runDefinedScenario(
    discussionScenario,
    {
      arms: options.treatment ? ["control", "treatment"] : ["control"],
      ...options.spec,
      topic: options.topic,
      measure: [...(options.measure ?? [])],
      ...(options.stance ? { stance: options.stance } : {}),
      ...(options.treatment ? { treatment: options.treatment } : {}),
      ...librarySpecFields(options),
    },
    options,
    "runDiscussion",
  );
}
