// the model flags shared by every command that calls a model, and their resolution into the run's
// model clients (core/model/model-client.ts), meter and request limiter. the only place that
// reads OPENAI_* / DEEPPERSONA_* env vars for models.
import type { OptionSpec, CommandContext } from "./command.js";
import { UsageError } from "../core/errors.js";
import type { ModelClient, ModelClientEvent, SamplingParams } from "../core/model/model-client.js";

export const MODEL_OPTIONS: Record<string, OptionSpec> = {
  model: { type: "string", valueName: "SPEC", description: "chat model: offline | openai:<model>[@<baseURL>] (default: $DEEPPERSONA_MODEL or offline)" },
  embeddings: { type: "string", valueName: "SPEC", description: "embeddings: offline | openai:<model>[@<baseURL>] (default: openai:text-embedding-3-small on OpenAI, else offline)" },
  "base-url": { type: "string", valueName: "URL", description: "OpenAI-compatible server for openai: specs without @URL (default: $OPENAI_BASE_URL)" },
  "request-timeout": { type: "string", valueName: "MS", description: "per-request timeout in ms (a timed-out request is retried with backoff)", default: "60000" },
  temperature: { type: "string", valueName: "T", description: "sampling temperature sent on every request, 0–2 (default 1)" },
  "top-p": { type: "string", valueName: "P", description: "nucleus sampling top_p sent on every request, >0–1 (default 1)" },
  "cache-dir": { type: "string", valueName: "DIR", description: "cache for taxonomy embeddings (default: $DEEPPERSONA_CACHE_DIR or ~/.cache/deeppersona)" },
  prices: { type: "string", valueName: "FILE", description: "JSON price table overriding the built-in one (USD per 1M tokens per model; $DEEPPERSONA_PRICES)" },
};

export interface CliModels {
  /** the --model client (chat + embeddings): every call of the run's personas and answers */
  client: ModelClient;
  /** a client for another role (stress --target / --judge): same key, server, timeout, sampling,
   *  limiter, meter and events; checked for reachability (exit 2) */
  roleClient(spec: string): Promise<ModelClient>;
  /** canonical specs (the base URL included when not the default server) */
  chatSpec: string;
  embeddingsSpec: string;
  /** the built-in price table, overridden by --prices / DEEPPERSONA_PRICES */
  prices: import("../core/usage/price-table.js").PriceTable;
  /** the run's meter (every client records into it) */
  meter: import("../core/usage/usage-meter.js").UsageMeter;
  offline: boolean;
  cacheDir: string;
  /** --temperature / --top-p (defaults 1 / 1), sent on every request */
  sampling: SamplingParams;
  /** true while every client of the run is the offline model (its output is byte-identical) */
  offlineOnly(): boolean;
  /** the run store's clock: frozen at 0 while only the offline model answers (byte-identical runs) */
  clock(): number;
  /** observe every retry and repair of every client (the run store writes them as events) */
  onEvent(listener: (event: ModelClientEvent) => void): () => void;
}

export const OFFLINE_STDERR_NOTICE =
  "deeppersona: using the built-in offline model — all model output is synthetic (pass --model openai:<model> for real answers)\n";

/** --temperature and --top-p (UsageError naming the flag when out of range) */
export function parseSampling(values: Record<string, unknown>, defaults: SamplingParams): SamplingParams {
  const num = (flag: string, lo: number, hi: number, loOpen: boolean, fallback: number): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (String(raw).trim() === "" || !Number.isFinite(n) || n > hi || (loOpen ? n <= lo : n < lo)) {
      throw new UsageError(`--${flag} must be a number ${loOpen ? `> ${lo}` : `from ${lo}`} to ${hi}, got '${String(raw)}'`);
    }
    return n;
  };
  return { temperature: num("temperature", 0, 2, false, defaults.temperature), topP: num("top-p", 0, 1, true, defaults.topP) };
}

/** flags + env → the run's model client(s), meter and limiter; checks that a remote server answers (exit 2 if not) */
export async function resolveCliModels(
  ctx: CommandContext,
  opts: {
    seed: number | string;
    embeddings?: boolean;
    /** --concurrency / --rpm: the run's one request limiter */
    limits: { concurrency: number; rpm?: number | undefined };
  },
): Promise<CliModels> {
  const { parseModelSpec, DEFAULT_OPENAI_BASE_URL } = await import("../core/model/model-spec.js");
  const { createModelClient, DEFAULT_SAMPLING } = await import("../core/model/model-client.js");
  const { checkModelReachable } = await import("../core/model/check-model-reachable.js");
  const { createCallLimiter } = await import("../core/scheduler/call-limiter.js");
  const { systemClock } = await import("../core/scheduler/system-time.js");
  const { UsageMeter } = await import("../core/usage/usage-meter.js");
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
  const sampling = parseSampling(ctx.values, DEFAULT_SAMPLING);
  const apiKey = ctx.env.OPENAI_API_KEY;
  const chatParsed = parseModelSpec(chatSpec);
  const defaultEmbeddings =
    chatParsed.provider === "openai" && (chatParsed.baseURL ?? baseURL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "") === DEFAULT_OPENAI_BASE_URL
      ? "openai:text-embedding-3-small"
      : "offline";
  const embeddingsSpec = str("embeddings") ?? ctx.env.DEEPPERSONA_EMBEDDINGS ?? defaultEmbeddings;
  const common = { ...(apiKey ? { apiKey } : {}), ...(baseURL ? { baseURL } : {}), timeoutMs };
  const meter = new UsageMeter({ prices });
  const limiter = createCallLimiter(opts.limits.concurrency, { requestsPerMinute: opts.limits.rpm });
  const listeners = new Set<(event: ModelClientEvent) => void>();
  const onEvent = (event: ModelClientEvent) => {
    for (const l of listeners) l(event);
  };
  const shared = { ...common, seed: opts.seed, sampling, limiter, meter, onEvent };
  const client = await createModelClient({ spec: chatParsed, embeddings: embeddingsSpec, ...shared });
  const clients: ModelClient[] = [client];
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
  const cacheDir = resolve(ctx.cwd, str("cache-dir") ?? ctx.env.DEEPPERSONA_CACHE_DIR ?? join(homedir(), ".cache", "deeppersona"));
  return {
    client,
    async roleClient(spec) {
      const parsed = parseModelSpec(spec);
      const role = await createModelClient({ spec: parsed, ...shared });
      if (parsed.provider !== "offline") await checkModelReachable(parsed, check);
      clients.push(role);
      return role;
    },
    chatSpec: client.spec,
    embeddingsSpec: client.embeddingsSpec ?? embeddingsSpec,
    prices,
    meter,
    offline: client.offline,
    cacheDir,
    sampling,
    offlineOnly: () => clients.every((c) => c.offline),
    clock: () => (clients.every((c) => c.offline) ? 0 : systemClock()),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
