// THE path for every chat and embedding call. one client per role and run owns:
// - the model reference (provider, model, base URL), recorded whole as `spec` in the manifest;
// - the per-call seed: a pure function of (run seed, the call's REQUIRED key), sent as the
//   request `seed` on every request (the offline model honours it, OpenAI-compatible servers do);
// - the clock: frozen at 0 for the offline model, so offline output (latency_ms, event
//   timestamps) is byte-identical; performance.now otherwise;
// - THE limiter of the run (requests in flight + requests per minute), shared by a run's clients;
// - the retry policy (invoke-with-retry.ts: transient errors, backoff, Retry-After) and the one
//   repair of structured output (structured-call.ts), each reported as a `retry` / `repair` event;
// - metering (UsageMeter) and the sampling parameters (temperature, top_p) sent on every request;
// - the executor (core/executor/): the client BUILDS each request as a plain CallRequest and
//   INTERPRETS its CallResponse (parse, validate, repair, metering, events); the executor SENDS it —
//   the local executor in this process by default (today's path), or queue workers / a batch API.
// callers pass `{key, messages, schema?, name?, promptVersion, signal}` and see nothing else.
//   const client = await createModelClient({ spec: "offline", seed: 7 });
//   const r = await client.structured({ key: "p1/identity", schema, name: "identity", messages });
import type { Embeddings } from "@langchain/core/embeddings";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessageLike } from "@langchain/core/messages";
import type { z } from "zod";
import { callErrorOf } from "../executor/call-error-data.js";
import type { CallExecutor } from "../executor/call-executor.js";
import type { CallRequest } from "../executor/call-request.js";
import { callRequestOf } from "../executor/call-request-of.js";
import type { CallSuccess } from "../executor/call-response.js";
import { createLocalExecutor, type LocalExecutor } from "../executor/local-executor.js";
import { toPlainMessages } from "../executor/plain-messages.js";
import { createRng, hashString32 } from "../rng.js";
import { createCallLimiter, type CallLimiter } from "../scheduler/call-limiter.js";
import { cancelled, retryTransient, type RetryInfo, type Sleep } from "../structured/invoke-with-retry.js";
import { structuredRounds, structuredSchemas, type StructuredCallResult } from "../structured/structured-call.js";
import type { TextCallResult } from "../structured/text-call.js";
import type { JsonObject } from "../structured/to-strict-json-schema.js";
import { UsageMeter } from "../usage/usage-meter.js";
import { REMOTE_PROVIDERS, type ModelSpec } from "./model-spec.js";
import { modelRef, type ModelRef } from "./model-ref.js";

import { resolveEmbeddings } from "./resolve-embeddings.js";
import { serverProfileOf, type ServerProfile } from "./server-profile.js";
import { logprobsOf } from "./token-logprob.js";

export { modelRef, type ModelRef } from "./model-ref.js";

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
  | { type: "repair"; key: string; model: string; error: string }
  | BatchProgressEvent;

/** progress of an OpenAI-batch executor (--executor batch): a batch created, polled, ended, or a
 *  round of unanswered requests resubmitted; server-given ids and statuses arrive sanitised */
export type BatchProgressEvent = {
  type: "batch";
  stage: "created" | "status" | "done" | "resubmit";
  round?: number;
  batch?: string;
  status?: string;
  requests?: number;
  answered?: number;
  errored?: number;
  missing?: number;
  rejected?: number;
};

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
  /** who sends the calls (core/executor/): default a local executor built from the options above;
   *  another executor (queue, batch) gets plain CallRequests and no key */
  executor?: CallExecutor;
  /** prefix of every CallRequest id (stable across sessions: the run id; default `seed<seed>`) */
  runId?: string;
}

interface ClientRequest {
  /** the call's identity in the run: its per-call seed derives from it (required, unique per call) */
  key: string;
  messages: BaseMessageLike[];
  /** prompt version id, echoed in the result for records */
  promptVersion?: string;
  signal?: AbortSignal;
}

export interface StructuredRequest<S extends z.ZodType> extends ClientRequest {
  schema: S;
  /** schema name sent to the provider */
  name: string;
  /** the strict JSON schema for `schema` when the caller builds it directly (hot paths) */
  jsonSchema?: JsonObject;
}

export interface TextRequest extends ClientRequest {
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
  const profile = options.serverProfile;
  const recordRetry = (key: string, spec: string, r: RetryInfo) => {
    meter.recordRetry();
    emit({
      type: "retry",
      key,
      reason: r.reason,
      attempt: r.attempt,
      model: spec,
      ...(r.status === undefined ? {} : { status: r.status }),
      wait_ms: r.waitMs,
    });
  };
  const executor: CallExecutor =
    options.executor ??
    createLocalExecutor({
      // the options they share: spec, model, apiKey, baseURL, apiVersion, timeoutMs, wrapModel, serverProfile, retry
      ...options,
      ref,
      limiter,
      clock,
      live: { meter, onRetry: (key, r) => recordRetry(key, ref.spec, r) },
    });
  // configuration errors (a missing key) surface at creation, not mid-run
  if (!options.executor) await (executor as LocalExecutor).warm({ sampling, runSeed: options.seed });

  const env = options.embeddingsEnv ?? options;
  let rawEmbeddings: EmbeddingsPort | undefined = options.embeddingsModel;
  if (!rawEmbeddings && options.embeddings !== undefined) {
    rawEmbeddings = await resolveEmbeddings(options.embeddings, {
      ...(env.apiKey ? { apiKey: env.apiKey } : {}),
      ...(env.baseURL ? { baseURL: env.baseURL } : {}),
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRetries: 0, // our retry policy below, so every retry is an event
    });
  }
  const embeddingsSpec = options.embeddings === undefined ? undefined : modelRef(options.embeddings, { baseURL: env.baseURL }).spec;

  const seedFor = (key: string) => callSeed(options.seed, key);
  // embeddings: our retry policy (knobs, a jitter stream per request, retry events); not limited,
  // not metered (no usage reported)
  const embedSpec = embeddingsSpec ?? "embeddings";
  const withRetry = async <T>(texts: readonly string[], request: () => Promise<T>): Promise<T> => {
    const key = `embeddings/${(hashString32(texts.join("\n")) >>> 0).toString(16)}`;
    const policy = {
      modelSpec: embedSpec,
      ...options.retry,
      // backoff jitter: its own stream per call, so retries are reproducible given the failures
      rng: createRng(`retry/${String(options.seed)}/${key}`),
      onRetry: (r: RetryInfo) => recordRetry(key, embedSpec, r),
    };
    return (await retryTransient(policy, request)).value;
  };
  const raw = rawEmbeddings;
  const embeddings: EmbeddingsPort | undefined = raw && {
    ...(raw.cacheKey === undefined ? {} : { cacheKey: raw.cacheKey }),
    embedDocuments: (texts) => withRetry(texts, () => raw.embedDocuments(texts)),
    embedQuery: (text) => withRetry([text], () => raw.embedQuery(text)),
  };

  const runId = options.runId ?? `seed${String(options.seed)}`;
  /** a plain request (core/executor/call-request.ts) for one send of the call with this key */
  const buildRequest = (
    kind: CallRequest["kind"],
    key: string,
    round: number,
    input: Omit<CallRequest["input"], "sampling" | "seed" | "runSeed">,
  ): CallRequest =>
    callRequestOf({ runId, key, round, kind, model: ref.spec, input: { ...input, sampling, seed: seedFor(key), runSeed: options.seed } });
  /** sends through the executor; a remote executor's logged requests and retries reach the meter and events */
  const send = async (request: CallRequest, signal: AbortSignal | undefined): Promise<CallSuccess> => {
    if (signal?.aborted) throw cancelled();
    const response = await executor.execute(request, signal);
    for (const r of response.requests) meter.record({ modelSpec: response.model, ...r });
    for (const r of response.retries) recordRetry(request.key, response.model, r);
    if (!response.ok) throw callErrorOf(response);
    return response;
  };
  // response cache (core/cache/): attached to the chat model by `wrapModel` (the cli); the local
  // executor looks each call's first request up, and accepted results are stored

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
      const { plain, strict } = request.jsonSchema
        ? { plain: request.jsonSchema, strict: request.jsonSchema }
        : structuredSchemas(request.schema, profile ?? serverProfileOf(options.model));
      const promptVersion = request.promptVersion === undefined ? {} : { promptVersion: request.promptVersion };
      const build = (messages: BaseMessageLike[], round: number) =>
        buildRequest("structured", request.key, round, {
          messages: toPlainMessages(messages),
          schema: strict,
          schemaName: request.name,
          ...promptVersion,
        });
      return structuredRounds({
        schema: request.schema,
        plain,
        name: request.name,
        messages: request.messages,
        modelSpec: ref.spec,
        clock,
        cache: await executor.cacheFor?.(build(request.messages, 0)),
        ...promptVersion,
        onRepair: (error: string) => {
          meter.recordRepair();
          emit({ type: "repair", key: request.key, model: ref.spec, error: error.split("\n")[0] ?? "" });
        },
        send: async (messages, round) => {
          const res = await send(build(messages, round), request.signal);
          return { raw: res.text, usage: res.usage, attempts: res.attempts };
        },
      });
    },
    async text(request: TextRequest) {
      // a server's profile caps the alternatives a request may ask for
      const topLogprobs =
        request.topLogprobs === undefined || !profile ? request.topLogprobs : Math.min(request.topLogprobs, profile.topLogprobsMax);
      const call = buildRequest("text", request.key, 0, {
        messages: toPlainMessages(request.messages),
        ...(topLogprobs === undefined ? {} : { topLogprobs }),
        ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
        ...(request.promptVersion === undefined ? {} : { promptVersion: request.promptVersion }),
      });
      const started = clock();
      const cache = await executor.cacheFor?.(call);
      if (cache?.hit) cache.accept();
      const res = cache?.hit
        ? { text: cache.hit.raw, usage: cache.hit.usage, attempts: cache.hit.attempts, logprobs: cache.hit.logprobs }
        : await send(call, request.signal);
      const latencyMs = cache?.hit ? cache.hit.latencyMs : clock() - started;
      if (cache && !cache.hit)
        await cache.save({ raw: res.text, usage: res.usage, attempts: res.attempts, latencyMs, logprobs: res.logprobs });
      const message = new AIMessage({
        content: res.text,
        response_metadata: res.logprobs === undefined ? {} : { logprobs: res.logprobs },
        usage_metadata: { input_tokens: res.usage.inputTokens, output_tokens: res.usage.outputTokens, total_tokens: res.usage.totalTokens },
      });
      const logprobs = logprobsOf(message);
      return {
        text: res.text,
        message,
        usage: res.usage,
        attempts: res.attempts,
        latencyMs,
        modelSpec: ref.spec,
        ...(logprobs ? { logprobs } : {}),
        ...(request.promptVersion === undefined ? {} : { promptVersion: request.promptVersion }),
        ...(cache?.hit ? { cached: true } : {}),
      };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
