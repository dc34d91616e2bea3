// the model flags shared by every command that calls a model, and their resolution into the run's
// model clients (core/model/model-client.ts), meter and request limiter. the only place that reads the model env vars (DEEPPERSONA_*, and each
// provider's key / endpoint: OPENAI_*, ANTHROPIC_*, GOOGLE_API_KEY, OLLAMA_HOST, AZURE_OPENAI_*;
// DEEPPERSONA_QUEUE_NAME for --queue).
import type { OptionSpec, CommandContext } from "./command.js";
import { UsageError } from "../core/errors.js";
import type { ModelClient, ModelClientEvent, SamplingParams } from "../core/model/model-client.js";

export const MODEL_OPTIONS: Record<string, OptionSpec> = {
  model: {
    type: "string",
    valueName: "SPEC",
    description:
      "chat model: offline | openai:<model> | anthropic:<model> | google:<model> | ollama:<model> | azure:<deployment>, each [@<baseURL>] (default: $DEEPPERSONA_MODEL or offline)",
  },
  embeddings: {
    type: "string",
    valueName: "SPEC",
    description: "embeddings: offline | openai:<model>[@<baseURL>] (default: openai:text-embedding-3-small on OpenAI, else offline)",
  },
  "server-kind": {
    type: "string",
    valueName: "KIND",
    description:
      "what serves --model: openai | vllm | llamacpp | ollama | auto (asks the server; default: $DEEPPERSONA_SERVER_KIND or auto)",
  },
  "base-url": {
    type: "string",
    valueName: "URL",
    description:
      "server for a --model without @URL (default: $OPENAI_BASE_URL, $ANTHROPIC_BASE_URL, $OLLAMA_HOST or $AZURE_OPENAI_ENDPOINT by provider)",
  },
  "request-timeout": {
    type: "string",
    valueName: "MS",
    description: "per-request timeout in ms (a timed-out request is retried with backoff)",
    default: "60000",
  },
  "embedding-batch": {
    type: "string",
    valueName: "N",
    description: "texts per embeddings request for the taxonomy step (default: per server kind, 64 on llama.cpp)",
  },
  temperature: { type: "string", valueName: "T", description: "sampling temperature sent on every request, 0–2 (default 1)" },
  "top-p": { type: "string", valueName: "P", description: "nucleus sampling top_p sent on every request, >0–1 (default 1)" },
  "cache-dir": {
    type: "string",
    valueName: "DIR",
    description:
      "cache for taxonomy embeddings and model responses (DIR/responses; default: $DEEPPERSONA_CACHE_DIR or ~/.cache/deeppersona)",
  },
  "no-cache": {
    type: "boolean",
    description: "send every request, even one answered before (the response cache is on by default; the offline model is never cached)",
  },
  "dry-run": { type: "boolean", description: "print the plan — calls, tokens, cost range, wall time, cache hits — and write nothing" },
  json: { type: "boolean", description: "JSON output where the command has one; with --dry-run: the plan as JSON" },
  prices: {
    type: "string",
    valueName: "FILE",
    description: "JSON price table overriding the built-in one (USD per 1M tokens per model; $DEEPPERSONA_PRICES)",
  },
  executor: {
    type: "string",
    valueName: "KIND",
    description:
      "who sends the model calls: local (this process) | queue (`deeppersona worker` processes on --queue) | batch (the provider's batch API)",
    default: "local",
  },
  queue: {
    type: "string",
    valueName: "URL",
    description:
      "redis://HOST:PORT: every model call becomes a BullMQ job run by `deeppersona worker --queue URL` processes (implies --executor queue)",
  },
};

/** what --executor / --queue ask for */
export type ExecutorChoice =
  | { kind: "local" }
  | { kind: "queue"; connection: import("../core/executor/queue-connection.js").QueueConnection }
  | { kind: "batch" };

/** --executor local|queue|batch and --queue URL (UsageError naming the flag) */
export async function parseExecutorChoice(values: Record<string, unknown>): Promise<ExecutorChoice> {
  const { parseQueueUrl } = await import("../core/executor/queue-connection.js");
  const queue = typeof values.queue === "string" ? values.queue : undefined;
  const raw = typeof values.executor === "string" ? values.executor.trim().toLowerCase() : undefined;
  const kind = raw === undefined || (raw === "local" && queue !== undefined) ? (queue === undefined ? "local" : "queue") : raw;
  if (kind !== "local" && kind !== "queue" && kind !== "batch")
    throw new UsageError(`--executor must be local, queue or batch, got '${String(values.executor)}'`);
  if (kind === "queue") {
    if (queue === undefined)
      throw new UsageError("--executor queue needs --queue redis://HOST:PORT (the Redis your `deeppersona worker` processes use)");
    return { kind, connection: parseQueueUrl(queue) };
  }
  if (queue !== undefined) throw new UsageError(`--queue is for --executor queue, not --executor ${kind}; drop one of them`);
  return { kind };
}

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
  /** what serves the chat model (--server-kind, detected for auto); "offline" for the offline model */
  serverKind: import("../core/model/server-profile.js").ServerKind;
  cacheDir: string;
  /** the embeddings server (undefined for offline embeddings) */
  embeddingsBaseURL?: string;
  /** texts per embeddings request (--embedding-batch, else the embeddings server's profile) */
  embeddingBatch: number;
  /** --request-timeout */
  requestTimeoutMs: number;
  /** the response cache the chat models go through (undefined: --no-cache or offline) */
  responseCache?: import("../core/cache/response-cache.js").ResponseCache;
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

/** the conventional env vars of a provider: its key, endpoint and (azure) API version; `baseURL`
 *  (--base-url) overrides the endpoint */
export function providerEnv(env: NodeJS.ProcessEnv, provider: string, baseURL?: string): ProviderEnv {
  const pick = (apiKey?: string, url?: string, apiVersion?: string): ProviderEnv => ({
    ...(apiKey ? { apiKey } : {}),
    ...(baseURL || url ? { baseURL: baseURL || url } : {}),
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
      return pick();
  }
}

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

const flagText = (ctx: CommandContext, k: string) => (typeof ctx.values[k] === "string" ? (ctx.values[k] as string) : undefined);

function requestTimeoutMs(ctx: CommandContext): number {
  const ms = Number(flagText(ctx, "request-timeout") ?? 60000);
  if (Number.isFinite(ms) && ms > 0) return ms;
  throw new UsageError(`--request-timeout must be a positive number of ms, got '${flagText(ctx, "request-timeout")}'`);
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
  const { parseModelSpec, formatModelSpec, DEFAULT_OPENAI_BASE_URL, providerBaseURL } = await import("../core/model/model-spec.js");
  const { createModelClient, DEFAULT_SAMPLING } = await import("../core/model/model-client.js");
  const { checkModelReachable } = await import("../core/model/check-model-reachable.js");
  const { createCallLimiter } = await import("../core/scheduler/call-limiter.js");
  const { systemClock } = await import("../core/scheduler/system-time.js");
  const { UsageMeter } = await import("../core/usage/usage-meter.js");
  const { resolveServerProfile } = await import("../core/model/resolve-server-profile.js");
  const { SERVER_PROFILES } = await import("../core/model/server-profile.js");
  type ServerProfile = import("../core/model/server-profile.js").ServerProfile;
  const { homedir } = await import("node:os");
  const { DEFAULT_PRICE_TABLE, loadPriceTableFile } = await import("../core/usage/price-table.js");
  const { join, resolve } = await import("node:path");
  const { attachResponseCache } = await import("../core/cache/model-response-cache.js");

  const str = (k: string) => flagText(ctx, k);
  const pricesFile = str("prices") ?? ctx.env.DEEPPERSONA_PRICES;
  const prices = pricesFile ? loadPriceTableFile(resolve(ctx.cwd, pricesFile)) : DEFAULT_PRICE_TABLE;
  const chatSpec = str("model") ?? ctx.env.DEEPPERSONA_MODEL ?? "offline";
  const timeoutMs = requestTimeoutMs(ctx);
  const sampling = parseSampling(ctx.values, DEFAULT_SAMPLING);
  const cacheDir = resolve(ctx.cwd, str("cache-dir") ?? ctx.env.DEEPPERSONA_CACHE_DIR ?? join(homedir(), ".cache", "deeppersona"));
  const dry = (await import("./dry-run-models.js")).dryRunModels(ctx, cacheDir);
  const chatParsed = parseModelSpec(chatSpec);
  // --base-url serves the chat model's provider; embeddings (openai: or offline) use OPENAI_* unless the chat model is openai: too
  const chatEnv = providerEnv(ctx.env, chatParsed.provider, str("base-url"));
  const openaiEnv = chatParsed.provider === "openai" ? chatEnv : providerEnv(ctx.env, "openai");
  const withDryKey = <E extends { apiKey?: string | undefined }>(e: E): E => (dry && !e.apiKey ? { ...e, apiKey: "dry-run" } : e);
  const defaultEmbeddings =
    chatParsed.provider === "openai" && providerBaseURL(chatParsed, chatEnv.baseURL) === DEFAULT_OPENAI_BASE_URL
      ? "openai:text-embedding-3-small"
      : "offline";
  const embeddingsSpec = dry ? "offline" : (str("embeddings") ?? ctx.env.DEEPPERSONA_EMBEDDINGS ?? defaultEmbeddings);
  const responseCache = dry
    ? dry.cache
    : (await import("./response-cache-option.js")).responseCacheOption(ctx, cacheDir, chatParsed.provider === "offline");
  const meter = new UsageMeter({ prices });
  const limiter = createCallLimiter(opts.limits.concurrency, { requestsPerMinute: opts.limits.rpm });
  // --queue: calls go to worker processes (which hold the keys and reach the server); a dry run plans locally
  const choice = await parseExecutorChoice(ctx.values);
  // --executor batch: each OpenAI-compatible chat model gets a batch executor (a dry run plans
  // synchronously and prices at the batch rate); any other model cannot batch: one line, exit 2
  const batchExecutorFor = async (
    parsed: import("../core/model/model-spec.js").ModelSpec,
    env: ProviderEnv,
    serverProfile: ServerProfile,
  ) => {
    if (choice.kind !== "batch") return undefined;
    if (parsed.provider !== "openai")
      throw new UsageError(
        `--executor batch needs an OpenAI-compatible server (--model openai:<model>[@<url>]); ${formatModelSpec(parsed)} has no batch API`,
      );
    if (dry) return undefined;
    const { createBatchExecutor } = await import("../core/executor/batch-executor.js");
    const { batchKnobs } = await import("./batch-knobs.js");
    const batch = createBatchExecutor({ spec: parsed, ...env, wrapModel, serverProfile, batch: batchKnobs(ctx, onEvent) });
    await batch.warm(); // a missing key: exit 2 now
    return batch;
  };
  const queued = choice.kind === "queue" && !dry;
  let executor: import("../core/executor/call-executor.js").CallExecutor | undefined;
  if (choice.kind === "queue" && !dry) {
    const { checkQueueReachable } = await import("../core/executor/queue-connection.js");
    await checkQueueReachable(choice.connection);
    executor = (await import("../core/executor/queue-executor.js")).createQueueExecutor({
      connection: choice.connection,
      ...(ctx.env.DEEPPERSONA_QUEUE_NAME ? { queueName: ctx.env.DEEPPERSONA_QUEUE_NAME } : {}),
    });
  }
  const listeners = new Set<(event: ModelClientEvent) => void>();
  const onEvent = (event: ModelClientEvent) => {
    for (const l of listeners) l(event);
  };
  // every chat model goes through the response cache; a dry run's remote models refuse to send
  // (the offline model is never cached: it is free and deterministic; a dry run plans through it)
  const wrapModel = <M extends { _llmType(): string }>(model: M): M => {
    const guarded = dry ? dry.guard(model) : model;
    return model._llmType() === "offline" && !dry ? guarded : attachResponseCache(guarded, responseCache);
  };
  // DEEPPERSONA_RETRY_BASE_MS: the first transient-retry backoff (default 1000 ms); the test
  // harness shortens it so fault tests do not sleep through real seconds
  const retryBase = Number(ctx.env.DEEPPERSONA_RETRY_BASE_MS);
  const retry =
    Number.isSafeInteger(retryBase) && retryBase >= 0 && ctx.env.DEEPPERSONA_RETRY_BASE_MS?.trim()
      ? { retry: { baseDelayMs: retryBase } }
      : {};
  const shared = { timeoutMs, seed: opts.seed, sampling, limiter, meter, onEvent, wrapModel, ...retry, ...(executor ? { executor } : {}) };
  const chatCommon = withDryKey(chatEnv);
  const openaiCommon = withDryKey(openaiEnv);
  // the server's capability profile (core/model/server-profile.ts): --server-kind, else asked
  // (openai: specs on a custom server; a dry run asks nothing); the offline model has its own
  const kindFlag = str("server-kind") ?? ctx.env.DEEPPERSONA_SERVER_KIND;
  const profileFor = async (
    parsed: import("../core/model/model-spec.js").ModelSpec,
    env: ProviderEnv,
    kind: string | undefined,
  ): Promise<ServerProfile> => {
    const explicit = kind !== undefined && kind.trim().toLowerCase() !== "auto";
    if (parsed.provider === "offline" || explicit) return resolveServerProfile({ kind, chat: parsed });
    if (parsed.provider === "ollama") return SERVER_PROFILES.ollama;
    // a queued run does not ask the server (its workers reach it): the OpenAI dialect unless --server-kind
    if (parsed.provider !== "openai" || dry || queued) return resolveServerProfile({ kind: "openai", chat: parsed });
    return resolveServerProfile({
      kind,
      chat: parsed,
      ...(env.apiKey ? { apiKey: env.apiKey } : {}),
      ...(env.baseURL ? { baseURL: env.baseURL } : {}),
    });
  };
  if (kindFlag !== undefined) await resolveServerProfile({ kind: kindFlag, chat: parseModelSpec("offline") }); // UsageError for an unknown kind
  const profile = await profileFor(chatParsed, chatCommon, kindFlag);
  const chatBatch = await batchExecutorFor(chatParsed, chatCommon, profile);
  const client = await createModelClient({
    spec: chatParsed,
    embeddings: embeddingsSpec,
    embeddingsEnv: openaiCommon,
    ...chatCommon,
    ...shared,
    serverProfile: profile,
    ...(chatBatch ? { executor: chatBatch } : {}),
  });
  const clients: ModelClient[] = [client];
  if (chatParsed.provider === "offline") ctx.stderr.write(OFFLINE_STDERR_NOTICE);
  // fail fast (exit 2) when a server does not answer; each distinct server is asked once, in parallel
  const servers = new Map<string, [string, ProviderEnv]>();
  for (const [spec, env] of [
    ...(queued ? [] : [[chatSpec, chatCommon] as const]),
    ...(opts.embeddings !== false ? [[embeddingsSpec, openaiCommon] as const] : []),
  ] as const) {
    const parsed = parseModelSpec(spec);
    if (parsed.provider === "offline") continue;
    servers.set(providerBaseURL(parsed, env.baseURL) ?? spec, [spec, env]);
  }
  if (!dry)
    await Promise.all(
      [...servers.values()].map(([spec, env]) => checkModelReachable(spec, { ...env, timeoutMs: Math.min(timeoutMs, 10000) })),
    );
  const chatURL = chatParsed.provider === "offline" ? undefined : providerBaseURL(chatParsed, chatCommon.baseURL);
  const embeddingsParsed = parseModelSpec(embeddingsSpec);
  const embeddingsBaseURL = embeddingsParsed.provider === "offline" ? undefined : providerBaseURL(embeddingsParsed, openaiCommon.baseURL);
  // one notice line when a custom chat server gets default embeddings (after the check: a dead server stays one line)
  if (
    !dry &&
    chatURL &&
    chatURL !== DEFAULT_OPENAI_BASE_URL &&
    str("embeddings") === undefined &&
    ctx.env.DEEPPERSONA_EMBEDDINGS === undefined &&
    opts.embeddings !== false
  ) {
    ctx.stderr.write(
      `deeppersona: embeddings: ${embeddingsSpec} (${embeddingsBaseURL ?? "built-in, no server"}); pass --embeddings openai:<model>@<url> to use a server's embeddings\n`,
    );
  }
  const batchFlag = str("embedding-batch");
  const embeddingBatch =
    batchFlag !== undefined
      ? Number(batchFlag)
      : !embeddingsBaseURL
        ? SERVER_PROFILES.offline.embeddingBatch
        : embeddingsBaseURL === chatURL
          ? profile.embeddingBatch
          : (await profileFor(embeddingsParsed, openaiCommon, undefined)).embeddingBatch;
  if (!Number.isInteger(embeddingBatch) || embeddingBatch < 1)
    throw new UsageError(`--embedding-batch must be a positive integer, got '${batchFlag}'`);
  (await import("./require-model-price.js")).requireModelPrice(ctx, [chatSpec], prices);
  return {
    client,
    async roleClient(spec) {
      const parsed = parseModelSpec(spec);
      const env = withDryKey(providerEnv(ctx.env, parsed.provider, flagText(ctx, "base-url")));
      // the chat model's server → its profile; another server → its own
      const sameServer =
        parsed.provider !== "offline" &&
        chatParsed.provider === parsed.provider &&
        providerBaseURL(parsed, env.baseURL) === providerBaseURL(chatParsed, chatCommon.baseURL);
      const roleProfile = sameServer ? profile : await profileFor(parsed, env, kindFlag);
      const roleBatch = await batchExecutorFor(parsed, env, roleProfile);
      const role = await createModelClient({
        spec: parsed,
        ...env,
        ...shared,
        serverProfile: roleProfile,
        ...(roleBatch ? { executor: roleBatch } : {}),
      });
      if (parsed.provider !== "offline") {
        (await import("./require-model-price.js")).requireModelPrice(ctx, [spec], prices);
        if (!dry && !queued) await checkModelReachable(parsed, { ...env, timeoutMs: Math.min(timeoutMs, 10000) });
      }
      clients.push(role);
      return role;
    },
    chatSpec: client.spec,
    embeddingsSpec: client.embeddingsSpec ?? embeddingsSpec,
    prices,
    meter,
    offline: client.offline,
    serverKind: profile.kind,
    ...(embeddingsBaseURL ? { embeddingsBaseURL } : {}),
    embeddingBatch,
    requestTimeoutMs: timeoutMs,
    cacheDir: dry ? dry.scratchDir : cacheDir,
    ...(responseCache ? { responseCache } : {}),
    sampling,
    offlineOnly: () => clients.every((c) => c.offline),
    clock: () => (clients.every((c) => c.offline) ? 0 : systemClock()),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** `deeppersona worker`: --model and its key/server flags → the LOCAL executor the worker sends
 *  jobs through (its own key, its own server profile, `concurrency` requests in flight); checks
 *  the server answers (exit 2). a 429's Retry-After is not waited for here: the queue pauses. */
export async function resolveWorkerExecutor(
  ctx: CommandContext,
  opts: { concurrency: number },
): Promise<import("../core/executor/local-executor.js").LocalExecutor> {
  const { parseModelSpec } = await import("../core/model/model-spec.js");
  const { createLocalExecutor } = await import("../core/executor/local-executor.js");
  const { checkModelReachable } = await import("../core/model/check-model-reachable.js");
  const { createCallLimiter } = await import("../core/scheduler/call-limiter.js");
  const { resolveServerProfile } = await import("../core/model/resolve-server-profile.js");
  const parsed = parseModelSpec(flagText(ctx, "model") ?? ctx.env.DEEPPERSONA_MODEL ?? "offline");
  const env = providerEnv(ctx.env, parsed.provider, flagText(ctx, "base-url"));
  const timeoutMs = requestTimeoutMs(ctx);
  const kind = flagText(ctx, "server-kind") ?? ctx.env.DEEPPERSONA_SERVER_KIND;
  const { SERVER_PROFILES } = await import("../core/model/server-profile.js");
  const profile =
    parsed.provider === "ollama"
      ? SERVER_PROFILES.ollama
      : await resolveServerProfile({
          kind: parsed.provider === "offline" || parsed.provider === "openai" ? kind : "openai",
          chat: parsed,
          ...(env.apiKey ? { apiKey: env.apiKey } : {}),
          ...(env.baseURL ? { baseURL: env.baseURL } : {}),
        });
  const executor = createLocalExecutor({
    spec: parsed,
    ...env,
    timeoutMs,
    serverProfile: profile,
    limiter: createCallLimiter(opts.concurrency),
    retry: { maxRetryAfterMs: 0 },
  });
  await executor.warm(); // a missing key: exit 2 now
  if (parsed.provider !== "offline") await checkModelReachable(parsed, { ...env, timeoutMs: Math.min(timeoutMs, 10000) });
  return executor;
}
