// spec string → LangChain chat model. explicit options only (the cli reads env vars and flags).
// remote specs go through langchain's `initChatModel` with the official integration package of
// the provider (imported lazily, so commands that never call a model start fast), built with
// maxRetries 0: the model client (core/model/model-client.ts) owns the retry policy and counts
// every request.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { parseModelSpec, providerBaseURL, type ModelSpec } from "./model-spec.js";
import { modelRef } from "./model-ref.js";
import { OfflineChatModel } from "./offline-chat-model.js";
import { API_KEY_ENV, missingKeyMessage, providerApiKey, providerFields } from "./provider-fields.js";
import { registerModelSpec } from "./registered-model-spec.js";
import { withCallTimeout } from "./with-call-timeout.js";

export interface ResolveChatModelOptions {
  /** offline: the model's seed; openai/azure/ollama: sent as the request `seed` (strings are hashed) */
  seed?: number | string;
  /** the provider's key (OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY, AZURE_OPENAI_API_KEY); required for the provider's public endpoint */
  apiKey?: string;
  /** used when the spec has no "@<baseURL>" (e.g. from --base-url / OPENAI_BASE_URL / AZURE_OPENAI_ENDPOINT) */
  baseURL?: string;
  /** azure: the REST API version (default 2024-10-21) */
  apiVersion?: string;
  /** per-request timeout (default 60 000 ms) */
  timeoutMs?: number;
  /** LangChain's own retries (default 0: leave retries to structuredCall/textCall) */
  maxRetries?: number;
  temperature?: number;
  /** nucleus sampling (`top_p`) */
  topP?: number;
  maxTokens?: number;
  /** ask for per-token logprobs (OpenAI format in response_metadata.logprobs; openai/azure only) */
  logprobs?: boolean;
  /** alternatives per token, 0–20 (needs logprobs) */
  topLogprobs?: number;
  /** extra request-body fields for the server (e.g. llama.cpp's `grammar`); openai: only */
  extraBody?: Record<string, unknown>;
  /** openai: the HTTP transport of the SDK (the batch executor routes chat requests into batches) */
  fetch?: typeof fetch;
}

export const MISSING_KEY_MESSAGE = missingKeyMessage(API_KEY_ENV.openai as string);

/** the base URL a spec resolves to with these options (undefined for offline and for azure without an endpoint) */
export function resolvedBaseURL(spec: ModelSpec, options: { baseURL?: string }): string | undefined {
  if (spec.provider === "offline") return undefined;
  return providerBaseURL(spec, options.baseURL);
}

/** openai: the API key to use: the given one, a dummy for custom servers, or UsageError (exit 2) */
export function resolvedApiKey(baseURL: string, apiKey: string | undefined): string {
  return providerApiKey({ provider: "openai", model: "-" }, baseURL, apiKey);
}

export async function resolveChatModel(spec: string | ModelSpec, options: ResolveChatModelOptions = {}): Promise<BaseChatModel> {
  const parsed = typeof spec === "string" ? parseModelSpec(spec) : spec;
  if (parsed.provider === "offline") {
    return new OfflineChatModel({
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.logprobs === undefined ? {} : { logprobs: options.logprobs }),
      ...(options.topLogprobs === undefined ? {} : { topLogprobs: options.topLogprobs }),
    });
  }
  const { modelProvider, fields } = providerFields(parsed, options); // UsageError (exit 2) before any import
  const { initChatModel } = await import("langchain/chat_models/universal");
  const configurable = await initChatModel(parsed.model, { modelProvider, ...fields });
  // the provider's own model class (ChatAnthropic, …), not the configurable wrapper: that one
  // caches a model instance per distinct call options, and hides the class from _llmType()
  let model = (await configurable._getModelInstance()) as BaseChatModel;
  if (parsed.provider === "google") model = withCallTimeout(model, options.timeoutMs ?? 60_000);
  registerModelSpec(model, modelRef(parsed, options).spec);
  return model;
}
