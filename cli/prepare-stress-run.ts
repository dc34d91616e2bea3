// wiring for `stress`: flags → spec, probes, target system prompt, personas (plans or a file),
// the three role models (users, target, judge), run store (create | force | resume), meter,
// budget, progress and the stress scenario. everything that can be validated is validated before
// the run directory is touched (bad input: one line, exit 2, nothing written).
import type { CommandContext } from "./command.js";
import type { Budget } from "../core/usage/budget.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import type { RunStore } from "../core/store/run-store.js";
import type { stressScenario as StressScenarioFn } from "../scenarios/stress/stress-scenario.js";
import type { StressProgress } from "./stress-progress.js";

export interface PreparedStressRun {
  store: RunStore;
  meter: UsageMeter;
  budget?: Budget;
  specs: { users: string; target: string; judge: string };
  scenario: ReturnType<typeof StressScenarioFn>;
  progress: StressProgress;
}

/** the personas-per-call estimate for the budget guard (as survey run) */
const PERSONA_TOKENS = { inputTokens: 12_000, outputTokens: 6_000 };

export async function prepareStressRun(ctx: CommandContext): Promise<PreparedStressRun> {
  const { parseStressOptions } = await import("./parse-stress-options.js");
  const { storeMode } = await import("./run-options.js");
  const { selectPersonas } = await import("./select-personas.js");
  const { resolveCliModels } = await import("./model-options.js");
  const { resolveRoleModel } = await import("./resolve-role-model.js");
  const { createStressProgress } = await import("./stress-progress.js");
  const { usageEventFields } = await import("./usage-event-fields.js");
  const { createPersonaEngine } = await import("../persona-engine/engine/create-persona-engine.js");
  const { loadTaxonomy } = await import("../persona-engine/taxonomy/load-taxonomy.js");
  const { PERSONAS_FILE } = await import("../persona-engine/engine/run-persona-generation.js");
  const { openRunStore } = await import("../core/store/open-run-store.js");
  const { UsageMeter } = await import("../core/usage/usage-meter.js");
  const { Budget } = await import("../core/usage/budget.js");
  const { estimateCostUsd } = await import("../core/usage/estimate-cost-usd.js");
  const { systemClock } = await import("../core/scheduler/system-time.js");
  const { createCallLimiter } = await import("../core/scheduler/call-limiter.js");
  const { stressScenario } = await import("../scenarios/stress/stress-scenario.js");
  const { EXCHANGES_FILE } = await import("../scenarios/stress/exchange-record.js");
  const { JUDGEMENTS_FILE } = await import("../scenarios/stress/judgement-record.js");
  const { basename, resolve } = await import("node:path");

  const settings = parseStressOptions(ctx.values, ctx.env, ctx.cwd);
  const { spec, specs } = settings;
  const mode = storeMode(ctx.values);
  const selected = selectPersonas(ctx.cwd, spec);
  const plans = selected.plans;
  const taxonomy = plans ? loadTaxonomy() : undefined;

  // users: the --model (its reachability, the offline notice and the embeddings for generation)
  const models = await resolveCliModels(ctx, { seed: spec.seed, embeddings: plans !== undefined });
  const users = await models.chatModel({ requestSeed: false });
  const target = await resolveRoleModel(ctx, { flag: "target", spec: specs.target, seed: spec.seed, usersOffline: models.offline });
  const judge = await resolveRoleModel(ctx, { flag: "judge", spec: specs.judge, seed: spec.seed, usersOffline: models.offline });
  // offline calls wait for nothing: their latency is recorded as 0, so offline runs are byte-identical
  const frozen = () => 0;

  const dir = resolve(ctx.cwd, settings.out);
  const meter = new UsageMeter({ prices: models.prices });
  const store = await openRunStore({
    dir,
    mode,
    clock: systemClock,
    eventFields: usageEventFields(meter),
    manifest: {
      command: "stress",
      config: {
        ...spec,
        attributes: plans ? settings.attributes : null,
        concurrency: settings.concurrency,
        requestsPerMinute: settings.rpm ?? null,
        budgetUsd: settings.budgetUsd ?? null,
      },
      seed: spec.seed,
      models: { users: specs.users, target: specs.target, judge: specs.judge, ...(plans ? { embeddings: models.embeddingsSpec } : {}) },
      data_versions: { probes: spec.probeSet, ...(taxonomy ? { taxonomy: `${taxonomy.version}+${taxonomy.contentHash}` } : {}) },
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
  const personaCount = selected.personas?.length ?? plans?.length ?? 0;
  const conversations = personaCount * settings.probes.length;
  const progress = createStressProgress({
    stderr: ctx.stderr,
    isTTY: ctx.isTTY,
    personas: personaCount,
    personasDone: store.count(PERSONAS_FILE),
    exchanges: conversations * spec.turns,
    exchangesDone: store.count(EXCHANGES_FILE),
    judgements: conversations,
    judgementsDone: store.count(JUDGEMENTS_FILE),
  });
  const scenario = stressScenario({
    spec,
    runId: store.manifest.run_id ?? basename(dir),
    probeSet: settings.probeSet,
    probes: settings.probes,
    personas: selected.personas ? { kind: "file", personas: selected.personas } : { kind: "generate", engine: engine as NonNullable<typeof engine>, plans: plans ?? [] },
    users: { model: users, spec: specs.users, ...(models.offline ? { clock: frozen } : {}) },
    target: { model: target.model, spec: specs.target, ...(target.offline ? { clock: frozen } : {}) },
    judge: { model: judge.model, spec: specs.judge, ...(judge.offline ? { clock: frozen } : {}) },
    synthetic: { users: models.offline, target: target.offline, judge: judge.offline },
    concurrency: settings.concurrency,
    ...(settings.rpm !== undefined ? { requestsPerMinute: settings.rpm } : {}),
    meter,
    prices: models.prices,
    personaEstimateUsd: estimateCostUsd({ modelSpec: models.chatSpec, ...PERSONA_TOKENS }, models.prices),
    onPersona: (p) => progress.persona(p),
    onExchange: (e) => progress.exchange(e),
    onJudgement: (j) => progress.judgement(j),
  });
  return { store, meter, ...(budget ? { budget } : {}), specs, scenario, progress };
}
