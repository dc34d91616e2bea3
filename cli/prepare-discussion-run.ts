// wiring for `discuss`: flags → spec, outcome items, personas (plans or a file), the design check
// (groups and arms), models, run store (create | force | resume), meter, budget, progress and the
// discussion scenario. everything that can be validated is validated before the run directory
// is touched.
import type { CommandContext } from "./command.js";
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

/** the per-persona estimate for the budget guard: the token ceiling personas are designed for */
const PERSONA_TOKENS = { inputTokens: 12_000, outputTokens: 6_000 };

export async function prepareDiscussionRun(ctx: CommandContext): Promise<PreparedDiscussionRun> {
  const { UsageError } = await import("../core/errors.js");
  const { parseDiscussionOptions } = await import("./discussion-options.js");
  const { resolveMeasuredItems } = await import("./resolve-measured-items.js");
  const { storeMode } = await import("./run-options.js");
  const { readPersonasFile } = await import("./read-personas-file.js");
  const { resolveCliModels } = await import("./model-options.js");
  const { createDiscussionProgress } = await import("./discussion-progress.js");
  const { planPersonas } = await import("../persona-engine/engine/plan-personas.js");
  const { createPersonaEngine } = await import("../persona-engine/engine/create-persona-engine.js");
  const { loadTaxonomy } = await import("../persona-engine/taxonomy/load-taxonomy.js");
  const { openRunStore } = await import("../core/store/open-run-store.js");
  const { UsageMeter } = await import("../core/usage/usage-meter.js");
  const { Budget } = await import("../core/usage/budget.js");
  const { estimateCostUsd } = await import("../core/usage/estimate-cost-usd.js");
  const { systemClock } = await import("../core/scheduler/system-time.js");
  const { createCallLimiter } = await import("../core/scheduler/call-limiter.js");
  const { discussionScenario } = await import("../scenarios/discussion/discussion-scenario.js");
  const { planDiscussion } = await import("../scenarios/discussion/plan-discussion.js");
  const { personaCountryName } = await import("../scenarios/survey/arm-profile.js");
  const { MEASURES_FILE } = await import("../scenarios/discussion/measure-record.js");
  const { TURNS_FILE } = await import("../scenarios/discussion/turn-record.js");
  const { PERSONAS_FILE } = await import("../persona-engine/engine/run-persona-generation.js");
  const { basename, resolve } = await import("node:path");

  const settings = parseDiscussionOptions(ctx.values);
  const { spec } = settings;
  const mode = storeMode(ctx.values);
  const items = resolveMeasuredItems(spec.measure, spec.stance);
  spec.measure = items.filter((i) => i.instrument !== "custom").map((i) => i.item.id);

  // personas: from a file (filtered by --countries) or planned from the population tables
  const fromFile = spec.personasFile ? readPersonasFile(ctx.cwd, spec.personasFile) : undefined;
  if (fromFile && fromFile.length === 0) throw new UsageError(`'${spec.personasFile}' holds no personas`);
  let personas = fromFile;
  if (fromFile && spec.countries.length > 0) {
    const wanted = new Set(spec.countries.map((c) => c.trim().toLowerCase()));
    personas = fromFile.filter((p) => wanted.has(p.country.toLowerCase()) || wanted.has(personaCountryName(p).toLowerCase()));
    if (personas.length === 0) throw new UsageError(`no personas of ${spec.countries.join(", ")} in '${spec.personasFile}' (it has: ${[...new Set(fromFile.map((p) => p.country))].join(", ")})`);
  }
  const plans = personas
    ? undefined
    : planPersonas({
        countries: spec.countries,
        ...(spec.perCountry !== undefined ? { perCountry: spec.perCountry, design: "equal" as const } : { count: spec.count as number, design: spec.design }),
        seed: spec.seed,
      });
  // the design must work (≥ 2 personas a country, a group per arm) before anything is written
  const members = personas ?? (plans ?? []).map((p) => ({ id: p.id, country: p.record.country }));
  const plan = planDiscussion(members, spec);
  const taxonomy = plans ? loadTaxonomy() : undefined;

  const models = await resolveCliModels(ctx, { seed: spec.seed, embeddings: plans !== undefined });
  // no fixed request seed: every turn and answer sends its own, derived from its key
  const chat = await models.chatModel({ requestSeed: false });

  const dir = resolve(ctx.cwd, settings.out);
  const meter = new UsageMeter();
  const store = await openRunStore({
    dir,
    mode,
    clock: systemClock,
    manifest: {
      command: "discuss",
      config: { ...spec, attributes: plans ? settings.attributes : null, concurrency: settings.concurrency, requestsPerMinute: settings.rpm ?? null, budgetUsd: settings.budgetUsd ?? null },
      seed: spec.seed,
      models: plans ? { chat: models.chatSpec, embeddings: models.embeddingsSpec } : { chat: models.chatSpec },
      data_versions: {
        items: items.map((i) => `${i.instrument}:${i.item.id}`).join(","),
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
  const measuresPerPhase = members.length * items.length;
  const measuresDone = store.count(MEASURES_FILE);
  const progress = createDiscussionProgress({
    stderr: ctx.stderr,
    isTTY: ctx.isTTY,
    totals: { personas: members.length, pre: measuresPerPhase, turns: plan.turns.length, post: measuresPerPhase },
    // the phases run in order: post rows exist only once every pre row does
    done: { personas: store.count(PERSONAS_FILE), pre: Math.min(measuresDone, measuresPerPhase), turns: store.count(TURNS_FILE), post: Math.max(0, measuresDone - measuresPerPhase) },
  });
  const scenario = discussionScenario({
    spec,
    runId: store.manifest.run_id ?? basename(dir),
    items,
    personas: personas ? { kind: "file", personas } : { kind: "generate", engine: engine as NonNullable<typeof engine>, plans: plans ?? [] },
    model: chat,
    modelSpec: models.chatSpec,
    synthetic: models.offline,
    concurrency: settings.concurrency,
    ...(settings.rpm !== undefined ? { requestsPerMinute: settings.rpm } : {}),
    meter,
    personaEstimateUsd: estimateCostUsd({ modelSpec: models.chatSpec, ...PERSONA_TOKENS }),
    // offline calls take no model time: a zero latency keeps offline runs byte-identical
    ...(models.offline ? { clock: () => 0 } : {}),
    onPersona: (p) => progress.step("personas", `last ${p.id}`),
    onMeasure: (r) => progress.step(r.phase, `${r.persona_id} ${r.item} ${r.status}`),
    onTurn: (t) => progress.step("turns", `${t.group} round ${t.round}`),
  });
  return { store, meter, ...(budget ? { budget } : {}), modelSpec: models.chatSpec, scenario, progress };
}
