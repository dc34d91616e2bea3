// the local executor: sends a CallRequest from this process — today's path. it owns the chat
// models (one per request shape, built once: sampling, token cap, logprobs), the provider
// adapter for structured output (core/model/structured-request.ts), the transient-retry policy
// (invoke-with-retry.ts), the run's request limiter and the response cache attached to the model.
// two uses:
// - inside the model client (the default executor): `live` hooks meter every request and report
//   every retry as it happens, so responses carry no logs;
// - inside `deeppersona worker`: no hooks; responses carry every request and retry, for the
//   coordinator's meter and events.
//   const executor = createLocalExecutor({ spec: "offline", limiter: createCallLimiter(8) });
//   const response = await executor.execute(request, signal);
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage } from "@langchain/core/messages";
import { openCacheLookup, type CacheLookup } from "../cache/open-cache-lookup.js";
import { isDeepPersonaError } from "../errors.js";
import type { RetryPolicy } from "../model/model-client.js";
import { modelRef, type ModelRef } from "../model/model-ref.js";
import type { ModelSpec } from "../model/model-spec.js";
import { resolveChatModel, type ResolveChatModelOptions } from "../model/resolve-chat-model.js";
import { attachServerProfile, type ServerProfile } from "../model/server-profile.js";
import { structuredRequest } from "../model/structured-request.js";
import { createRng } from "../rng.js";
import { createCallLimiter, type CallLimiter } from "../scheduler/call-limiter.js";
import { invokeWithRetry, type RetryInfo } from "../structured/invoke-with-retry.js";
import { messageText } from "../structured/message-text.js";
import { ModelCallError } from "../structured/model-call-error.js";
import type { UsageMeter } from "../usage/usage-meter.js";
import { failureResponse } from "./call-error-data.js";
import type { CallExecutor } from "./call-executor.js";
import type { CallRequest } from "./call-request.js";
import type { RequestLog, RetryLog } from "./call-response.js";
import { fromPlainMessages } from "./plain-messages.js";

export interface LocalExecutorOptions {
  /** the chat model this executor serves (requests for another model are refused) */
  spec: string | ModelSpec;
  /** the canonical reference (default: modelRef(spec, {baseURL})) */
  ref?: ModelRef;
  /** a ready chat model instead of resolving `spec` (tests: scripted models) */
  model?: BaseChatModel;
  apiKey?: string;
  baseURL?: string;
  apiVersion?: string;
  /** per-request timeout, ms (default 60 000) */
  timeoutMs?: number;
  /** openai: the HTTP transport of the chat models (the batch executor's; default the SDK's) */
  fetch?: typeof fetch;
  /** applied to every chat model built (the cli: response cache, dry-run guard) */
  wrapModel?: (model: BaseChatModel) => BaseChatModel;
  serverProfile?: ServerProfile;
  limiter?: CallLimiter;
  /** ms clock for request latencies (default: frozen at 0 offline, performance.now otherwise) */
  clock?: () => number;
  retry?: RetryPolicy;
  /** report requests and retries as they happen (then responses carry no logs) */
  live?: { meter: UsageMeter; onRetry(key: string, retry: RetryInfo): void };
}

export interface LocalExecutor extends CallExecutor {
  readonly kind: "local";
  readonly ref: ModelRef;
  /** build the chat model of the plain request shape now (a missing key surfaces here) */
  warm(shape?: Pick<CallRequest["input"], "sampling" | "runSeed">): Promise<void>;
}

export function createLocalExecutor(options: LocalExecutorOptions): LocalExecutor {
  const ref = options.ref ?? modelRef(options.spec, options.baseURL === undefined ? {} : { baseURL: options.baseURL });
  const offline = ref.provider === "offline";
  const clock = options.clock ?? (offline ? () => 0 : () => performance.now());
  const limiter = options.limiter ?? createCallLimiter(8);
  const profile = options.serverProfile;
  const common: ResolveChatModelOptions = {
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  /** wrapped (cache, dry-run guard), then tagged with the server profile (structuredCall reads it) */
  const finish = (built: BaseChatModel): BaseChatModel => {
    const wrapped = options.wrapModel ? options.wrapModel(built) : built;
    return profile ? attachServerProfile(wrapped, profile) : wrapped;
  };
  // model variants by request shape, built once on first use
  const variants = new Map<string, Promise<BaseChatModel>>();
  let injected: BaseChatModel | undefined;
  const modelFor = (input: CallRequest["input"]): Promise<BaseChatModel> => {
    if (options.model) return Promise.resolve((injected ??= finish(options.model)));
    const maxTokens = input.maxTokens ?? profile?.maxOutputTokens;
    // logprob answers: a server that can restrict the answer to one label character gets that body
    const extraBody = input.topLogprobs !== undefined ? profile?.labelAnswerBody : undefined;
    // the offline model keeps the run seed (each call mixes in its own); remote models get none
    // fixed: every request carries its per-call seed
    const seed = offline ? input.runSeed : undefined;
    const id = JSON.stringify([input.topLogprobs ?? "", maxTokens ?? "", input.sampling.temperature, input.sampling.topP, seed ?? ""]);
    let m = variants.get(id);
    if (!m) {
      m = resolveChatModel(ref.spec, {
        ...common,
        temperature: input.sampling.temperature,
        topP: input.sampling.topP,
        ...(seed === undefined ? {} : { seed }),
        ...(input.topLogprobs === undefined ? {} : { logprobs: true, topLogprobs: input.topLogprobs }),
        ...(maxTokens === undefined ? {} : { maxTokens }),
        ...(extraBody ? { extraBody } : {}),
      }).then(finish);
      variants.set(id, m);
    }
    return m;
  };

  /** the model, call options and reply reader of a request (what the cache key is made of) */
  const prepare = async (request: CallRequest) => {
    const model = await modelFor(request.input);
    const messages = fromPlainMessages(request.input.messages);
    if (request.kind === "structured") {
      const wire = structuredRequest(model, request.input.schemaName ?? "answer", request.input.schema ?? {});
      const extract = (message: AIMessage): string => {
        const raw = wire.extract(message);
        const refusal = (message.additional_kwargs as { refusal?: unknown } | undefined)?.refusal;
        return !raw && typeof refusal === "string" ? refusal : raw;
      };
      return { model, messages, callOptions: { seed: request.input.seed, ...wire.callOptions }, extract };
    }
    // an injected model gets logprobs as call options (the offline and scripted models read them)
    const topLogprobs = request.input.topLogprobs;
    const logprobOptions = options.model && topLogprobs !== undefined ? { logprobs: true, top_logprobs: topLogprobs } : {};
    return {
      model,
      messages,
      callOptions: { seed: request.input.seed, ...logprobOptions },
      extract: (message: AIMessage) => messageText(message),
    };
  };

  const refuse = (request: CallRequest) =>
    request.model !== ref.spec
      ? new Error(
          `this executor serves ${ref.spec}, the call '${request.key}' asks for ${request.model}; start a worker with --model ${request.model}`,
        )
      : undefined;

  return {
    kind: "local",
    ref,
    async warm(shape) {
      await modelFor({ messages: [], sampling: shape?.sampling ?? { temperature: 1, topP: 1 }, seed: 0, runSeed: shape?.runSeed ?? 0 });
    },
    async execute(request, signal) {
      const wrong = refuse(request);
      if (wrong) throw wrong;
      const requests: RequestLog[] = [];
      const retries: RetryLog[] = [];
      const live = options.live;
      const recorder = live?.meter ?? {
        record: (r: { inputTokens: number; outputTokens: number; latencyMs: number; ok?: boolean; cachedInputTokens?: number }) => {
          requests.push({
            inputTokens: r.inputTokens,
            outputTokens: r.outputTokens,
            latencyMs: r.latencyMs,
            ok: r.ok ?? true,
            ...(r.cachedInputTokens ? { cachedInputTokens: r.cachedInputTokens } : {}),
          });
        },
      };
      const base = () => ({ id: request.id, model: ref.spec, requests, retries });
      let prepared: Awaited<ReturnType<typeof prepare>>;
      try {
        prepared = await prepare(request);
      } catch (err) {
        if (!isDeepPersonaError(err)) throw err;
        return failureResponse({ ...base(), attempts: 0 }, err);
      }
      try {
        const res = await invokeWithRetry(
          {
            model: prepared.model,
            messages: prepared.messages,
            modelSpec: ref.spec,
            clock,
            limiter,
            meter: recorder as UsageMeter,
            ...(signal ? { signal } : {}),
            ...options.retry,
            // backoff jitter: its own stream per call, so retries are reproducible given the failures
            rng: createRng(`retry/${String(request.input.runSeed)}/${request.key}`),
            // a RetryInfo is a RetryLog (reason, attempt, status?, waitMs)
            onRetry: (r) => (live ? live.onRetry(request.key, r) : retries.push(r)),
          },
          prepared.callOptions,
        );
        const finishReason = (res.message.response_metadata as { finish_reason?: unknown } | undefined)?.finish_reason;
        const logprobs = (res.message.response_metadata as { logprobs?: unknown } | undefined)?.logprobs;
        return {
          ...base(),
          ok: true,
          attempts: res.requests,
          text: prepared.extract(res.message),
          usage: res.usage,
          ...(typeof finishReason === "string" ? { finishReason } : {}),
          ...(logprobs === undefined ? {} : { logprobs }),
        };
      } catch (err) {
        // cancellation and foreign errors (bugs) are thrown; model failures are data
        if (!isDeepPersonaError(err) || err.code === "E_CANCELLED") throw err;
        return failureResponse({ ...base(), attempts: err instanceof ModelCallError ? err.attempts : requests.length }, err);
      }
    },
    async cacheFor(request): Promise<CacheLookup | undefined> {
      if (refuse(request)) return undefined;
      const p = await prepare(request);
      return openCacheLookup({
        kind: request.kind,
        model: p.model,
        modelSpec: ref.spec,
        messages: p.messages,
        callOptions: p.callOptions,
        meter: options.live?.meter,
      });
    },
    async close() {},
  };
}
