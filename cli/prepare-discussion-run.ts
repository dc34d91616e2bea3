// wiring for `discuss`: flags → spec, outcome items, personas (plans or a file), the design check
// (groups and arms), models, the run (openScenarioRun: store, meter, budget, persona engine),
// progress and the discussion scenario. everything that can be validated is validated before the
// run directory is touched.
import type { CommandContext } from "./command.js";
import type { PrepareRunEventsOptions } from "./dashboard/dashboard-wanted.js";
import type { Budget } from "../core/usage/budget.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import type { RunStore } from "../core/store/run-store.js";
import type { discussionScenario as DiscussionScenarioFn } from "../scenarios/discussion/discussion-scenario.js";
import type { DiscussionProgress } from "./discussion-progress.js";

export interface PreparedDiscussionRun {
  store: RunStore;
  meter: UsageMeter;
  budget?: Budget;
  modelSpec: string;
  scenario: ReturnType<typeof DiscussionScenarioFn>;
  progress: DiscussionProgress;
}

export async function prepareDiscussionRun(ctx: CommandContext, options: PrepareRunEventsOptions = {}): Promise<PreparedDiscussionRun> {
  const { parseDiscussionOptions } = await import("./discussion-options.js");
  const { resolveMeasuredItems } = await import("./resolve-measured-items.js");
  const { storeMode } = await import("./run-options.js");
  const { selectPersonas } = await import("./select-personas.js");
  const { resolveCliModels } = await import("./model-options.js");
  const { openScenarioRun } = await import("./open-scenario-run.js");
  const { createDiscussionProgress } = await import("./discussion-progress.js");
  const { discussionScenario } = await import("../scenarios/discussion/discussion-scenario.js");
  const { planDiscussion } = await import("../scenarios/discussion/plan-discussion.js");
  const { MEASURES_FILE } = await import("../scenarios/discussion/measure-record.js");
  const { TURNS_FILE } = await import("../scenarios/discussion/turn-record.js");
  const { PERSONAS_FILE } = await import("../persona-engine/engine/run-persona-generation.js");

  const settings = parseDiscussionOptions(ctx.values);
  const { spec } = settings;
  const mode = storeMode(ctx.values);
  const items = resolveMeasuredItems(spec.measure, spec.stance);
  spec.measure = items.filter((i) => i.instrument !== "custom").map((i) => i.item.id);
  const selection = selectPersonas(ctx.cwd, spec);
  // the design must work (≥ 2 personas a country, a group per arm) before anything is written
  const members = selection.personas ?? selection.plans.map((p) => ({ id: p.id, country: p.record.country }));
  const plan = planDiscussion(members, spec);

  const models = await resolveCliModels(ctx, { seed: spec.seed, embeddings: selection.plans !== undefined, limits: settings });
  // no fixed request seed: every turn and answer sends its own, derived from its key

  const run = await openScenarioRun(ctx, {
    command: "discuss",
    mode,
    spec,
    settings,
    selection,
    models,
    roles: { chat: models.chatSpec },
    dataVersions: { items: items.map((i) => `${i.instrument}:${i.item.id}`).join(",") },
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const { store } = run;
  const measuresPerPhase = members.length * items.length;
  const measuresDone = store.count(MEASURES_FILE);
  const progress = createDiscussionProgress({
    ...(options.lineProgress ? { enabled: options.lineProgress } : {}),
    stderr: ctx.stderr,
    isTTY: ctx.isTTY,
    totals: { personas: members.length, pre: measuresPerPhase, turns: plan.turns.length, post: measuresPerPhase },
    // the phases run in order: post rows exist only once every pre row does
    done: { personas: store.count(PERSONAS_FILE), pre: Math.min(measuresDone, measuresPerPhase), turns: store.count(TURNS_FILE), post: Math.max(0, measuresDone - measuresPerPhase) },
  });
  const scenario = discussionScenario({
    spec,
    runId: run.runId,
    items,
    personas: run.personas,
    client: models.client,
    synthetic: models.offline,
    concurrency: settings.concurrency,
    prices: models.prices,
    personaEstimateUsd: run.personaEstimateUsd,
    onPersona: (p) => progress.step("personas", `last ${p.id}`),
    onMeasure: (r) => progress.step(r.phase, `${r.persona_id} ${r.item} ${r.status}`),
    onTurn: (t) => progress.step("turns", `${t.group} round ${t.round}`),
  });
  return { store, meter: run.meter, ...(run.budget ? { budget: run.budget } : {}), modelSpec: models.chatSpec, scenario, progress };
}
