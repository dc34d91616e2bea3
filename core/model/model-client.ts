// THE path for every chat and embedding call. one client per role and run owns:
// - the model reference (provider, model, base URL), recorded whole as `spec` in the manifest;
// - the per-call seed: a pure function of (run seed, the call's REQUIRED key), sent as the
//   request `seed` on every request (the offline model honours it, OpenAI-compatible servers do);
// - the clock: frozen at 0 for the offline model, so offline output (latency_ms, event
//   timestamps) is byte-identical; performance.now otherwise;
// - THE limiter of the run (requests in flight + requests per minute), shared by a run's clients;
// - the retry policy (invoke-with-retry.ts: transient errors, backoff, Retry-After) and the one
//   repair of structured output (structured-call.ts), each reported as a `retry` / `repair` event;
// - metering (UsageMeter) and the sampling parameters (temperature, top_p) sent on every request.
// callers pass `{key, messages, schema?, name?, promptVersion, signal}` and see nothing else.
//   const client = await createModelClient({ spec: "offline", seed: 7 });
//   const r = await client.structured({ key: "p1/identity", schema, name: "identity", messages });
import type { Embeddings } from "@langchain/core/embeddings";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessageLike } from "@langchain/core/messages";
import type { z } from "zod";
import { createRng, hashString32 } from "../rng.js";
import { createCallLimiter, type CallLimiter } from "../scheduler/call-limiter.js";
import { retryTransient, type RetryInfo, type Sleep } from "../structured/invoke-with-retry.js";
import { structuredCall, type StructuredCallResult } from "../structured/structured-call.js";
import { textCall, type TextCallResult } from "../structured/text-call.js";
import type { JsonObject } from "../structured/to-strict-json-schema.js";
import { UsageMeter } from "../usage/usage-meter.js";
import { DEFAULT_BASE_URLS, DEFAULT_OPENAI_BASE_URL, formatModelSpec, parseModelSpec, providerBaseURL, REMOTE_PROVIDERS, type ModelSpec } from "./model-spec.js";
import { resolveChatModel, type ResolveChatModelOptions } from "./resolve-chat-model.js";
import { resolveEmbeddings } from "./resolve-embeddings.js";
import { attachServerProfile, type ServerProfile } from "./server-profile.js";

/** the model a client talks to, as the manifest records it */
export interface ModelRef {
  provider: string;
  /** null for the offline model */
  model: string | null;
  /** the server that answers (null for the offline model) */
  baseURL: string | null;
  /** canonical spec: "offline", "<provider>:<model>" (the provider's public server) or "<provider>:<model>@<baseURL>" */
  spec: string;
}

export interface SamplingParams {
  temperature: number;
  topP: number;
}

/** sent on every request unless the run says otherwise: distributional answers (docs/DECISIONS.md) */
export const DEFAULT_SAMPLING: SamplingParams = { temperature: 1, topP: 1 };

/** the transient-retry knobs (tests shorten them once, when creating the client) */
export interface RetryPolicy {
  /** retries after transient errors (default 4) */
  maxTransientRetries?: number;
  /** first backoff delay (default 1000 ms) */
  baseDelayMs?: number;
  /** a Retry-After longer than this is not waited for (default 60 000 ms) */
  maxRetryAfterMs?: number;
  sleep?: Sleep;
}

export type ModelClientEvent =
  | { type: "retry"; key: string; reason: string; attempt: number; model: string; status?: number; wait_ms: number }
  | { type: "repair"; key: string; model: string; error: string };

/** the embeddings a client serves (LangChain's Embeddings shape, so taxonomy code takes either) */
export interface EmbeddingsPort {
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  /** versions the vectors for on-disk caches (the offline embeddings have one) */
  readonly cacheKey?: string;
}

export interface CreateModelClientOptions {
  /** the chat model: "offline" | "openai:<model>[@<baseURL>]" (or parsed) */
  spec: string | ModelSpec;
  /** a ready chat model instead of resolving `spec` (tests: scripted models); `spec` labels it
   *  (any label, e.g. "scripted", when it is not a model spec) */
  model?: BaseChatModel;
  /** the embeddings spec (default: none; `embeddings` then throws) */
  embeddings?: string | ModelSpec;
  /** ready embeddings instead of resolving the `embeddings` spec */
  embeddingsModel?: Embeddings;
  apiKey?: string;
  /** the server for specs without "@<baseURL>" (--base-url or the provider's env) */
  baseURL?: string;
  /** azure: the REST API version */
  apiVersion?: string;
  /** key and server of the embeddings (openai: specs) when they differ from the chat model's */
  embeddingsEnv?: { apiKey?: string; baseURL?: string };
  /** applied to every chat model the client builds (the cli: response cache, dry-run guard) */
  wrapModel?: (model: BaseChatModel) => BaseChatModel;
  /** per-request timeout, ms (default 60 000) */
  timeoutMs?: number;
  /** the chat server's capability profile (server-profile.ts, --server-kind): attached to every
   *  chat model the client builds (schemas compiled in its dialect), its default max_tokens and,
   *  for logprob answers, its label-answer body (llama.cpp grammar) */
  serverProfile?: ServerProfile;
  /** the run seed: per-call seeds derive from it and each call's key */
  seed: number | string;
  /** default DEFAULT_SAMPLING */
  sampling?: Partial<SamplingParams>;
  /** the run's limiter (shared by its clients); else one of `concurrency` / `requestsPerMinute` */
  limiter?: CallLimiter;
  concurrency?: number;
  requestsPerMinute?: number;
  meter?: UsageMeter;
  /** ms clock for latencies (default: frozen at 0 offline, performance.now otherwise) */
  clock?: () => number;
  retry?: RetryPolicy;
  /** every retry and repair (the cli writes them to events.jsonl) */
  onEvent?: (event: ModelClientEvent) => void;
}

interface CallRequest {
  /** the call's identity in the run: its per-call seed derives from it (required, unique per call) */
  key: string;
  messages: BaseMessageLike[];
  /** prompt version id, echoed in the result for records */
  promptVersion?: string;
  signal?: AbortSignal;
}

export interface StructuredRequest<S extends z.ZodType> extends CallRequest {
  schema: S;
  /** schema name sent to the provider */
  name: string;
  /** the strict JSON schema for `schema` when the caller builds it directly (hot paths) */
  jsonSchema?: JsonObject;
}

export interface TextRequest extends CallRequest {
  /** ask for the top-k alternatives of every token (logprob answering) */
  topLogprobs?: number;
  /** output token cap for this call */
  maxTokens?: number;
}

export interface ModelClient {
  readonly ref: ModelRef;
  /** ref.spec: what records and the meter name */
  readonly spec: string;
  readonly offline: boolean;
  readonly sampling: SamplingParams;
  /** the clock latencies are measured with (frozen offline); the run store may share it */
  readonly clock: () => number;
  readonly limiter: CallLimiter;
  /** the meter every request is recorded in (the run's, or the client's own) */
  readonly meter: UsageMeter;
  /** the embeddings spec (undefined when the client has no embeddings) */
  readonly embeddingsSpec: string | undefined;
  /** the chat server's capability profile, when the client was given one */
  readonly serverProfile: ServerProfile | undefined;
  /** the embeddings (not limited: one request per batch of texts; LangChain's own retries) */
  readonly embeddings: EmbeddingsPort;
  /** the request seed of the call with this key */
  seedFor(key: string): number;
  structured<S extends z.ZodType>(request: StructuredRequest<S>): Promise<StructuredCallResult<z.output<S>>>;
  text(request: TextRequest): Promise<TextCallResult>;
  /** observe retries and repairs (e.g. the run store, once opened); returns an unsubscribe */
  onEvent(listener: (event: ModelClientEvent) => void): () => void;
}

/** the reference of a spec with the --base-url fallback applied */
export function modelRef(spec: string | ModelSpec, options: { baseURL?: string } = {}): ModelRef {
  const parsed = typeof spec === "string" ? parseModelSpec(spec) : spec;
  if (parsed.provider === "offline") return { provider: "offline", model: null, baseURL: null, spec: "offline" };
  const baseURL = providerBaseURL(parsed, options.baseURL);
  const publicDefault = parsed.provider === "openai" ? DEFAULT_OPENAI_BASE_URL : DEFAULT_BASE_URLS[parsed.provider];
  const canonical = formatModelSpec(baseURL === undefined || baseURL === publicDefault ? { ...parsed, baseURL: undefined } : { ...parsed, baseURL });
  return { provider: parsed.provider, model: parsed.model, baseURL: baseURL ?? null, spec: canonical };
}

/** the request seed of a call: a pure function of the run seed and the call's key */
export function callSeed(seed: number | string, key: string): number {
  return hashString32(`${String(seed)}/${key}`);
}

/** an injected model may carry any label as its spec (tests: "scripted") */
function refOf(options: CreateModelClientOptions): ModelRef {
  const fallback = options.baseURL === undefined ? {} : { baseURL: options.baseURL };
  if (options.model && typeof options.spec === "string" && !new RegExp(`^(offline$|(${REMOTE_PROVIDERS.join("|")}):)`).test(options.spec)) {
    return { provider: options.model._llmType(), model: options.spec, baseURL: null, spec: options.spec };
  }
  return modelRef(options.spec, fallback);
}

export async function createModelClient(options: CreateModelClientOptions): Promise<ModelClient> {
  const ref = refOf(options);
  const offline = ref.provider === "offline";
  const sampling: SamplingParams = { ...DEFAULT_SAMPLING, ...options.sampling };
  const clock = options.clock ?? (offline ? () => 0 : () => performance.now());
  const limiter = options.limiter ?? createCallLimiter(options.concurrency ?? 8, { requestsPerMinute: options.requestsPerMinute });
  const meter = options.meter ?? new UsageMeter();
  const listeners = new Set<(event: ModelClientEvent) => void>();
  if (options.onEvent) listeners.add(options.onEvent);
  const emit = (event: ModelClientEvent) => {
    for (const l of listeners) l(event);
  };
  const common: ResolveChatModelOptions = {
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: 0,
    temperature: sampling.temperature,
    topP: sampling.topP,
    // the offline model keeps the run seed (each call mixes in its own); remote models get none
    // fixed: every request carries its per-call seed
    ...(offline ? { seed: options.seed } : {}),
  };
  // model variants by request shape (logprobs, token cap), built once on first use
  const variants = new Map<string, Promise<BaseChatModel>>();
  const profile = options.serverProfile;
  /** wrapped (cache, dry-run guard), then tagged with the server profile (structuredCall reads it) */
  const finish = (built: BaseChatModel): BaseChatModel => {
    const wrapped = options.wrapModel ? options.wrapModel(built) : built;
    return profile ? attachServerProfile(wrapped, profile) : wrapped;
  };
  const modelFor = (v: { topLogprobs?: number | undefined; maxTokens?: number | undefined }): Promise<BaseChatModel> => {
    if (options.model) return Promise.resolve(finish(options.model));
    const maxTokens = v.maxTokens ?? profile?.maxOutputTokens;
    // logprob answers: a server that can restrict the answer to one label character gets that body
    const extraBody = v.topLogprobs !== undefined ? profile?.labelAnswerBody : undefined;
    const id = `${v.topLogprobs ?? ""}/${maxTokens ?? ""}`;
    let m = variants.get(id);
    if (!m) {
      m = resolveChatModel(ref.spec, {
        ...common,
        ...(v.topLogprobs === undefined ? {} : { logprobs: true, topLogprobs: v.topLogprobs }),
        ...(maxTokens === undefined ? {} : { maxTokens }),
        ...(extraBody ? { extraBody } : {}),
      }).then(finish);
      variants.set(id, m);
    }
    return m;
  };
  await modelFor({}); // configuration errors (a missing key) surface at creation, not mid-run

  let rawEmbeddings: EmbeddingsPort | undefined = options.embeddingsModel;
  if (!rawEmbeddings && options.embeddings !== undefined) {
    const env = options.embeddingsEnv ?? { ...(options.apiKey ? { apiKey: options.apiKey } : {}), ...(options.baseURL ? { baseURL: options.baseURL } : {}) };
    rawEmbeddings = await resolveEmbeddings(options.embeddings, {
      ...(env.apiKey ? { apiKey: env.apiKey } : {}),
      ...(env.baseURL ? { baseURL: env.baseURL } : {}),
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRetries: 0, // our retry policy below, so every retry is an event
    });
  }
  const embeddingsSpec =
    options.embeddings === undefined ? undefined : modelRef(options.embeddings, (options.embeddingsEnv ?? options).baseURL === undefined ? {} : { baseURL: (options.embeddingsEnv ?? options).baseURL as string }).spec;

  const seedFor = (key: string) => callSeed(options.seed, key);
  /** the retry policy of the call with this key: knobs, jitter stream, retry events */
  const retryContext = (key: string, spec: string, signal: AbortSignal | undefined) => ({
    ...(signal ? { signal } : {}),
    ...(options.retry?.sleep ? { sleep: options.retry.sleep } : {}),
    ...(options.retry?.maxTransientRetries === undefined ? {} : { maxTransientRetries: options.retry.maxTransientRetries }),
    ...(options.retry?.baseDelayMs === undefined ? {} : { baseDelayMs: options.retry.baseDelayMs }),
    ...(options.retry?.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: options.retry.maxRetryAfterMs }),
    // backoff jitter: its own stream per call, so retries are reproducible given the failures
    rng: createRng(`retry/${String(options.seed)}/${key}`),
    onRetry: (r: RetryInfo) => {
      meter.recordRetry();
      emit({ type: "retry", key, reason: r.reason, attempt: r.attempt, model: spec, ...(r.status === undefined ? {} : { status: r.status }), wait_ms: r.waitMs });
    },
  });
  /** what every request of the call with this key shares */
  const callContext = (key: string, signal: AbortSignal | undefined) => ({ modelSpec: ref.spec, clock, limiter, meter, ...retryContext(key, ref.spec, signal) });
  // embeddings: our retry policy (events included); not limited, not metered (no usage reported)
  const embedKey = (texts: readonly string[]) => `embeddings/${(hashString32(texts.join("\n")) >>> 0).toString(16)}`;
  const embeddings: EmbeddingsPort | undefined = rawEmbeddings && {
    ...(rawEmbeddings.cacheKey === undefined ? {} : { cacheKey: rawEmbeddings.cacheKey }),
    embedDocuments: async (texts) => {
      const raw = rawEmbeddings as EmbeddingsPort;
      return (await retryTransient({ modelSpec: embeddingsSpec ?? "embeddings", ...retryContext(embedKey(texts), embeddingsSpec ?? "embeddings", undefined) }, () => raw.embedDocuments(texts))).value;
    },
    embedQuery: async (text) => {
      const raw = rawEmbeddings as EmbeddingsPort;
      return (await retryTransient({ modelSpec: embeddingsSpec ?? "embeddings", ...retryContext(embedKey([text]), embeddingsSpec ?? "embeddings", undefined) }, () => raw.embedQuery(text))).value;
    },
  };
  const requestOptions = (key: string) => ({ seed: seedFor(key) });
  // response cache (core/cache/): attached to the chat model by `wrapModel` (the cli); structuredCall
  // and textCall look every request up in it and store accepted results

  return {
    ref,
    spec: ref.spec,
    offline,
    sampling,
    clock,
    limiter,
    meter,
    embeddingsSpec,
    serverProfile: profile,
    get embeddings(): EmbeddingsPort {
      if (!embeddings) throw new Error(`model client ${ref.spec} was created without embeddings`);
      return embeddings;
    },
    seedFor,
    async structured<S extends z.ZodType>(request: StructuredRequest<S>) {
      return structuredCall({
        ...callContext(request.key, request.signal),
        model: await modelFor({}),
        messages: request.messages,
        schema: request.schema,
        name: request.name,
        ...(request.jsonSchema ? { jsonSchema: request.jsonSchema } : {}),
        ...(request.promptVersion === undefined ? {} : { promptVersion: request.promptVersion }),
        callOptions: requestOptions(request.key),
        onRepair: (error: string) => {
          meter.recordRepair();
          emit({ type: "repair", key: request.key, model: ref.spec, error: error.split("\n")[0] ?? "" });
        },
      });
    },
    async text(request: TextRequest) {
      // an injected model gets logprobs as call options (the offline and scripted models read them)
      // a server's profile caps the alternatives a request may ask for
      const topLogprobs = request.topLogprobs === undefined || !profile ? request.topLogprobs : Math.min(request.topLogprobs, profile.topLogprobsMax);
      const logprobOptions = options.model && topLogprobs !== undefined ? { logprobs: true, top_logprobs: topLogprobs } : {};
      return textCall({
        ...callContext(request.key, request.signal),
        model: await modelFor({ topLogprobs, maxTokens: request.maxTokens }),
        messages: request.messages,
        ...(request.promptVersion === undefined ? {} : { promptVersion: request.promptVersion }),
        callOptions: { ...requestOptions(request.key), ...logprobOptions },
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
