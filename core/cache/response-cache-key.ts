// the content address of a model request: sha256 of the canonical JSON of everything that
// decides the reply — the model reference (base URL included), the model's own sampling
// parameters (temperature, top_p, max tokens, seed, logprobs …), the call options (the
// response_format with its schema, the per-call seed), and the messages.
import { createHash } from "node:crypto";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessageLike } from "@langchain/core/messages";
import { modelSpecOf } from "../structured/invoke-with-retry.js";
import { canonicalJson } from "./canonical-json.js";

/** bump when the key material changes shape: old entries then simply miss */
export const RESPONSE_CACHE_KEY_VERSION = 1;

export interface CacheRequest {
  kind: "structured" | "text";
  model: BaseChatModel;
  /** "openai:<model>@<baseURL>" etc. (modelSpecOf) */
  modelSpec: string;
  messages: BaseMessageLike[];
  /** what goes to model.invoke besides the messages (response_format, seed, …) */
  callOptions: Record<string, unknown>;
}

/** the model's request parameters (ChatOpenAI.invocationParams; the offline model's fields) */
export function modelParamsOf(model: BaseChatModel): unknown {
  const m = model as unknown as { invocationParams?: (o: unknown) => unknown; seed?: unknown; logprobs?: unknown; topLogprobs?: unknown };
  const params = typeof m.invocationParams === "function" ? m.invocationParams({}) : {};
  return { type: model._llmType(), params, fields: { seed: m.seed, logprobs: m.logprobs, topLogprobs: m.topLogprobs } };
}

function messageMaterial(m: BaseMessageLike): unknown {
  if (typeof m === "string" || Array.isArray(m)) return m;
  const msg = m as {
    _getType?: () => string;
    content?: unknown;
    name?: unknown;
    tool_calls?: unknown;
    tool_call_id?: unknown;
    role?: unknown;
  };
  if (typeof msg._getType !== "function") return m;
  const toolCalls = Array.isArray(msg.tool_calls) && msg.tool_calls.length > 0 ? msg.tool_calls : undefined;
  return {
    type: msg._getType(),
    content: msg.content,
    name: msg.name,
    tool_calls: toolCalls,
    tool_call_id: msg.tool_call_id,
    role: msg.role,
  };
}

/** hex sha256 of the request's canonical JSON */
export function responseCacheKey(request: CacheRequest): string {
  const material = {
    v: RESPONSE_CACHE_KEY_VERSION,
    kind: request.kind,
    model: request.modelSpec,
    // the spec the model object itself resolves to: carries a --base-url the spec string lacks
    resolved: modelSpecOf(request.model),
    params: modelParamsOf(request.model),
    call: request.callOptions,
    messages: request.messages.map(messageMaterial),
  };
  return createHash("sha256").update(canonicalJson(material)).digest("hex");
}
