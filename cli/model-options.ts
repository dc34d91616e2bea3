// the model flags shared by every command that calls a model, and their resolution into
// LangChain models. the only place that reads the model env vars (DEEPPERSONA_*, and each
// provider's key / endpoint: OPENAI_*, ANTHROPIC_*, GOOGLE_API_KEY, OLLAMA_HOST, AZURE_OPENAI_*).
import type { OptionSpec, CommandContext } from "./command.js";

export const MODEL_OPTIONS: Record<string, OptionSpec> = {
  model: { type: "string", valueName: "SPEC", description: "chat model: offline | openai:<model> | anthropic:<model> | google:<model> | ollama:<model> | azure:<deployment>, each [@<baseURL>] (default: $DEEPPERSONA_MODEL or offline)" },
  embeddings: { type: "string", valueName: "SPEC", description: "embeddings: offline | openai:<model>[@<baseURL>] (default: openai:text-embedding-3-small on OpenAI, else offline)" },
  "base-url": { type: "string", valueName: "URL", description: "server for a --model without @URL (default: $OPENAI_BASE_URL, $ANTHROPIC_BASE_URL, $OLLAMA_HOST or $AZURE_OPENAI_ENDPOINT by provider)" },
  "request-timeout": { type: "string", valueName: "MS", description: "per-request timeout in ms", default: "60000" },
  "cache-dir": { type: "string", valueName: "DIR", description: "cache for taxonomy embeddings and model responses (DIR/responses; default: $DEEPPERSONA_CACHE_DIR or ~/.cache/deeppersona)" },
  "no-cache": { type: "boolean", description: "send every request, even one answered before (the response cache is on by default; the offline model is never cached)" },
  "dry-run": { type: "boolean", description: "print the plan — calls, tokens, cost range, wall time, cache hits — and write nothing" },
  json: { type: "boolean", description: "JSON output where the command has one; with --dry-run: the plan as JSON" },
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
  cacheDir: string;
  /** the response cache the chat models go through (undefined: --no-cache or offline) */
  responseCache?: import("../core/cache/response-cache.js").ResponseCache;
  chat: import("@langchain/core/language_models/chat_models").BaseChatModel;
  embeddings: import("@langchain/core/embeddings").Embeddings;
}

export const OFFLINE_STDERR_NOTICE =
  "deeppersona: using the built-in offline model — all model output is synthetic (pass --model openai:<model> for real answers)\n";

export interface ProviderEnv {
  apiKey?: string;
  baseURL?: string;
  /** azure: the REST API version */
  apiVersion?: string;
}

/** Ollama's OLLAMA_HOST may be "host", "host:port" or a URL */
function ollamaHostURL(host: string): string {
  const url = /^https?:\/\//.test(host) ? host : `http://${host}`;
  return /:\d+\/?$/.test(url) ? url : `${url.replace(/\/+$/, "")}:11434`;
}

/** the conventional env vars of a provider: its key, endpoint and (azure) API version */
export function providerEnv(env: NodeJS.ProcessEnv, provider: string): ProviderEnv {
  const pick = (apiKey?: string, baseURL?: string, apiVersion?: string): ProviderEnv => ({
    ...(apiKey ? { apiKey } : {}),
    ...(baseURL ? { baseURL } : {}),
    ...(apiVersion ? { apiVersion } : {}),
  });
  switch (provider) {
    case "openai":
      return pick(env.OPENAI_API_KEY, env.OPENAI_BASE_URL);
    case "anthropic":
      return pick(env.ANTHROPIC_API_KEY, env.ANTHROPIC_BASE_URL);
    case "google":
      return pick(env.GOOGLE_API_KEY || env.GEMINI_API_KEY);
    case "ollama":
      return pick(undefined, env.OLLAMA_HOST ? ollamaHostURL(env.OLLAMA_HOST) : undefined);
    case "azure":
      return pick(env.AZURE_OPENAI_API_KEY, env.AZURE_OPENAI_ENDPOINT, env.AZURE_OPENAI_API_VERSION);
    default:
      return {};
  }
}

/** flags + env → chat model and embeddings; checks that a remote server answers (exit 2 if not) */
export async function resolveCliModels(
  ctx: CommandContext,
  opts: { seed: number | string; embeddings?: boolean; temperature?: number },
): Promise<CliModels> {
  const { UsageError } = await import("../core/errors.js");
  const { parseModelSpec, DEFAULT_OPENAI_BASE_URL, providerBaseURL } = await import("../core/model/model-spec.js");
  const { resolveChatModel } = await import("../core/model/resolve-chat-model.js");
  const { resolveEmbeddings } = await import("../core/model/resolve-embeddings.js");
  const { checkModelReachable } = await import("../core/model/check-model-reachable.js");
  const { homedir } = await import("node:os");
  const { DEFAULT_PRICE_TABLE, loadPriceTableFile } = await import("../core/usage/price-table.js");
  const { join, resolve } = await import("node:path");
  const { attachResponseCache } = await import("../core/cache/model-response-cache.js");

  const str = (k: string) => (typeof ctx.values[k] === "string" ? (ctx.values[k] as string) : undefined);
  const pricesFile = str("prices") ?? ctx.env.DEEPPERSONA_PRICES;
  const prices = pricesFile ? loadPriceTableFile(resolve(ctx.cwd, pricesFile)) : DEFAULT_PRICE_TABLE;
  const chatSpec = str("model") ?? ctx.env.DEEPPERSONA_MODEL ?? "offline";
  const timeoutMs = Number(str("request-timeout") ?? 60000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--request-timeout must be a positive number of ms, got '${str("request-timeout")}'`);
  const cacheDir = resolve(ctx.cwd, str("cache-dir") ?? ctx.env.DEEPPERSONA_CACHE_DIR ?? join(homedir(), ".cache", "deeppersona"));
  const dry = (await import("./dry-run-models.js")).dryRunModels(ctx, cacheDir);
  const chatParsed = parseModelSpec(chatSpec);
  // --base-url serves the chat model's provider; embeddings (openai: or offline) use OPENAI_* unless the chat model is openai: too
  const chatEnv = { ...providerEnv(ctx.env, chatParsed.provider), ...(str("base-url") ? { baseURL: str("base-url") } : {}) };
  const openaiEnv = chatParsed.provider === "openai" ? chatEnv : providerEnv(ctx.env, "openai");
  const defaultEmbeddings =
    chatParsed.provider === "openai" && providerBaseURL(chatParsed, chatEnv.baseURL) === DEFAULT_OPENAI_BASE_URL ? "openai:text-embedding-3-small" : "offline";
  const embeddingsSpec = dry ? "offline" : (str("embeddings") ?? ctx.env.DEEPPERSONA_EMBEDDINGS ?? defaultEmbeddings);
  const withDryKey = <E extends { apiKey?: string }>(e: E): E => (dry && !e.apiKey ? { ...e, apiKey: "dry-run" } : e);
  const chatCommon = { ...withDryKey(chatEnv), timeoutMs };
  const common = { ...withDryKey(openaiEnv), timeoutMs };
  const chatModel = async (variant: ChatModelVariant) =>
    attachResponseCache(dryGuard(await resolveChatModel(chatParsed, {
      ...chatCommon,
      ...(variant.requestSeed === false && chatParsed.provider !== "offline" ? {} : { seed: opts.seed }),
      ...(variant.logprobs ? { logprobs: true, topLogprobs: variant.topLogprobs ?? 10 } : {}),
      ...(variant.maxTokens === undefined ? {} : { maxTokens: variant.maxTokens }),
      ...(opts.temperature === undefined ? {} : { temperature: opts.temperature }),
    })), responseCache);
  const dryGuard = <M extends object>(model: M): M => (dry ? dry.guard(model) : model);
  const responseCache = dry ? dry.cache : (await import("./response-cache-option.js")).responseCacheOption(ctx, cacheDir, chatParsed.provider === "offline");
  const chat = await chatModel({});
  const embeddings = await resolveEmbeddings(embeddingsSpec, common);
  if (chatParsed.provider === "offline") ctx.stderr.write(OFFLINE_STDERR_NOTICE);
  // fail fast (exit 2) when a server does not answer; each distinct server is asked once, in parallel
  const servers = new Map<string, [string, typeof common]>();
  for (const [spec, options] of [[chatSpec, chatCommon], ...(opts.embeddings !== false ? [[embeddingsSpec, common] as const] : [])] as const) {
    const parsed = parseModelSpec(spec);
    if (parsed.provider === "offline") continue;
    servers.set(providerBaseURL(parsed, options.baseURL) ?? spec, [spec, { ...options, timeoutMs: Math.min(timeoutMs, 10000) }]);
  }
  if (!dry) await Promise.all([...servers.values()].map(([spec, check]) => checkModelReachable(spec, check)));
  (await import("./require-model-price.js")).requireModelPrice(ctx, [chatSpec], prices);
  return { chatModel, chatSpec, embeddingsSpec, prices, offline: chatParsed.provider === "offline", cacheDir: dry ? dry.scratchDir : cacheDir, chat, embeddings, ...(responseCache ? { responseCache } : {}) };
}
