// spec string → LangChain chat model. explicit options only (the cli reads env vars and flags).
// ChatOpenAI is imported lazily so commands that never call a model start fast, and built with
// maxRetries 0: structuredCall/textCall own the retry policy and count every request.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { hashString32 } from "../rng.js";
import { UsageError } from "../errors.js";
import { DEFAULT_OPENAI_BASE_URL, parseModelSpec, type ModelSpec } from "./model-spec.js";
import { OfflineChatModel } from "./offline-chat-model.js";

export interface ResolveChatModelOptions {
  /** offline: the model's seed; openai: sent as the request `seed` (strings are hashed) */
  seed?: number | string;
  /** required for the default OpenAI endpoint; optional for a custom base URL */
  apiKey?: string;
  /** used when the spec has no "@<baseURL>" (e.g. from --base-url / OPENAI_BASE_URL) */
  baseURL?: string;
  /** per-request timeout (default 60 000 ms) */
  timeoutMs?: number;
  /** LangChain's own retries (default 0: leave retries to structuredCall/textCall) */
  maxRetries?: number;
  temperature?: number;
  maxTokens?: number;
  /** ask for per-token logprobs (OpenAI format in response_metadata.logprobs) */
  logprobs?: boolean;
  /** alternatives per token, 0–20 (needs logprobs) */
  topLogprobs?: number;
  /** extra request-body fields for the server (e.g. llama.cpp's `grammar`); openai: only */
  extraBody?: Record<string, unknown>;
}

export const MISSING_KEY_MESSAGE = "OPENAI_API_KEY is not set; export it or use --model offline";

/** the base URL a spec resolves to with these options (undefined for offline) */
export function resolvedBaseURL(spec: ModelSpec, options: { baseURL?: string }): string | undefined {
  if (spec.provider === "offline") return undefined;
  return (spec.baseURL ?? options.baseURL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "");
}

/** the API key to use: the given one, a dummy for custom servers, or UsageError (exit 2) */
export function resolvedApiKey(baseURL: string, apiKey: string | undefined): string {
  if (apiKey) return apiKey;
  if (baseURL === DEFAULT_OPENAI_BASE_URL) throw new UsageError(MISSING_KEY_MESSAGE, { code: "E_MODEL_CONFIG" });
  return "not-needed";
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
  const baseURL = resolvedBaseURL(parsed, options) as string;
  const apiKey = resolvedApiKey(baseURL, options.apiKey);
  const { ChatOpenAI } = await import("@langchain/openai");
  const seed = options.seed === undefined ? undefined : typeof options.seed === "number" ? options.seed : hashString32(options.seed);
  return new ChatOpenAI({
    model: parsed.model,
    apiKey,
    configuration: { baseURL },
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 0,
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
    ...(options.logprobs === undefined ? {} : { logprobs: options.logprobs }),
    ...(options.topLogprobs === undefined ? {} : { topLogprobs: options.topLogprobs }),
    ...(seed === undefined && !options.extraBody ? {} : { modelKwargs: { ...options.extraBody, ...(seed === undefined ? {} : { seed }) } }),
  });
}
