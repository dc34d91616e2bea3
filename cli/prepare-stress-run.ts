// wiring for `stress`: flags → spec, probes, target system prompt, personas (plans or a file),
// the three role models (users, target, judge), the run (openScenarioRun: store, meter, budget,
// persona engine), progress and the stress scenario. everything that can be validated is
// validated before the run directory is touched (bad input: one line, exit 2, nothing written).
import type { CommandContext } from "./command.js";
import type { PrepareRunEventsOptions } from "./dashboard/dashboard-wanted.js";
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

export async function prepareStressRun(ctx: CommandContext, options: PrepareRunEventsOptions = {}): Promise<PreparedStressRun> {
  const { parseStressOptions } = await import("./parse-stress-options.js");
  const { storeMode } = await import("./run-options.js");
  const { selectPersonas } = await import("./select-personas.js");
  const { resolveCliModels } = await import("./model-options.js");
  const { resolveRoleModel } = await import("./resolve-role-model.js");
  const { openScenarioRun } = await import("./open-scenario-run.js");
  const { createStressProgress } = await import("./stress-progress.js");
  const { PERSONAS_FILE } = await import("../persona-engine/engine/run-persona-generation.js");
  const { stressScenario } = await import("../scenarios/stress/stress-scenario.js");
  const { EXCHANGES_FILE } = await import("../scenarios/stress/exchange-record.js");
  const { JUDGEMENTS_FILE } = await import("../scenarios/stress/judgement-record.js");

  const settings = parseStressOptions(ctx.values, ctx.env, ctx.cwd);
  const { spec, specs } = settings;
  const mode = storeMode(ctx.values);
  const selection = selectPersonas(ctx.cwd, spec);

  // users: the --model (its reachability, the offline notice and the embeddings for generation)
  const models = await resolveCliModels(ctx, { seed: spec.seed, embeddings: selection.plans !== undefined, limits: settings });
  const users = models.client;
  const target = await resolveRoleModel(ctx, models, { flag: "target", spec: specs.target });
  const judge = await resolveRoleModel(ctx, models, { flag: "judge", spec: specs.judge });

  const run = await openScenarioRun(ctx, {
    command: "stress",
    mode,
    spec,
    settings,
    selection,
    models,
    roles: { users: users.spec, target: target.spec, judge: judge.spec },
    dataVersions: { probes: spec.probeSet },
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const { store, personaCount } = run;
  const conversations = personaCount * settings.probes.length;
  const progress = createStressProgress({
    ...(options.lineProgress ? { enabled: options.lineProgress } : {}),
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
    runId: run.runId,
    probeSet: settings.probeSet,
    probes: settings.probes,
    personas: run.personas,
    users,
    target,
    judge,
    synthetic: { users: models.offline, target: target.offline, judge: judge.offline },
    concurrency: settings.concurrency,
    prices: models.prices,
    personaEstimateUsd: run.personaEstimateUsd,
    onPersona: (p) => progress.persona(p),
    onExchange: (e) => progress.exchange(e),
    onJudgement: (j) => progress.judgement(j),
  });
  return { store, meter: run.meter, ...(run.budget ? { budget: run.budget } : {}), specs, scenario, progress };
}
