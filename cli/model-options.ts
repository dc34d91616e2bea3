// the model flags shared by every command that calls a model, and their resolution into
// LangChain models. the only place that reads OPENAI_* / DEEPPERSONA_* env vars for models.
import type { OptionSpec, CommandContext } from "./command.js";

export const MODEL_OPTIONS: Record<string, OptionSpec> = {
  model: { type: "string", valueName: "SPEC", description: "chat model: offline | openai:<model>[@<baseURL>] (default: $DEEPPERSONA_MODEL or offline)" },
  embeddings: { type: "string", valueName: "SPEC", description: "embeddings: offline | openai:<model>[@<baseURL>] (default: openai:text-embedding-3-small on OpenAI, else offline)" },
  "server-kind": { type: "string", valueName: "KIND", description: "what serves --model: openai | vllm | llamacpp | ollama | auto (asks the server; default: $DEEPPERSONA_SERVER_KIND or auto)" },
  "base-url": { type: "string", valueName: "URL", description: "OpenAI-compatible server for openai: specs without @URL (default: $OPENAI_BASE_URL)" },
  "request-timeout": { type: "string", valueName: "MS", description: "per-request timeout in ms", default: "60000" },
  "embedding-batch": { type: "string", valueName: "N", description: "texts per embeddings request for the taxonomy step (default: per server kind, 64 on llama.cpp)" },
  "cache-dir": { type: "string", valueName: "DIR", description: "cache for taxonomy embeddings (default: $DEEPPERSONA_CACHE_DIR or ~/.cache/deeppersona)" },
  prices: { type: "string", valueName: "FILE", description: "JSON price table overriding the built-in one (USD per 1M tokens per model; $DEEPPERSONA_PRICES)" },
};

export interface ChatModelVariant {
  /** false: no fixed request seed in the model (calls send their own); offline models keep their seed */
  requestSeed?: boolean;
  logprobs?: boolean;
  topLogprobs?: number;
  maxTokens?: number;
}

export interface CliModels {
  /** another chat model for the same spec, key, server and timeout (e.g. answering with logprobs) */
  chatModel(variant: ChatModelVariant): Promise<import("@langchain/core/language_models/chat_models").BaseChatModel>;
  chatSpec: string;
  embeddingsSpec: string;
  /** the built-in price table, overridden by --prices / DEEPPERSONA_PRICES */
  prices: import("../core/usage/price-table.js").PriceTable;
  offline: boolean;
  /** what serves the chat model (--server-kind, detected for auto); "offline" for the offline model */
  serverKind: import("../core/model/server-profile.js").ServerKind;
  cacheDir: string;
  /** the embeddings server (undefined for offline embeddings) */
  embeddingsBaseURL?: string;
  /** texts per embeddings request (--embedding-batch, else the embeddings server's profile) */
  embeddingBatch: number;
  /** --request-timeout */
  requestTimeoutMs: number;
  chat: import("@langchain/core/language_models/chat_models").BaseChatModel;
  embeddings: import("@langchain/core/embeddings").Embeddings;
}

export const OFFLINE_STDERR_NOTICE =
  "deeppersona: using the built-in offline model — all model output is synthetic (pass --model openai:<model> for real answers)\n";

/** flags + env → chat model and embeddings; checks that a remote server answers (exit 2 if not) */
export async function resolveCliModels(
  ctx: CommandContext,
  opts: { seed: number | string; embeddings?: boolean; temperature?: number },
): Promise<CliModels> {
  const { UsageError } = await import("../core/errors.js");
  const { parseModelSpec, DEFAULT_OPENAI_BASE_URL } = await import("../core/model/model-spec.js");
  const { resolveChatModel } = await import("../core/model/resolve-chat-model.js");
  const { resolveEmbeddings } = await import("../core/model/resolve-embeddings.js");
  const { checkModelReachable } = await import("../core/model/check-model-reachable.js");
  const { resolveServerProfile } = await import("../core/model/resolve-server-profile.js");
  const { attachServerProfile, SERVER_PROFILES } = await import("../core/model/server-profile.js");
  const { homedir } = await import("node:os");
  const { DEFAULT_PRICE_TABLE, loadPriceTableFile } = await import("../core/usage/price-table.js");
  const { join, resolve } = await import("node:path");

  const str = (k: string) => (typeof ctx.values[k] === "string" ? (ctx.values[k] as string) : undefined);
  const pricesFile = str("prices") ?? ctx.env.DEEPPERSONA_PRICES;
  const prices = pricesFile ? loadPriceTableFile(resolve(ctx.cwd, pricesFile)) : DEFAULT_PRICE_TABLE;
  const chatSpec = str("model") ?? ctx.env.DEEPPERSONA_MODEL ?? "offline";
  const baseURL = str("base-url") ?? ctx.env.OPENAI_BASE_URL;
  const timeoutMs = Number(str("request-timeout") ?? 60000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--request-timeout must be a positive number of ms, got '${str("request-timeout")}'`);
  const apiKey = ctx.env.OPENAI_API_KEY;
  const chatParsed = parseModelSpec(chatSpec);
  const defaultEmbeddings =
    chatParsed.provider === "openai" && (chatParsed.baseURL ?? baseURL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "") === DEFAULT_OPENAI_BASE_URL
      ? "openai:text-embedding-3-small"
      : "offline";
  const embeddingsSpec = str("embeddings") ?? ctx.env.DEEPPERSONA_EMBEDDINGS ?? defaultEmbeddings;
  const embeddingsParsed = parseModelSpec(embeddingsSpec);
  const chatURL = chatParsed.provider === "offline" ? undefined : (chatParsed.baseURL ?? baseURL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "");
  const embeddingsBaseURL = embeddingsParsed.provider === "offline" ? undefined : (embeddingsParsed.baseURL ?? baseURL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "");
  const embeddingsNotice =
    chatURL && chatURL !== DEFAULT_OPENAI_BASE_URL && str("embeddings") === undefined && ctx.env.DEEPPERSONA_EMBEDDINGS === undefined && opts.embeddings !== false
      ? `deeppersona: embeddings: ${embeddingsSpec} (${embeddingsBaseURL ?? "built-in, no server"}); pass --embeddings openai:<model>@<url> to use a server's embeddings\n`
      : undefined;
  const common = { ...(apiKey ? { apiKey } : {}), ...(baseURL ? { baseURL } : {}), timeoutMs };
  const profile = await resolveServerProfile({ kind: str("server-kind") ?? ctx.env.DEEPPERSONA_SERVER_KIND, chat: chatParsed, ...common });
  const chatModel = async (variant: ChatModelVariant) =>
    attachServerProfile(
      await resolveChatModel(chatParsed, {
        ...common,
        ...(variant.requestSeed === false && chatParsed.provider !== "offline" ? {} : { seed: opts.seed }),
        ...(variant.logprobs ? { logprobs: true, topLogprobs: Math.min(variant.topLogprobs ?? 10, profile.topLogprobsMax) } : {}),
        ...(variant.logprobs && profile.labelAnswerBody ? { extraBody: profile.labelAnswerBody } : {}),
        ...(variant.maxTokens !== undefined ? { maxTokens: variant.maxTokens } : profile.maxOutputTokens !== undefined ? { maxTokens: profile.maxOutputTokens } : {}),
        ...(opts.temperature === undefined ? {} : { temperature: opts.temperature }),
      }),
      profile,
    );
  const chat = await chatModel({});
  const embeddings = await resolveEmbeddings(embeddingsSpec, common);
  if (chatParsed.provider === "offline") ctx.stderr.write(OFFLINE_STDERR_NOTICE);
  // fail fast (exit 2) when a server does not answer; each distinct server is asked once, in parallel
  const servers = new Map<string, string>();
  const check = { ...common, timeoutMs: Math.min(timeoutMs, 10000) };
  for (const spec of [chatSpec, ...(opts.embeddings !== false ? [embeddingsSpec] : [])]) {
    const parsed = parseModelSpec(spec);
    if (parsed.provider === "offline") continue;
    servers.set((parsed.baseURL ?? baseURL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, ""), spec);
  }
  await Promise.all([...servers.values()].map((spec) => checkModelReachable(spec, check)));
  if (embeddingsNotice) ctx.stderr.write(embeddingsNotice); // after the check: a dead server stays one line
  const batchFlag = str("embedding-batch");
  const embeddingBatch = batchFlag !== undefined ? Number(batchFlag) : !embeddingsBaseURL ? SERVER_PROFILES.offline.embeddingBatch : embeddingsBaseURL === chatURL ? profile.embeddingBatch : (await resolveServerProfile({ chat: embeddingsParsed, ...common })).embeddingBatch;
  if (!Number.isInteger(embeddingBatch) || embeddingBatch < 1) throw new UsageError(`--embedding-batch must be a positive integer, got '${batchFlag}'`);
  const cacheDir = resolve(ctx.cwd, str("cache-dir") ?? ctx.env.DEEPPERSONA_CACHE_DIR ?? join(homedir(), ".cache", "deeppersona"));
  return { chatModel, chatSpec, embeddingsSpec, prices, offline: chatParsed.provider === "offline", serverKind: profile.kind, cacheDir, ...(embeddingsBaseURL ? { embeddingsBaseURL } : {}), embeddingBatch, requestTimeoutMs: timeoutMs, chat, embeddings };
}
