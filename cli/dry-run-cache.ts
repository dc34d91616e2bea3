// the response cache of a dry run: every request is looked up in the real cache (read-only); a
// hit is planned as free, a miss as a call whose prompt is the real one and whose reply is the
// offline model's (so the command runs on: later prompts are built from it). nothing is sent.
import type { BaseMessage } from "@langchain/core/messages";
import { CACHE_ENTRY_VERSION, type CachedResponse } from "../core/cache/cached-response.js";
import type { CacheRequest } from "../core/cache/response-cache-key.js";
import type { ResponseCache } from "../core/cache/response-cache.js";
import { OfflineChatModel } from "../core/model/offline-chat-model.js";
import { messageText } from "../core/structured/message-text.js";
import { estimateTokens } from "../core/usage/estimate-tokens.js";
import { TEXT_REPLY_TOKENS, type DryRunPlan } from "./dry-run-plan.js";

/** prompt tokens of a request as sent: the messages' text and the response_format JSON, chars/4 */
export function requestPromptTokens(request: CacheRequest): number {
  const text = request.messages
    .map((m) => (typeof m === "string" ? m : Array.isArray(m) ? String(m[1]) : messageText(m as BaseMessage)))
    .join("\n");
  const format = request.callOptions.response_format;
  return estimateTokens(text) + (format ? estimateTokens(JSON.stringify(format)) : 0);
}

export function dryRunCache(plan: DryRunPlan, probe: ResponseCache | undefined): ResponseCache {
  return {
    async get(request: CacheRequest): Promise<CachedResponse | undefined> {
      const format = request.callOptions.response_format as { json_schema?: { name?: string } } | undefined;
      const name = request.kind === "text" ? "text" : (format?.json_schema?.name ?? "structured");
      const promptTokens = requestPromptTokens(request);
      const hit = await probe?.get(request);
      if (hit) {
        plan.add({ modelSpec: request.modelSpec, name, promptTokens, completionTokens: hit.usage.outputTokens, cached: true });
        return hit;
      }
      const real = request.model as unknown as { logprobs?: boolean; topLogprobs?: number };
      const standIn = new OfflineChatModel({
        seed: "dry-run",
        ...(real.logprobs ? { logprobs: true, topLogprobs: real.topLogprobs ?? 10 } : {}),
      });
      const reply = await standIn.invoke(request.messages, request.callOptions as never);
      const raw = messageText(reply);
      const completionTokens = request.kind === "text" ? TEXT_REPLY_TOKENS : estimateTokens(raw);
      plan.add({ modelSpec: request.modelSpec, name, promptTokens, completionTokens, cached: false });
      const logprobs = reply.response_metadata?.logprobs;
      return {
        v: CACHE_ENTRY_VERSION,
        kind: request.kind,
        model: request.modelSpec,
        raw,
        repaired: false,
        ...(logprobs === undefined ? {} : { logprobs }),
        usage: { inputTokens: promptTokens, outputTokens: completionTokens, totalTokens: promptTokens + completionTokens },
        attempts: 1,
        latencyMs: 0,
      };
    },
    async put(): Promise<void> {
      // a dry run stores nothing
    },
  };
}
