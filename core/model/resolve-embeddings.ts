// spec string → LangChain embeddings: "offline" (hashed n-grams, 512 dims) or
// "openai:text-embedding-3-small[@baseURL]" (lazy import; same key rules as resolveChatModel).
import type { Embeddings } from "@langchain/core/embeddings";
import { UsageError } from "../errors.js";
import { formatModelSpec, parseModelSpec, type ModelSpec } from "./model-spec.js";
import { OfflineEmbeddings } from "./offline-embeddings.js";
import { resolvedApiKey, resolvedBaseURL } from "./resolve-chat-model.js";

export interface ResolveEmbeddingsOptions {
  apiKey?: string;
  baseURL?: string;
  timeoutMs?: number;
  /** LangChain's retries for embedding requests (default 2) */
  maxRetries?: number;
  /** output dimensions (offline default 512; OpenAI: the model's native size unless set) */
  dimensions?: number;
  /** texts per request (default 512) */
  batchSize?: number;
  /** requests in flight at once (default 64; LangChain's own default of 2 serialises a run's persona embeddings) */
  maxConcurrency?: number;
}

export async function resolveEmbeddings(spec: string | ModelSpec, options: ResolveEmbeddingsOptions = {}): Promise<Embeddings> {
  const parsed = typeof spec === "string" ? parseModelSpec(spec) : spec;
  if (parsed.provider === "offline") {
    return new OfflineEmbeddings(options.dimensions === undefined ? {} : { dimensions: options.dimensions });
  }
  if (parsed.provider !== "openai") {
    throw new UsageError(`embeddings spec '${formatModelSpec(parsed)}' is not supported; accepted: offline, openai:<model>[@<baseURL>]`, {
      code: "E_MODEL_CONFIG",
    });
  }
  const baseURL = resolvedBaseURL(parsed, options) as string;
  const apiKey = resolvedApiKey(baseURL, options.apiKey);
  const { OpenAIEmbeddings } = await import("@langchain/openai");
  return new OpenAIEmbeddings({
    model: parsed.model,
    apiKey,
    configuration: { baseURL },
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    maxConcurrency: options.maxConcurrency ?? 64,
    ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
}
