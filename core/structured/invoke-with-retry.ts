// one model request with OUR transient-error policy (models are built with maxRetries: 0):
// 429 (honouring Retry-After, headerless too), 408/409/5xx, timeouts and connection resets are
// retried with exponential backoff + jitter from an injected rng and sleep; every request is
// metered. gives up with ModelCallError, E_MODEL_UNREACHABLE (exit 2) or E_CANCELLED.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage, BaseMessageLike } from "@langchain/core/messages";
import { DeepPersonaError } from "../errors.js";
import { modelUnreachableError } from "../model/check-model-reachable.js";
import { parseModelSpec, providerBaseURL } from "../model/model-spec.js";
import { registeredModelSpec } from "../model/registered-model-spec.js";
import { createRng, type Rng } from "../rng.js";
import { usageFromMessage, type TokenUsage } from "../usage/token-usage.js";
import type { UsageMeter } from "../usage/usage-meter.js";
import { classifyModelError } from "./classify-model-error.js";
import { ModelCallError } from "./model-call-error.js";
import type { CallLimiter } from "../scheduler/call-limiter.js";
import type { ResponseCache } from "../cache/response-cache.js";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** options shared by structuredCall and textCall */
export interface ModelCallOptions {
  model: BaseChatModel;
  messages: BaseMessageLike[];
  signal?: AbortSignal;
  meter?: UsageMeter;
  /** for the meter and error messages; derived from the model when absent */
  modelSpec?: string;
  /** retries after transient errors (default 4) */
  maxTransientRetries?: number;
  /** first backoff delay (default 1000 ms; doubled each retry, ≤ 30 s, jitter ×0.5–1) */
  baseDelayMs?: number;
  /** a Retry-After longer than this is not waited for (default 60 000 ms) */
  maxRetryAfterMs?: number;
  sleep?: Sleep;
  /** jitter source (default: one process-wide stream, so concurrent retries spread out) */
  rng?: Rng;
  /** ms clock for latency (default performance.now) */
  clock?: () => number;
  /** extra call options for model.invoke (a request `seed`, stop, …) */
  callOptions?: Record<string, unknown>;
  /** run-wide cap on requests in flight; each request (not the backoff wait) holds a slot */
  limiter?: CallLimiter;
  /** told about every transient failure that is retried, before the backoff wait */
  onRetry?: (retry: RetryInfo) => void;
  /** response cache (default: the one attached to the model with attachResponseCache; none = no caching) */
  cache?: ResponseCache;
}

/** one transient failure about to be retried */
export interface RetryInfo {
  /** "429 rate limited", "503 server error", "timeout", "ECONNRESET", … */
  reason: string;
  /** the retry's number: 1 for the first retry */
  attempt: number;
  status?: number;
  /** the backoff wait before the retry, ms */
  waitMs: number;
}

export interface InvokeResult {
  message: AIMessage;
  usage: TokenUsage;
  /** requests sent, retries included */
  requests: number;
  latencyMs: number;
}

const sharedJitter = createRng("model-call-retry");

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** E_CANCELLED (exit 130): a model call whose signal aborted */
export function cancelled(): DeepPersonaError {
  return new DeepPersonaError("E_CANCELLED", "model call cancelled", { exitCode: 130 });
}

/** "offline", "openai:<model>[@url]" or the model's type, for meters and messages */
export function modelSpecOf(model: BaseChatModel): string {
  const registered = registeredModelSpec(model); // set by resolveChatModel
  if (registered) return registered;
  const type = model._llmType();
  if (type === "offline") return "offline";
  const m = model as unknown as { model?: unknown; clientConfig?: { baseURL?: unknown } };
  if (typeof m.model === "string" && type === "openai") {
    const url = m.clientConfig?.baseURL;
    return typeof url === "string" && url !== "https://api.openai.com/v1" ? `openai:${m.model}@${url}` : `openai:${m.model}`;
  }
  return type;
}

function baseURLOf(spec: string): string {
  try {
    const parsed = parseModelSpec(spec);
    if (parsed.provider !== "offline") return providerBaseURL(parsed) ?? `the model server (${spec})`;
  } catch {
    // not a spec string
  }
  return `the model server (${spec})`;
}

/** the transient-error policy of one request (chat or embeddings) */
export interface RetryLoopOptions {
  /** for error messages */
  modelSpec: string;
  signal?: AbortSignal | undefined;
  maxTransientRetries?: number | undefined;
  baseDelayMs?: number | undefined;
  maxRetryAfterMs?: number | undefined;
  sleep?: Sleep | undefined;
  rng?: Rng | undefined;
  onRetry?: ((retry: RetryInfo) => void) | undefined;
}

/**
 * runs `request` until it succeeds, retrying transient failures (429 honouring Retry-After,
 * 408/409/5xx, timeouts, connection resets) with exponential backoff + jitter; gives up with
 * ModelCallError, E_MODEL_UNREACHABLE (exit 2) or E_CANCELLED. other errors pass through.
 */
export async function retryTransient<T>(options: RetryLoopOptions, request: () => Promise<T>): Promise<{ value: T; requests: number }> {
  const spec = options.modelSpec;
  const maxRetries = options.maxTransientRetries ?? 4;
  const baseDelay = options.baseDelayMs ?? 1000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const rng = options.rng ?? sharedJitter;
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw cancelled();
    try {
      return { value: await request(), requests: attempt + 1 };
    } catch (err) {
      if (options.signal?.aborted) throw cancelled();
      const cls = classifyModelError(err);
      if (cls.foreign) throw err;
      if (cls.aborted) throw cancelled();
      const requests = attempt + 1;
      const tooLong = cls.retryAfterMs !== undefined && cls.retryAfterMs > maxRetryAfter;
      if (!cls.transient || tooLong || attempt >= maxRetries) {
        if (cls.unreachable) throw modelUnreachableError(baseURLOf(spec), cls.reason, err);
        const why = tooLong
          ? `${cls.reason}, server asks to wait ${Math.round((cls.retryAfterMs ?? 0) / 1000)} s`
          : cls.reason === "timeout"
            ? "timeout (no answer within the request timeout; raise --request-timeout for slow servers)"
            : cls.reason;
        const after = cls.transient ? ` after ${requests} request(s)` : "";
        throw new ModelCallError(`model call to ${spec} failed${after}: ${why}`, {
          ...(cls.status === undefined ? {} : { status: cls.status }),
          transient: cls.transient,
          truncated: cls.truncated === true,
          attempts: requests,
          cause: err,
        });
      }
      const backoff = Math.min(30_000, baseDelay * 2 ** attempt) * (0.5 + 0.5 * rng.next());
      const waitMs = Math.max(backoff, cls.retryAfterMs ?? 0);
      options.onRetry?.({
        reason: cls.reason,
        attempt: attempt + 1,
        ...(cls.status === undefined ? {} : { status: cls.status }),
        waitMs: Math.round(waitMs),
      });
      await sleep(waitMs, options.signal);
    }
  }
}

/** invoke with retries; `callOptions` go to model.invoke as call options (response_format, …) */
export async function invokeWithRetry(options: ModelCallOptions, callOptions: Record<string, unknown> = {}): Promise<InvokeResult> {
  const spec = options.modelSpec ?? modelSpecOf(options.model);
  const clock = options.clock ?? (() => performance.now());
  let latencyMs = 0;
  let usage: TokenUsage | undefined;
  const { value: message, requests } = await retryTransient({ ...options, modelSpec: spec }, async () => {
    let started = clock();
    try {
      const invoke = () => {
        started = clock(); // latency excludes the wait for a free slot
        return options.model.invoke(options.messages, {
          ...callOptions,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      };
      const reply = (await (options.limiter ? options.limiter.run(invoke, options.signal) : invoke())) as AIMessage;
      latencyMs = clock() - started;
      usage = usageFromMessage(reply);
      options.meter?.record({
        modelSpec: spec,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        latencyMs,
        ...(usage.cachedInputTokens ? { cachedInputTokens: usage.cachedInputTokens } : {}),
      });
      return reply;
    } catch (err) {
      options.meter?.record({ modelSpec: spec, inputTokens: 0, outputTokens: 0, latencyMs: clock() - started, ok: false });
      throw err;
    }
  });
  return { message, usage: usage as TokenUsage, requests, latencyMs };
}
