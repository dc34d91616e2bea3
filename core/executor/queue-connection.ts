// the Redis a queue executor and its workers share: `--queue redis://[user:pass@]HOST:PORT[/DB]`
// parsed (UsageError naming the flag), and asked once at start (E_QUEUE_UNREACHABLE, exit 2).
//   const connection = parseQueueUrl("redis://127.0.0.1:6379");
//   await checkQueueReachable(connection);
import { DeepPersonaError, ERROR_CODES, UsageError } from "../errors.js";
import { redactUrlCredentials } from "../sanitize/redact-url-credentials.js";

/** the queue every coordinator and worker of a Redis shares (tests pass their own) */
export const DEFAULT_QUEUE_NAME = "deeppersona-calls";

export interface QueueConnection {
  host: string;
  port: number;
  db?: number;
  username?: string;
  password?: string;
  /** the URL as given, credentials redacted (for messages) */
  display: string;
}

export function parseQueueUrl(raw: string, flag = "--queue"): QueueConnection {
  const fix = `pass ${flag} redis://HOST:PORT (e.g. redis://127.0.0.1:6379)`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${flag} '${raw}' is not a URL; ${fix}`);
  }
  const display = redactUrlCredentials(raw);
  if (url.protocol !== "redis:") throw new UsageError(`${flag} '${display}' is not a redis:// URL; ${fix}`);
  if (!url.hostname) throw new UsageError(`${flag} '${display}' names no host; ${fix}`);
  const port = url.port === "" ? 6379 : Number(url.port);
  const dbPath = url.pathname.replace(/^\/+/, "");
  const db = dbPath === "" ? undefined : Number(dbPath);
  if (db !== undefined && (!Number.isInteger(db) || db < 0))
    throw new UsageError(`${flag} '${display}': the path must be a database number (redis://HOST:PORT/0), got '/${dbPath}'`);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port,
    ...(db === undefined ? {} : { db }),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    display,
  };
}

/** ioredis / bullmq connection options */
export function redisOptions(c: QueueConnection): Record<string, unknown> {
  return {
    host: c.host,
    port: c.port,
    ...(c.db === undefined ? {} : { db: c.db }),
    ...(c.username ? { username: c.username } : {}),
    ...(c.password ? { password: c.password } : {}),
    // bullmq's blocking connections need this
    maxRetriesPerRequest: null,
  };
}

/** one PING with a short timeout; E_QUEUE_UNREACHABLE (exit 2) when Redis does not answer */
export async function checkQueueReachable(c: QueueConnection, timeoutMs = 3000): Promise<void> {
  const { Redis } = await import("ioredis");
  const client = new Redis({
    ...redisOptions(c),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let last: unknown;
  client.on("error", (err: unknown) => (last = err)); // reported below, once
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const cause = last ?? err;
    const code = (cause as { code?: unknown }).code;
    const reason = typeof code === "string" ? code : cause instanceof Error ? cause.message : String(cause);
    throw new DeepPersonaError(
      ERROR_CODES.queueUnreachable,
      `cannot reach the queue at ${c.display} (${reason}); is redis-server running there?`,
      { exitCode: 2, cause: err },
    );
  } finally {
    client.disconnect();
  }
}
