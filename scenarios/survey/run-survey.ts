// the survey scenario as a library call: the same run `survey run` makes (personas phase,
// responses phase, metrics.json / responses.csv / report.md / report.html in `out`), from a typed
// options object instead of flags. the model is a spec string (default "offline") resolved with
// explicit options only (no env vars, no reachability check), or a LangChain chat model.
import { basename, resolve } from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Embeddings } from "@langchain/core/embeddings";
import { UsageError } from "../../core/errors.js";
import { parseModelSpec } from "../../core/model/model-spec.js";
import { resolveChatModel } from "../../core/model/resolve-chat-model.js";
import { resolveEmbeddings } from "../../core/model/resolve-embeddings.js";
import { createCallLimiter } from "../../core/scheduler/call-limiter.js";
import { systemClock } from "../../core/scheduler/system-time.js";
import { openRunStore, type RunStoreMode } from "../../core/store/open-run-store.js";
import { Budget } from "../../core/usage/budget.js";
import { DEFAULT_PRICE_TABLE, type PriceTable } from "../../core/usage/price-table.js";
import { usageManifestBlock } from "../../core/usage/usage-manifest-block.js";
import { UsageMeter } from "../../core/usage/usage-meter.js";
import { createPersonaEngine, DEFAULT_ATTRIBUTES } from "../../persona-engine/engine/create-persona-engine.js";
import { estimatePersonaCostUsd } from "../../persona-engine/engine/estimate-persona-cost-usd.js";
import { mirrorExclusion } from "../../persona-engine/engine/mirror-exclusion.js";
import { planPersonas } from "../../persona-engine/engine/plan-personas.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { isClosedItem } from "../../surveys/item-codes.js";
import { getItem } from "../../surveys/load-instrument.js";
import { mirrorsFor, mirrorsVersion } from "../../surveys/load-mirrors.js";
import { resolveInstrument } from "../../surveys/resolve-instrument.js";
import type { PersonaSource } from "../personas-phase.js";
import { runScenario, type ScenarioSummary } from "../run-scenario.js";
import { surveyScenario, type SurveyOutputs } from "./survey-scenario.js";
import { SurveySpecSchema, type SurveyArm, type SurveySpec } from "./survey-spec.js";

export interface RunSurveyOptions {
  /** the run directory (created; `mode` "force" replaces an existing run, "resume" continues one) */
  out: string;
  /** countries (ISO3 or names) of generated personas; with `personas`, keeps those countries only */
  countries?: readonly string[];
  /** generated personas per country (default 10 when no `personas` are given) */
  perCountry?: number;
  /** ready personas instead of generating them */
  personas?: readonly Persona[];
  /** shipped instrument id (wvs | bigfive | bfi44) or a questionnaire file; default "wvs" */
  instrument?: string;
  /** item ids to ask (default: every closed item of the instrument) */
  items?: readonly string[];
  /** "deep" first, then baselines (uniform, tao2024, empty, demographics, cultural-prompting, deep-<k>); default ["deep"] */
  arms?: readonly SurveyArm[];
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
  /** model calls in flight (default 8) */
  concurrency?: number;
  budgetUsd?: number;
  prices?: PriceTable;
  mode?: RunStoreMode;
  signal?: AbortSignal;
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
  const model = options.model ?? "offline";
  const modelSpec = typeof model === "string" ? model : `custom:${model._llmType()}`;
  const offline = typeof model === "string" && parseModelSpec(model).provider === "offline";
  const spec: SurveySpec = SurveySpecSchema.parse({
    ...options.spec,
    instrument: options.instrument ?? "wvs",
    countries: [...(options.countries ?? [])],
    ...(options.personas ? {} : { perCountry: options.perCountry ?? 10 }),
    ...(options.items ? { items: [...options.items] } : {}),
    ...(options.arms ? { arms: [...options.arms] } : {}),
    seed: options.seed ?? 0,
  });
  const cwd = process.cwd();
  const instrument = resolveInstrument(cwd, spec.instrument);
  const asked = spec.items?.flatMap((id) => instrument.batteries.find((bt) => bt.id === id)?.members.map((m) => m.item).filter((m) => instrument.items.some((i) => i.id === m)) ?? [id]);
  const items = asked ? [...new Set(asked)].map((id) => getItem(instrument, id)) : instrument.items.filter(isClosedItem);
  const open = items.find((i) => !isClosedItem(i));
  if (open) throw new UsageError(`item '${open.id}' is an open question; runSurvey asks closed items only`);
  spec.items = items.map((i) => i.id);
  if (!options.personas && spec.countries.length === 0) throw new UsageError("runSurvey: give `countries` (with `perCountry`) or `personas`");
  const wanted = new Set(spec.countries.map((c) => c.toLowerCase()));
  const filePersonas = options.personas?.filter((p) => wanted.size === 0 || wanted.has(p.country.toLowerCase()));
  if (filePersonas && filePersonas.length === 0) throw new UsageError(`runSurvey: no personas of ${spec.countries.join(", ")} among the given personas`);
  const plans = filePersonas ? undefined : planPersonas({ countries: [...spec.countries], perCountry: spec.perCountry as number, design: "equal", seed: spec.seed });

  const chatOptions = { ...(options.apiKey ? { apiKey: options.apiKey } : {}), ...(options.baseURL ? { baseURL: options.baseURL } : {}) };
  const chat = typeof model === "string" ? await resolveChatModel(model, { ...chatOptions, seed: spec.seed }) : model;
  const answerModel =
    typeof model === "string"
      ? await resolveChatModel(model, { ...chatOptions, ...(offline ? { seed: spec.seed } : {}), ...(spec.answer === "logprob" ? { logprobs: true, topLogprobs: 20, ...(offline ? {} : { maxTokens: 4 }) } : {}) })
      : model;
  const embeddingsSpec = typeof options.embeddings === "string" ? options.embeddings : options.embeddings ? "custom" : "offline";
  const embeddings = typeof options.embeddings === "object" ? options.embeddings : await resolveEmbeddings(embeddingsSpec, chatOptions);
  const prices = options.prices ?? DEFAULT_PRICE_TABLE;
  const concurrency = options.concurrency ?? 8;
  const attributes = options.attributes ?? DEFAULT_ATTRIBUTES;
  const dir = resolve(cwd, options.out);
  const meter = new UsageMeter({ prices });
  const engine = plans
    ? await createPersonaEngine({ chat, modelSpec, embeddings, embeddingsSpec, attributes, meter, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}), limiter: createCallLimiter(concurrency), ...(options.signal ? { signal: options.signal } : {}) })
    : undefined;
  const store = await openRunStore({
    dir,
    mode: options.mode ?? "create",
    clock: systemClock,
    finishFields: (m) => ({ usage: usageManifestBlock(meter, m.usage) }),
    manifest: {
      command: "survey run",
      config: { ...spec, attributes: plans ? attributes : null, concurrency, requestsPerMinute: null, budgetUsd: options.budgetUsd ?? null },
      seed: spec.seed,
      models: { chat: modelSpec, ...(plans ? { embeddings: embeddingsSpec } : {}) },
      data_versions: {
        instrument: `${instrument.id}@${instrument.version}`,
        mirrors: mirrorsVersion() ?? "none",
        ...(engine ? { taxonomy: `${engine.taxonomy.version}+${engine.taxonomy.contentHash}` } : {}),
      },
    },
  });
  const personas: PersonaSource = engine && plans ? { kind: "generate", engine, plans } : { kind: "file", personas: filePersonas ?? [] };
  // no pre-answers: generated personas leave out the taxonomy leaves that mirror the asked items
  if (engine) engine.excludedMirrors = mirrorExclusion(engine.taxonomy, Object.values(mirrorsFor(instrument, spec.items)).flat());
  const scenario = surveyScenario({
    spec,
    runId: store.manifest.run_id ?? basename(dir),
    instrument,
    items,
    personas,
    model: answerModel,
    modelSpec,
    synthetic: offline,
    concurrency,
    meter,
    prices,
    personaEstimateUsd: estimatePersonaCostUsd(modelSpec, prices),
  });
  const budget = options.budgetUsd !== undefined ? new Budget({ capUsd: options.budgetUsd, meter }) : undefined;
  const summary = await runScenario({ store, scenario, ...(options.signal ? { signal: options.signal } : {}), ...(budget ? { budget } : {}) });
  if (summary.fatal) throw summary.fatal;
  const outputs = scenario.outputs();
  return { status: summary.status, reason: summary.reason, metrics: outputs?.metrics, files: outputs?.files, dir };
}
