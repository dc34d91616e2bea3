// wiring for `survey run`: flags → spec, instrument items, personas (plans or a file), models,
// run store (create | force | resume), meter, budget, progress, and the survey scenario.
// everything that can be validated is validated before the run directory is touched.
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

/** the personas-per-call estimate for the budget guard: the token ceiling personas are designed for */
const PERSONA_TOKENS = { inputTokens: 12_000, outputTokens: 6_000 };
const TOP_LOGPROBS = 20;

export async function prepareSurveyRun(ctx: CommandContext, options: PrepareSurveyRunOptions = {}): Promise<PreparedSurveyRun> {
  const { UsageError } = await import("../core/errors.js");
  const { parseSurveyOptions } = await import("./survey-options.js");
  const { storeMode } = await import("./run-options.js");
  const { readPersonasFile } = await import("./read-personas-file.js");
  const { resolveCliModels } = await import("./model-options.js");
  const { createSurveyProgress } = await import("./survey-progress.js");
  const { usageEventFields } = await import("./usage-event-fields.js");
  const { loadInstrument, getItem } = await import("../surveys/load-instrument.js");
  const { isClosedItem } = await import("../surveys/item-codes.js");
  const { planPersonas } = await import("../persona-engine/engine/plan-personas.js");
  const { createPersonaEngine } = await import("../persona-engine/engine/create-persona-engine.js");
  const { loadTaxonomy } = await import("../persona-engine/taxonomy/load-taxonomy.js");
  const { openRunStore } = await import("../core/store/open-run-store.js");
  const { UsageMeter } = await import("../core/usage/usage-meter.js");
  const { Budget } = await import("../core/usage/budget.js");
  const { estimateCostUsd } = await import("../core/usage/estimate-cost-usd.js");
  const { systemClock } = await import("../core/scheduler/system-time.js");
  const { createCallLimiter } = await import("../core/scheduler/call-limiter.js");
  const { surveyScenario } = await import("../scenarios/survey/survey-scenario.js");
  const { personaCountryName } = await import("../scenarios/survey/arm-profile.js");
  const { RESPONSES_FILE } = await import("../scenarios/survey/response-record.js");
  const { PERSONAS_FILE } = await import("../persona-engine/engine/run-persona-generation.js");
  const { basename, resolve } = await import("node:path");

  const settings = parseSurveyOptions(ctx.values);
  const { spec } = settings;
  const mode = storeMode(ctx.values);
  const instrument = loadInstrument(spec.instrument);
  const items = spec.items ? spec.items.map((id) => getItem(instrument, id)) : instrument.items.filter(isClosedItem);
  const open = items.find((i) => !isClosedItem(i));
  if (open) throw new UsageError(`item '${open.id}' is an open question; survey run asks closed items only`);
  spec.items = items.map((i) => i.id);

  // personas: from a file (filtered by --countries) or planned from the population tables
  const fromFile = spec.personasFile ? readPersonasFile(ctx.cwd, spec.personasFile) : undefined;
  let personas = fromFile;
  if (fromFile && spec.countries.length > 0) {
    const wanted = new Set(spec.countries.map((c) => c.trim().toLowerCase()));
    personas = fromFile.filter((p) => wanted.has(p.country.toLowerCase()) || wanted.has(personaCountryName(p).toLowerCase()));
    if (personas.length === 0) {
      const have = [...new Set(fromFile.map((p) => p.country))].join(", ");
      throw new UsageError(`no personas of ${spec.countries.join(", ")} in '${spec.personasFile}' (it has: ${have})`);
    }
  }
  if (fromFile && fromFile.length === 0) throw new UsageError(`'${spec.personasFile}' holds no personas`);
  const plans = personas
    ? undefined
    : planPersonas({
        countries: spec.countries,
        ...(spec.perCountry !== undefined ? { perCountry: spec.perCountry, design: "equal" as const } : { count: spec.count as number, design: spec.design }),
        seed: spec.seed,
      });
  const taxonomy = plans ? loadTaxonomy() : undefined;

  const models = await resolveCliModels(ctx, { seed: spec.seed, embeddings: plans !== undefined });
  // the answering model: no fixed request seed (each call sends its own), logprobs when asked;
  // logprob answers need one token, and a small cap keeps a chatty model from running on
  const answerModel = await models.chatModel({
    requestSeed: false,
    ...(spec.answer === "logprob" ? { logprobs: true, topLogprobs: TOP_LOGPROBS, ...(models.offline ? {} : { maxTokens: 4 }) } : {}),
  });

  const dir = resolve(ctx.cwd, settings.out);
  const meter = new UsageMeter({ prices: models.prices });
  const store = await openRunStore({
    dir,
    mode,
    clock: systemClock,
    eventFields: usageEventFields(meter),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    manifest: {
      command: "survey run",
      config: {
        ...spec,
        attributes: plans ? settings.attributes : null,
        concurrency: settings.concurrency,
        requestsPerMinute: settings.rpm ?? null,
        budgetUsd: settings.budgetUsd ?? null,
      },
      seed: spec.seed,
      models: plans ? { chat: models.chatSpec, embeddings: models.embeddingsSpec } : { chat: models.chatSpec },
      data_versions: {
        instrument: `${instrument.id}@${instrument.version}`,
        ...(taxonomy ? { taxonomy: `${taxonomy.version}+${taxonomy.contentHash}` } : {}),
      },
    },
  });
  const engine = plans
    ? await createPersonaEngine({
        chat: models.chat,
        modelSpec: models.chatSpec,
        embeddings: models.embeddings,
        embeddingsSpec: models.embeddingsSpec,
        attributes: settings.attributes,
        cacheDir: models.cacheDir,
        meter,
        limiter: createCallLimiter(settings.concurrency),
        signal: ctx.signal,
      })
    : undefined;
  const budget = settings.budgetUsd !== undefined ? new Budget({ capUsd: settings.budgetUsd, meter }) : undefined;
  const personaCount = personas?.length ?? plans?.length ?? 0;
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
    runId: store.manifest.run_id ?? basename(dir),
    instrument,
    items,
    personas: personas ? { kind: "file", personas } : { kind: "generate", engine: engine as NonNullable<typeof engine>, plans: plans ?? [] },
    model: answerModel,
    modelSpec: models.chatSpec,
    synthetic: models.offline,
    concurrency: settings.concurrency,
    ...(settings.rpm !== undefined ? { requestsPerMinute: settings.rpm } : {}),
    meter,
    personaEstimateUsd: estimateCostUsd({ modelSpec: models.chatSpec, ...PERSONA_TOKENS }, models.prices),
    onPersona: (p) => progress.persona(p),
    onResponse: (r) => progress.response(r),
  });
  return { store, meter, ...(budget ? { budget } : {}), modelSpec: models.chatSpec, scenario, progress, spec, items };
}
