// plain-text model call with the same transient retries and metering as structuredCall.
import type { AIMessage } from "@langchain/core/messages";
import { cachedMessage, openCacheLookup } from "../cache/open-cache-lookup.js";
import { logprobsOf, type TokenLogprob } from "../model/token-logprob.js";
import type { TokenUsage } from "../usage/token-usage.js";
import { invokeWithRetry, modelSpecOf, type ModelCallOptions } from "./invoke-with-retry.js";
import { messageText } from "./message-text.js";

export interface TextCallOptions extends ModelCallOptions {
  /** prompt version id, echoed in the result for records */
  promptVersion?: string;
}

export interface TextCallResult {
  text: string;
  message: AIMessage;
  usage: TokenUsage;
  /** requests sent, transient retries included */
  attempts: number;
  latencyMs: number;
  modelSpec: string;
  /** per-token logprobs when the model was built with logprobs on (OpenAI format) */
  logprobs?: TokenLogprob[];
  promptVersion?: string;
  /** served from the response cache (usage, attempts and latency are the original call's) */
  cached?: boolean;
}

export async function textCall(options: TextCallOptions): Promise<TextCallResult> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const modelSpec = options.modelSpec ?? modelSpecOf(options.model);
  const cache = await openCacheLookup({
    kind: "text",
    model: options.model,
    modelSpec,
    messages: options.messages,
    callOptions: options.callOptions ?? {},
    cache: options.cache,
    meter: options.meter,
  });
  if (cache?.hit) cache.accept();
  const res = cache?.hit
    ? { message: cachedMessage(cache.hit), usage: cache.hit.usage, requests: cache.hit.attempts, latencyMs: cache.hit.latencyMs }
    : await invokeWithRetry({ ...options, modelSpec, clock }, options.callOptions ?? {});
  const logprobs = logprobsOf(res.message);
  const latencyMs = cache?.hit ? cache.hit.latencyMs : clock() - started;
  if (cache && !cache.hit && !res.message.tool_calls?.length)
    await cache.save({
      raw: messageText(res.message),
      usage: res.usage,
      attempts: res.requests,
      latencyMs,
      logprobs: res.message.response_metadata?.logprobs,
    });
  return {
    text: messageText(res.message),
    message: res.message,
    usage: res.usage,
    attempts: res.requests,
    latencyMs,
    modelSpec,
    ...(logprobs ? { logprobs } : {}),
    ...(options.promptVersion === undefined ? {} : { promptVersion: options.promptVersion }),
    ...(cache?.hit ? { cached: true } : {}),
  };
}
