// the discussion scenario as a library call: the same run `discuss` makes (personas, pre measure,
// group turns, post measure; metrics.json and report.md in `out`), from a typed options object.
import { UsageError } from "../../core/errors.js";
import { DiscussionSpecSchema, type DiscussionSpec } from "./discussion-spec.js";
import { discussionScenario, type DiscussionOutputs } from "./discussion-scenario.js";
import { planDiscussion } from "./plan-discussion.js";
import { planPersonas } from "../../persona-engine/engine/plan-personas.js";
import { resolveMeasuredItems } from "./resolve-measured-items.js";
import { libraryPersonaSelection, finishLibraryRun, openLibraryRun, type LibraryRunOptions } from "../open-library-run.js";
import type { ScenarioSummary } from "../run-scenario.js";

export interface RunDiscussionOptions extends LibraryRunOptions {
  /** the question the groups discuss */
  topic: string;
  /** outcome items (WVS ids such as Q46) and/or a custom 1–10 stance question */
  measure?: readonly string[];
  stance?: string;
  /** the moderator message of the treatment arm (required when arms include "treatment") */
  treatment?: string;
  /** the remaining spec fields (arms, groupSize, rounds, turnWords, postMemory, …), as in DiscussionSpec */
  spec?: Partial<Omit<DiscussionSpec, "topic" | "measure" | "stance" | "treatment" | "countries" | "perCountry" | "seed">>;
}

export interface RunDiscussionResult {
  status: ScenarioSummary["status"];
  reason: string | null;
  metrics: DiscussionOutputs["metrics"] | undefined;
  files: DiscussionOutputs["files"] | undefined;
  dir: string;
}

/** runs the discussion scenario into `options.out`; bad options throw before anything is written */
export async function runDiscussion(options: RunDiscussionOptions): Promise<RunDiscussionResult> {
  const spec: DiscussionSpec = DiscussionSpecSchema.parse({
    ...(options.treatment ? { arms: ["control", "treatment"] } : { arms: ["control"] }),
    // `discuss --bootstrap` defaults to 500, the spec schema to 1000: the library matches the cli
    // until defineScenario declares the defaults once (issue 10 item 2)
    bootstrap: 500,
    ...options.spec,
    topic: options.topic,
    measure: [...(options.measure ?? [])],
    ...(options.stance ? { stance: options.stance } : {}),
    ...(options.treatment ? { treatment: options.treatment } : {}),
    ...libraryPersonaSelection(options),
  });
  if (spec.arms.includes("treatment") && !spec.treatment) throw new UsageError("runDiscussion: the treatment arm needs `treatment` (the moderator message it receives), or pass spec.arms [\"control\"]");
  if (spec.measure.length === 0 && !spec.stance) throw new UsageError("runDiscussion: pass the outcome to measure: `measure` (WVS item ids) and/or `stance` (a 1–10 question)");
  const items = resolveMeasuredItems(spec.measure, spec.stance);
  spec.measure = items.filter((i) => i.instrument !== "custom").map((i) => i.item.id);
  // the design must work (≥ 2 personas a country, a group per arm) before anything is written
  const members =
    options.personas?.map((p) => ({ id: p.id, country: p.country })) ??
    planPersonas({ countries: [...spec.countries], perCountry: spec.perCountry as number, design: "equal", seed: spec.seed }).map((p) => ({ id: p.id, country: p.record.country }));
  planDiscussion(members, spec);
  const run = await openLibraryRun(options, spec, { command: "discuss", dataVersions: { items: items.map((i) => `${i.instrument}:${i.item.id}`).join(",") } });
  const scenario = discussionScenario({
    spec,
    runId: run.runId,
    items,
    personas: run.personas,
    client: run.client,
    synthetic: run.offline,
    concurrency: run.concurrency,
    prices: run.prices,
    personaEstimateUsd: run.personaEstimateUsd,
  });
  return finishLibraryRun(run, scenario, options.signal);
}
