// shared wiring for commands that generate personas into a run directory: flags → plans, models,
// store, meter, budget, engine; progress on stderr; a summary and an exit code at the end.
import type { CommandContext } from "./command.js";
import type { RunKeyedTasksSummary } from "../core/run/run-keyed-tasks.js";
import type { RunPersonaGenerationOptions } from "../persona-engine/engine/run-persona-generation.js";
import type { RunStore } from "../core/store/run-store.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";

export interface PreparedPersonaRun {
  store: RunStore;
  meter: UsageMeter;
  generation: RunPersonaGenerationOptions;
  /** prints the summary; returns the exit code (0 complete, 3 incomplete, 1 failed, 130 cancelled) */
  report(summary: RunKeyedTasksSummary): Promise<number>;
}

export async function preparePersonaRun(ctx: CommandContext, commandName: string): Promise<PreparedPersonaRun> {
  const { UsageError } = await import("../core/errors.js");
  const { parseList, parsePositiveInt, parseRunLimits, parseSeed, storeMode } = await import("./run-options.js");
  const { parseAttributes, parseDesign } = await import("../scenarios/persona-flags.js");
  const { resolveCliModels } = await import("./model-options.js");
  const { planPersonas } = await import("../persona-engine/engine/plan-personas.js");
  const { parseTierRatio } = await import("../persona-engine/engine/split-tiers.js");
  const { createRunPersonaEngine } = await import("./create-run-persona-engine.js");
  const { loadTaxonomy } = await import("../persona-engine/taxonomy/load-taxonomy.js");
  const { openRunStore } = await import("../core/store/open-run-store.js");
  const { Budget } = await import("../core/usage/budget.js");
  const { estimatePersonaCostUsd } = await import("../persona-engine/engine/estimate-persona-cost-usd.js");
  const { createLineProgress } = await import("./line-progress.js");
  const { usageLine } = await import("./usage-line.js");
  const { usageManifestBlock } = await import("../core/usage/usage-manifest-block.js");
  const { resolve } = await import("node:path");
  const v = ctx.values;

  if (typeof v.out !== "string") throw new UsageError("--out DIR is required (the run directory to write)");
  const seed = parseSeed(v.seed);
  if (v.country !== undefined && v.countries !== undefined) throw new UsageError("pass --country or --countries, not both");
  const countries = v.countries !== undefined ? parseList("countries", v.countries) : v.country !== undefined ? [String(v.country)] : [];
  if (countries.length === 0) throw new UsageError("--country or --countries is required (e.g. --country KEN)");
  if ((v.count === undefined) === (v["per-country"] === undefined))
    throw new UsageError("pass exactly one of --count N (total) or --per-country N");
  const design = parseDesign(v.design);
  const count = v.count !== undefined ? parsePositiveInt("count", v.count) : undefined;
  const perCountry = v["per-country"] !== undefined ? parsePositiveInt("per-country", v["per-country"]) : undefined;
  const attributes = parseAttributes(v);
  const tierRatio = parseTierRatio(String(v["tier-ratio"]));
  if (!tierRatio) throw new UsageError(`--tier-ratio must look like 5:3:2 (three non-negative numbers), got '${String(v["tier-ratio"])}'`);
  const batchSize = parsePositiveInt("batch-size", v["batch-size"], { min: 5, max: 200 });
  const referenceYear = parsePositiveInt("reference-year", v["reference-year"], { min: 1950, max: 2100 });
  const { inFlight: concurrency, rpm, budgetUsd } = parseRunLimits(v);
  const quotas = (v.quota as string[] | undefined) ?? [];
  const mode = storeMode(v);

  // validate everything that can be validated before anything is written
  const plans = planPersonas({
    countries,
    ...(count !== undefined ? { count, design } : { perCountry: perCountry as number, design: "equal" as const }),
    seed,
    ...(quotas.length ? { quotas } : {}),
  });
  const taxonomy = loadTaxonomy();
  const models = await resolveCliModels(ctx, { seed, limits: { concurrency, rpm } });
  const { meter } = models;
  const dir = resolve(ctx.cwd, v.out);
  const store = await openRunStore({
    dir,
    mode,
    clock: models.clock,
    finishFields: (m) => ({ usage: usageManifestBlock(meter, m.usage) }),
    manifest: {
      command: commandName,
      config: {
        countries,
        count: count ?? null,
        per_country: perCountry ?? null,
        design,
        quotas,
        attributes,
        tier_ratio: tierRatio,
        batch_size: batchSize,
        reference_year: referenceYear,
        concurrency,
        rpm: rpm ?? null,
        budgetUsd: budgetUsd ?? null,
        temperature: models.sampling.temperature,
        top_p: models.sampling.topP,
      },
      seed,
      models: { chat: models.chatSpec, embeddings: models.embeddingsSpec, ...(models.offline ? {} : { server_kind: models.serverKind }) },
      data_versions: { taxonomy: `${taxonomy.version}+${taxonomy.contentHash}` },
    },
  });
  models.onEvent((event) => {
    store.event(event).catch(() => undefined); // a store closed by a failure: the run's error is reported
  });
  const engine = await createRunPersonaEngine(ctx, models, { attributes, tierRatio, batchSize, referenceYear });
  const estimateUsd = estimatePersonaCostUsd(models.chatSpec, models.prices);
  const budget = budgetUsd !== undefined ? new Budget({ capUsd: budgetUsd, meter }) : undefined;
  const total = plans.length;
  let done = store.count("personas.jsonl");
  const progress = createLineProgress({ stderr: ctx.stderr, isTTY: ctx.isTTY, steps: 20 });
  const { generatePersona } = await import("../persona-engine/engine/generate-persona.js");
  const { personaInput } = await import("../persona-engine/engine/plan-personas.js");

  return {
    store,
    meter,
    generation: {
      store,
      ctx: engine,
      plans,
      seed,
      concurrency,
      signal: ctx.signal,
      ...(budget ? { budget } : {}),
      estimateUsd,
      generate: (plan) => generatePersona(engine, personaInput(plan, seed)),
      // progress counts personas saved to personas.jsonl, not generated ones a full disk lost
      onSaved: (persona) => {
        done++;
        const filled = (persona.attributes as { status: string }[]).filter((a) => a.status === "filled").length;
        if (progress.due(done, total))
          progress.write(`personas ${done}/${total}  last ${persona.key} (${filled} filled)  tokens ${meter.totals().totalTokens}`);
      },
    },
    async report(summary) {
      if (ctx.isTTY) ctx.stderr.write("\n");
      const lines = [
        `${commandName}: ${summary.status}${summary.reason ? ` — ${summary.reason}` : ""}`,
        `personas: ${summary.alreadyDone + summary.completed}/${summary.total} (${summary.completed} this session, ${summary.failed} failed)`,
        usageLine(`model: ${models.chatSpec}`, meter.totals()),
        `out: ${dir}/personas.jsonl`,
      ];
      if (models.offline) lines.push("note: offline model — persona text is synthetic placeholder content");
      ctx.stdout.write(lines.join("\n") + "\n");
      if (summary.stoppedBy === "cancelled") return 130;
      if (summary.status === "failed") return summary.serverLost ? 2 : 1; // a lost server with nothing saved: as at start-up
      if (summary.status === "incomplete") return 3;
      return 0;
    },
  };
}
