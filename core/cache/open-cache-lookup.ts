// the few lines structuredCall/textCall need: look the exact request up, and store the accepted
// result afterwards. hits cost nothing: the meter counts them apart from calls.
import { AIMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessageLike } from "@langchain/core/messages";
import type { TokenUsage } from "../usage/token-usage.js";
import type { UsageMeter } from "../usage/usage-meter.js";
import { CACHE_ENTRY_VERSION, type CachedResponse } from "./cached-response.js";
import { responseCacheOf } from "./model-response-cache.js";
import type { CacheRequest } from "./response-cache-key.js";
import type { ResponseCache } from "./response-cache.js";

export interface CacheLookup {
  /** the stored response, when there is one */
  hit: CachedResponse | undefined;
  /** count an accepted hit in the meter (no call, no cost) */
  accept(): void;
  /** store an accepted fresh result */
  save(result: {
    raw: string;
    usage: TokenUsage;
    attempts: number;
    latencyMs: number;
    repaired?: boolean;
    logprobs?: unknown;
  }): Promise<void>;
}

export interface OpenCacheLookupOptions {
  kind: CacheRequest["kind"];
  model: BaseChatModel;
  modelSpec: string;
  messages: BaseMessageLike[];
  callOptions: Record<string, unknown>;
  /** an explicit cache; default: the one attached to the model (attachResponseCache) */
  cache?: ResponseCache | undefined;
  meter?: UsageMeter | undefined;
}

/** undefined when no cache applies to this call */
export async function openCacheLookup(o: OpenCacheLookupOptions): Promise<CacheLookup | undefined> {
  const cache = o.cache ?? responseCacheOf(o.model);
  if (!cache) return undefined;
  const request: CacheRequest = { kind: o.kind, model: o.model, modelSpec: o.modelSpec, messages: o.messages, callOptions: o.callOptions };
  const hit = await cache.get(request);
  return {
    hit,
    accept() {
      if (hit)
        o.meter?.recordCacheHit({ modelSpec: o.modelSpec, inputTokens: hit.usage.inputTokens, outputTokens: hit.usage.outputTokens });
    },
    save: (r) =>
      cache.put(request, {
        v: CACHE_ENTRY_VERSION,
        kind: o.kind,
        model: o.modelSpec,
        raw: r.raw,
        repaired: r.repaired ?? false,
        ...(r.logprobs === undefined ? {} : { logprobs: r.logprobs }),
        usage: r.usage,
        attempts: r.attempts,
        latencyMs: r.latencyMs,
      }),
  };
}

/** the AIMessage a text-call hit stands for (content, logprobs, usage) */
export function cachedMessage(hit: CachedResponse): AIMessage {
  return new AIMessage({
    content: hit.raw,
    response_metadata: hit.logprobs === undefined ? {} : { logprobs: hit.logprobs },
    usage_metadata: { input_tokens: hit.usage.inputTokens, output_tokens: hit.usage.outputTokens, total_tokens: hit.usage.totalTokens },
  });
}
