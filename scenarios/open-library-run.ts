// the run a library call (runSurvey, runDiscussion) opens once its spec is valid: the model client
// from explicit options (a spec string resolved without env vars, or LangChain objects) with its
// meter and limiter, the persona engine when personas are generated, the run store with its
// manifest and the budget — what cli/open-scenario-run.ts does for a command, without flags or env.
import { basename, resolve } from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Embeddings } from "@langchain/core/embeddings";
import { UsageError } from "../core/errors.js";
import { createModelClient, DEFAULT_SAMPLING, type ModelClient } from "../core/model/model-client.js";
import { systemClock } from "../core/scheduler/system-time.js";
import { openRunStore, type RunStoreMode } from "../core/store/open-run-store.js";
import { runIdOf } from "../core/store/run-id.js";
import type { RunStore } from "../core/store/run-store.js";
import { Budget } from "../core/usage/budget.js";
import { DEFAULT_PRICE_TABLE, type PriceTable } from "../core/usage/price-table.js";
import { usageManifestBlock } from "../core/usage/usage-manifest-block.js";
import { UsageMeter } from "../core/usage/usage-meter.js";
import { createPersonaEngine, DEFAULT_ATTRIBUTES } from "../persona-engine/engine/create-persona-engine.js";
import { estimatePersonaCostUsd } from "../persona-engine/engine/estimate-persona-cost-usd.js";
import { planPersonas } from "../persona-engine/engine/plan-personas.js";
import { PersonaSchema, type Persona } from "../persona-engine/persona/persona-schema.js";
import type { PersonaSource } from "./personas-phase.js";
import type { PersonaSelectionSpec } from "./persona-selection-spec.js";
import { runScenario, type ScenarioSummary } from "./run-scenario.js";
import type { Scenario } from "./scenario.js";

/** the options every library run takes: personas, model, pace, budget, run directory */
export interface LibraryRunOptions {
  /** the run directory (created; `mode` "force" replaces an existing run, "resume" continues one) */
  out: string;
  /** countries (ISO3 or names) of generated personas; with `personas`, keeps those countries only */
  countries?: readonly string[];
  /** generated personas per country (default 10 when no `personas` are given) */
  perCountry?: number;
  /** ready personas instead of generating them */
  personas?: readonly Persona[];
  seed?: number | string;
  /** a model spec string (offline | openai:<model>[@url] | …; default "offline") or a LangChain chat model */
  model?: string | BaseChatModel;
  /** the provider key and server for a remote spec string (env vars are not read) */
  apiKey?: string;
  baseURL?: string;
  /** embeddings for generated personas: a spec string (default "offline") or LangChain embeddings */
  embeddings?: string | Embeddings;
  /** profile attributes per generated persona (default 220) */
  attributes?: number;
  /** disk cache for the taxonomy embeddings (default: none, computed in memory) */
  cacheDir?: string;
  /** model requests in flight (default 8) */
  concurrency?: number;
  /** sampling sent on every request (default 1 and 1) */
  temperature?: number;
  topP?: number;
  budgetUsd?: number;
  prices?: PriceTable;
  mode?: RunStoreMode;
  signal?: AbortSignal;
}

export interface OpenedLibraryRun {
  dir: string;
  runId: string;
  store: RunStore;
  meter: UsageMeter;
  budget?: Budget;
  personas: PersonaSource;
  /** THE model client of the run (chat + embeddings; its meter is `meter`) */
  client: ModelClient;
  modelSpec: string;
  offline: boolean;
  prices: PriceTable;
  concurrency: number;
  personaEstimateUsd: number;
}

/** the persona selection of a library run (into the spec) and the personas given, kept to the spec's countries */
export function libraryPersonaSelection(o: LibraryRunOptions): { countries: string[]; perCountry?: number; seed: number | string } {
  return { countries: [...(o.countries ?? [])], ...(o.personas ? {} : { perCountry: o.perCountry ?? 10 }), seed: o.seed ?? 0 };
}

export async function openLibraryRun(
  o: LibraryRunOptions,
  spec: PersonaSelectionSpec,
  manifest: { command: string; dataVersions: Record<string, string>; onEngine?: (engine: Extract<PersonaSource, { kind: "generate" }>["engine"]) => void },
): Promise<OpenedLibraryRun> {
  const model = o.model ?? "offline";
  if (!o.personas && spec.countries.length === 0) throw new UsageError(`${manifest.command}: give \`countries\` (with \`perCountry\`) or \`personas\``);
  const wanted = new Set(spec.countries.map((c) => c.toLowerCase()));
  // given personas are validated (and normalised, as a personas file is) by the persona schema
  const given = o.personas
    ?.map((p, i) => {
      const parsed = PersonaSchema.safeParse(p);
      if (!parsed.success) throw new UsageError(`${manifest.command}: personas[${i}] is not a valid persona (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
      return parsed.data;
    })
    .filter((p) => wanted.size === 0 || wanted.has(p.country.toLowerCase()));
  if (given && given.length === 0) throw new UsageError(`${manifest.command}: no personas of ${spec.countries.join(", ")} among the given personas`);
  const plans = given ? undefined : planPersonas({ countries: [...spec.countries], perCountry: spec.perCountry as number, design: "equal", seed: spec.seed });

  const prices = o.prices ?? DEFAULT_PRICE_TABLE;
  const concurrency = o.concurrency ?? 8;
  const attributes = o.attributes ?? DEFAULT_ATTRIBUTES;
  const dir = resolve(o.out);
  const meter = new UsageMeter({ prices });
  const signal = o.signal ? { signal: o.signal } : {};
  const sampling = { temperature: o.temperature ?? DEFAULT_SAMPLING.temperature, topP: o.topP ?? DEFAULT_SAMPLING.topP };
  const client = await createModelClient({
    // a LangChain model given directly is labelled by its type ("custom:<type>")
    ...(typeof model === "string" ? { spec: model } : { spec: `custom:${model._llmType()}`, model }),
    embeddings: typeof o.embeddings === "string" ? o.embeddings : "offline",
    ...(typeof o.embeddings === "object" ? { embeddingsModel: o.embeddings } : {}),
    ...(o.apiKey ? { apiKey: o.apiKey } : {}),
    ...(o.baseURL ? { baseURL: o.baseURL } : {}),
    seed: spec.seed,
    sampling,
    concurrency,
    meter,
  });
  const modelSpec = client.spec;
  const offline = client.offline;
  const embeddingsSpec = typeof o.embeddings === "object" ? "custom" : (client.embeddingsSpec ?? "offline");
  const engine = plans ? await createPersonaEngine({ client, attributes, ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}), ...signal }) : undefined;
  if (engine) manifest.onEngine?.(engine);
  const config = { ...spec, attributes: plans ? attributes : null, concurrency, requestsPerMinute: null, budgetUsd: o.budgetUsd ?? null, temperature: sampling.temperature, top_p: sampling.topP };
  const models = { chat: modelSpec, ...(plans ? { embeddings: embeddingsSpec } : {}) };
  const store = await openRunStore({
    dir,
    mode: o.mode ?? "create",
    // frozen for the offline model: offline runs are byte-identical
    clock: offline ? () => 0 : systemClock,
    finishFields: (m) => ({ usage: usageManifestBlock(meter, m.usage) }),
    manifest: {
      // the same id a command gives the same run (a hash of what was asked, not of the directory)
      run_id: runIdOf(manifest.command, config, spec.seed, models),
      command: manifest.command,
      config,
      seed: spec.seed,
      models,
      data_versions: { ...manifest.dataVersions, ...(engine ? { taxonomy: `${engine.taxonomy.version}+${engine.taxonomy.contentHash}` } : {}) },
    },
  });
  const budget = o.budgetUsd !== undefined ? new Budget({ capUsd: o.budgetUsd, meter }) : undefined;
  return {
    dir,
    runId: store.manifest.run_id ?? basename(dir),
    store,
    meter,
    ...(budget ? { budget } : {}),
    personas: engine && plans ? { kind: "generate", engine, plans } : { kind: "file", personas: given ?? [] },
    client,
    modelSpec,
    offline,
    prices,
    concurrency,
    personaEstimateUsd: estimatePersonaCostUsd(modelSpec, prices),
  };
}

/** runs a library run's scenario to its end: a configuration error is thrown, otherwise the status and outputs */
export async function finishLibraryRun<O extends { metrics: unknown; files: unknown }>(
  run: OpenedLibraryRun,
  scenario: Scenario & { outputs(): O | undefined },
  signal: AbortSignal | undefined,
): Promise<{ status: ScenarioSummary["status"]; reason: string | null; metrics: O["metrics"] | undefined; files: O["files"] | undefined; dir: string }> {
  const summary = await runScenario({ store: run.store, scenario, ...(signal ? { signal } : {}), ...(run.budget ? { budget: run.budget } : {}) });
  if (summary.fatal) throw summary.fatal;
  const outputs = scenario.outputs();
  return { status: summary.status, reason: summary.reason, metrics: outputs?.metrics, files: outputs?.files, dir: run.dir };
}
