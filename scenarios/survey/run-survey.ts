// the survey scenario as a library call: the same run `survey run` makes (personas phase,
// responses phase, metrics.json / responses.csv / report.md / report.html in `out`), from a typed
// options object instead of flags. the model is a spec string (default "offline") resolved with
// explicit options only (no env vars, no reachability check), or a LangChain chat model.
import { UsageError } from "../../core/errors.js";
import { mirrorExclusion } from "../../persona-engine/engine/mirror-exclusion.js";
import { isClosedItem } from "../../surveys/item-codes.js";
import { getItem } from "../../surveys/load-instrument.js";
import { mirrorsFor, mirrorsVersion } from "../../surveys/load-mirrors.js";
import { resolveInstrument } from "../../surveys/resolve-instrument.js";
import { libraryPersonaSelection, finishLibraryRun, openLibraryRun, type LibraryRunOptions } from "../open-library-run.js";
import type { ScenarioSummary } from "../run-scenario.js";
import { surveyScenario, type SurveyOutputs } from "./survey-scenario.js";
import { SurveySpecSchema, type SurveyArm, type SurveySpec } from "./survey-spec.js";

export interface RunSurveyOptions extends LibraryRunOptions {
  /** shipped instrument id (wvs | bigfive | bfi44) or a questionnaire file; default "wvs" */
  instrument?: string;
  /** item ids to ask (default: every closed item of the instrument) */
  items?: readonly string[];
  /** "deep" first, then baselines (uniform, tao2024, empty, demographics, cultural-prompting, deep-<k>); default ["deep"] */
  arms?: readonly SurveyArm[];
  /** the remaining spec fields (samples, mode, answer, reverseHalf, …), as in SurveySpec */
  spec?: Partial<Omit<SurveySpec, "countries" | "perCountry" | "items" | "arms" | "seed" | "instrument">>;
}

export interface RunSurveyResult {
  status: ScenarioSummary["status"];
  reason: string | null;
  /** metrics.json's content (undefined when the run stopped before finalize) */
  metrics: SurveyOutputs["metrics"] | undefined;
  files: SurveyOutputs["files"] | undefined;
  dir: string;
}

/** runs the survey scenario into `options.out`; bad options throw a UsageError before anything is written */
export async function runSurvey(options: RunSurveyOptions): Promise<RunSurveyResult> {
  const spec: SurveySpec = SurveySpecSchema.parse({
    ...options.spec,
    instrument: options.instrument ?? "wvs",
    ...libraryPersonaSelection(options),
    ...(options.items ? { items: [...options.items] } : {}),
    ...(options.arms ? { arms: [...options.arms] } : {}),
  });
  const instrument = resolveInstrument(process.cwd(), spec.instrument);
  // a list question's id stands for its member items (as in `survey run`)
  const asked = spec.items?.flatMap((id) => instrument.batteries.find((bt) => bt.id === id)?.members.map((m) => m.item).filter((m) => instrument.items.some((i) => i.id === m)) ?? [id]);
  const items = asked ? [...new Set(asked)].map((id) => getItem(instrument, id)) : instrument.items.filter(isClosedItem);
  const open = items.find((i) => !isClosedItem(i));
  if (open) throw new UsageError(`item '${open.id}' is an open question; runSurvey asks closed items only`);
  spec.items = items.map((i) => i.id);
  const run = await openLibraryRun(options, spec, {
    command: "survey run",
    dataVersions: { instrument: `${instrument.id}@${instrument.version}`, mirrors: mirrorsVersion() ?? "none" },
    // no pre-answers: generated personas leave out the taxonomy leaves that mirror the asked items
    onEngine: (engine) => {
      engine.excludedMirrors = mirrorExclusion(engine.taxonomy, Object.values(mirrorsFor(instrument, spec.items ?? [])).flat());
    },
  });
  const scenario = surveyScenario({
    spec,
    runId: run.runId,
    instrument,
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
