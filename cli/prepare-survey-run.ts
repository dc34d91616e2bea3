// wiring for `survey run`: flags → spec, instrument items, personas (plans or a file), models,
// the run (openScenarioRun: store, meter, budget, persona engine), progress, and the survey
// scenario. everything that can be validated is validated before the run directory is touched.
import type { CommandContext } from "./command.js";
import type { Budget } from "../core/usage/budget.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import type { RunStore } from "../core/store/run-store.js";
import type { RunEvent } from "../core/store/run-event.js";
import type { SurveyItem } from "../surveys/instrument-schema.js";
import type { SurveySpec } from "../scenarios/survey/survey-spec.js";
import type { surveyScenario as SurveyScenarioFn } from "../scenarios/survey/survey-scenario.js";
import type { SurveyProgress } from "./survey-progress.js";

export interface PreparedSurveyRun {
  store: RunStore;
  meter: UsageMeter;
  budget?: Budget;
  modelSpec: string;
  scenario: ReturnType<typeof SurveyScenarioFn>;
  progress: SurveyProgress;
  spec: SurveySpec;
  items: SurveyItem[];
}

export interface PrepareSurveyRunOptions {
  /** every event the run store writes, from run-start on (the live dashboard) */
  onEvent?: (event: RunEvent) => void;
  /** whether the line progress writes now (false while a dashboard draws); default always */
  lineProgress?: () => boolean;
}

export async function prepareSurveyRun(ctx: CommandContext, options: PrepareSurveyRunOptions = {}): Promise<PreparedSurveyRun> {
  const { UsageError } = await import("../core/errors.js");
  const { parseSurveyOptions } = await import("./survey-options.js");
  const { storeMode } = await import("./run-options.js");
  const { selectPersonas } = await import("./select-personas.js");
  const { resolveCliModels } = await import("./model-options.js");
  const { openScenarioRun } = await import("./open-scenario-run.js");
  const { createSurveyProgress } = await import("./survey-progress.js");
  const { getItem } = await import("../surveys/load-instrument.js");
  const { resolveInstrument } = await import("../surveys/resolve-instrument.js");
  const { readUserReference } = await import("../surveys/user-reference.js");
  const { resolve: resolvePath } = await import("node:path");
  const { isClosedItem } = await import("../surveys/item-codes.js");
  const { surveyScenario } = await import("../scenarios/survey/survey-scenario.js");
  const { RESPONSES_FILE } = await import("../scenarios/survey/response-record.js");
  const { PERSONAS_FILE } = await import("../persona-engine/engine/run-persona-generation.js");
  const { mirrorExclusion } = await import("../persona-engine/engine/mirror-exclusion.js");
  const { mirrorsFor, mirrorsVersion } = await import("../surveys/load-mirrors.js");

  const settings = parseSurveyOptions(ctx.values);
  const { spec } = settings;
  const mode = storeMode(ctx.values);
  const instrument = resolveInstrument(ctx.cwd, spec.instrument);
  const userReference = spec.reference ? readUserReference(resolvePath(ctx.cwd, spec.reference), instrument) : undefined;
  if (userReference && instrument.scoring.kind === "trait-means") throw new UsageError(`--reference scores answer distributions; '${instrument.id}' is scored by traits — drop --reference`);
  // a list question's id (Q7-Q17, a multi item of your own) stands for its member items
  const asked = spec.items?.flatMap((id) => instrument.batteries.find((bt) => bt.id === id)?.members.map((m) => m.item).filter((m) => instrument.items.some((i) => i.id === m)) ?? [id]);
  const items = asked ? [...new Set(asked)].map((id) => getItem(instrument, id)) : instrument.items.filter(isClosedItem);
  const open = items.find((i) => !isClosedItem(i));
  if (open) throw new UsageError(`item '${open.id}' is an open question; survey run asks closed items only`);
  spec.items = items.map((i) => i.id);
  const selection = selectPersonas(ctx.cwd, spec);

  const models = await resolveCliModels(ctx, { seed: spec.seed, embeddings: selection.plans !== undefined, limits: settings });

  const run = await openScenarioRun(ctx, {
    command: "survey run",
    mode,
    spec,
    settings,
    selection,
    models,
    roles: { chat: models.chatSpec },
    dataVersions: { instrument: `${instrument.id}@${instrument.version}`, mirrors: mirrorsVersion() ?? "none" },
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const { store, personaCount } = run;
  // no pre-answers: generated personas leave out the taxonomy leaves that mirror the asked items
  if (run.personas.kind === "generate") run.personas.engine.excludedMirrors = mirrorExclusion(run.personas.engine.taxonomy, Object.values(mirrorsFor(instrument, spec.items)).flat());
  const progress = createSurveyProgress({
    stderr: ctx.stderr,
    isTTY: ctx.isTTY,
    personas: personaCount,
    personasDone: store.count(PERSONAS_FILE),
    rows: personaCount * spec.arms.length * spec.samples * items.length,
    rowsDone: store.count(RESPONSES_FILE),
    ...(options.lineProgress ? { enabled: options.lineProgress } : {}),
  });
  const scenario = surveyScenario({
    spec,
    runId: run.runId,
    instrument,
    items,
    personas: run.personas,
    client: models.client,
    synthetic: models.offline,
    concurrency: settings.concurrency,
    prices: models.prices,
    personaEstimateUsd: run.personaEstimateUsd,
    onPersona: (p) => progress.persona(p),
    onResponse: (r) => progress.response(r),
    ...(userReference ? { reference: (country: string, item: string) => userReference.lookup(country, item) } : {}),
  });
  return { store, meter: run.meter, ...(run.budget ? { budget: run.budget } : {}), modelSpec: models.chatSpec, scenario, progress, spec, items };
}
