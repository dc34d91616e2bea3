// fail fast, before a run starts, when a model server (OpenAI-compatible, Anthropic, Gemini,
// Ollama, Azure OpenAI) is not answering.
// any HTTP answer (even 401/404) counts as reachable; refused/reset/timed-out connections do not.
import { DeepPersonaError } from "../errors.js";
import { parseModelSpec, type ModelSpec, type RemoteProvider } from "./model-spec.js";
import { providerEndpoint } from "./provider-fields.js";

/** the path asked for under each provider's base URL (any HTTP answer counts) */
const PROBE_PATH: Record<RemoteProvider, string> = {
  openai: "/models",
  anthropic: "/v1/models",
  google: "/v1beta/models",
  ollama: "/api/tags",
  azure: "/openai/models",
};

export interface CheckModelReachableOptions {
  /** give up after this long (default 5000 ms) */
  timeoutMs?: number;
  /** used when the spec has no base URL (the cli passes --base-url / OPENAI_BASE_URL) */
  baseURL?: string;
  apiKey?: string;
  /** injectable for tests; defaults to the global fetch */
  fetch?: typeof fetch;
}

/** the network error code buried in an error's cause chain (ECONNREFUSED, ENOTFOUND, …) */
export function networkErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** E_MODEL_UNREACHABLE, exit 2: "cannot reach <url> (<reason>); is the server running?" */
export function modelUnreachableError(baseURL: string, reason: string, cause?: unknown): DeepPersonaError {
  return new DeepPersonaError("E_MODEL_UNREACHABLE", `cannot reach ${baseURL} (${reason}); is the server running?`, {
    exitCode: 2,
    cause,
    details: { baseURL, reason },
  });
}

/** resolves when the server answers GET <baseURL>/<provider's list path> within the timeout; no-op for `offline` */
export async function checkModelReachable(spec: string | ModelSpec, options: CheckModelReachableOptions = {}): Promise<void> {
  const parsed = typeof spec === "string" ? parseModelSpec(spec) : spec;
  if (parsed.provider === "offline") return;
  const baseURL = providerEndpoint(parsed, options.baseURL);
  const timeoutMs = options.timeoutMs ?? 5000;
  const doFetch = options.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await doFetch(`${baseURL}${PROBE_PATH[parsed.provider]}`, {
      method: "GET",
      headers: options.apiKey && parsed.provider === "openai" ? { authorization: `Bearer ${options.apiKey}` } : {},
      signal: controller.signal,
    });
    await res.body?.cancel().catch(() => undefined);
  } catch (err) {
    const reason = controller.signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : (networkErrorCode(err) ?? ((err as Error)?.message || "connection failed"));
    throw modelUnreachableError(baseURL, reason, err);
  } finally {
    clearTimeout(timer);
  }
}
