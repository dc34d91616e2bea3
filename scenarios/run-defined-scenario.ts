// a defined scenario as a library call (runSurvey, runDiscussion): the same spec, prepare, phases,
// finalize and failure policy as its cli command, from a typed options object — models from
// explicit options (a spec string resolved without env vars, or LangChain objects), no flags, no
// env, no reachability check. bad options throw a UsageError before anything is written; a
// configuration error met while running is thrown; otherwise the status and the outputs.
import { resolve } from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Embeddings } from "@langchain/core/embeddings";
import { UsageError } from "../core/errors.js";
import { createModelClient, type ModelClient, type ModelClientEvent } from "../core/model/model-client.js";
import { createCallLimiter } from "../core/scheduler/call-limiter.js";
import { systemClock } from "../core/scheduler/system-time.js";
import type { RunStoreMode } from "../core/store/open-run-store.js";
import { DEFAULT_PRICE_TABLE, type PriceTable } from "../core/usage/price-table.js";
import { UsageMeter } from "../core/usage/usage-meter.js";
import { createPersonaEngine } from "../persona-engine/engine/create-persona-engine.js";
import { PersonaSchema, type Persona } from "../persona-engine/persona/persona-schema.js";
import { parseSpec } from "./parse-spec.js";
import { scenarioOf, type ScenarioDefinition, type ScenarioOutputs, type ScenarioPlanBase } from "./define-scenario.js";
import { openScenarioRun, type RunModels } from "./open-scenario-run.js";
import { runScenario, type ScenarioSummary } from "./run-scenario.js";
import type { RunSettings } from "./run-settings-spec.js";

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

export interface LibraryRunResult<O extends ScenarioOutputs> {
  status: ScenarioSummary["status"];
  reason: string | null;
  /** metrics.json's content (undefined when the run stopped before finalize) */
  metrics: O["metrics"] | undefined;
  files: O["files"] | undefined;
  dir: string;
}

/** the spec fields a library call's options give (persona selection and run settings) */
export function librarySpecFields(o: LibraryRunOptions): Record<string, unknown> {
  return {
    countries: [...(o.countries ?? [])],
    ...(o.personas ? {} : { perCountry: o.perCountry ?? 10 }),
    seed: o.seed ?? 0,
    ...(o.personas ? { attributes: null } : o.attributes !== undefined ? { attributes: o.attributes } : {}),
    ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
    ...(o.budgetUsd !== undefined ? { budgetUsd: o.budgetUsd } : {}),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.topP !== undefined ? { top_p: o.topP } : {}),
  };
}

export async function runDefinedScenario<
  S extends RunSettings & { seed: number | string; countries: string[] },
  P extends ScenarioPlanBase<S>,
  O extends ScenarioOutputs,
>(def: ScenarioDefinition<S, P, O>, input: Record<string, unknown>, o: LibraryRunOptions, entry: string): Promise<LibraryRunResult<O>> {
  const spec = parseSpec(def.spec, input, entry);
  if (!o.personas && spec.countries.length === 0)
    throw new UsageError(`${entry}: give \`countries\` (with \`perCountry\`) or \`personas\``);
  // given personas are validated (and normalised, as a personas file is) by the persona schema
  const personas = o.personas?.map((p, i) => {
    const parsed = PersonaSchema.safeParse(p);
    if (!parsed.success)
      throw new UsageError(
        `${entry}: personas[${i}] is not a valid persona (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`,
      );
    return parsed.data;
  });
  const plan = await def.prepare(spec, { cwd: process.cwd(), ...(personas ? { personas } : {}) });
  const models = await libraryModels(o, plan.spec);
  const dir = resolve(o.out);
  const opened = await openScenarioRun(def, { plan, models, dir, mode: o.mode ?? "create" });
  const scenario = scenarioOf(def, plan, opened.run);
  const summary = await runScenario({
    store: opened.store,
    scenario,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(opened.budget ? { budget: opened.budget } : {}),
  });
  if (summary.fatal) throw summary.fatal;
  const outputs = scenario.outputs();
  return { status: summary.status, reason: summary.reason, metrics: outputs?.metrics, files: outputs?.files, dir };
}

/** the run's models from explicit options: one limiter and meter for every client */
async function libraryModels(o: LibraryRunOptions, spec: RunSettings & { seed: number | string }): Promise<RunModels> {
  const model = o.model ?? "offline";
  const prices = o.prices ?? DEFAULT_PRICE_TABLE;
  const meter = new UsageMeter({ prices });
  const listeners = new Set<(event: ModelClientEvent) => void>();
  const shared = {
    ...(o.apiKey ? { apiKey: o.apiKey } : {}),
    ...(o.baseURL ? { baseURL: o.baseURL } : {}),
    seed: spec.seed,
    sampling: { temperature: spec.temperature, topP: spec.top_p },
    limiter: createCallLimiter(spec.concurrency),
    meter,
    onEvent: (event: ModelClientEvent) => listeners.forEach((l) => l(event)),
  };
  const client = await createModelClient({
    // a LangChain model given directly is labelled by its type ("custom:<type>")
    ...(typeof model === "string" ? { spec: model } : { spec: `custom:${model._llmType()}`, model }),
    embeddings: typeof o.embeddings === "string" ? o.embeddings : "offline",
    ...(typeof o.embeddings === "object" ? { embeddingsModel: o.embeddings } : {}),
    ...shared,
  });
  const clients: ModelClient[] = [client];
  return {
    client,
    meter,
    prices,
    embeddingsSpec: typeof o.embeddings === "object" ? "custom" : (client.embeddingsSpec ?? "offline"),
    // frozen for the offline model: offline runs are byte-identical
    clock: () => (clients.every((c) => c.offline) ? 0 : systemClock()),
    offlineOnly: () => clients.every((c) => c.offline),
    async roleClient(roleSpec) {
      const role = await createModelClient({ spec: roleSpec, ...shared });
      clients.push(role);
      return role;
    },
    createEngine: (attributes) =>
      createPersonaEngine({
        client,
        attributes,
        ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      }),
    onEvent: (listener) => listeners.add(listener),
  };
}
