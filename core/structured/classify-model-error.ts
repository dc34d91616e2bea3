// sorts an error thrown by a chat model call into: transient (retry with backoff), unreachable
// (transient, but reported as E_MODEL_UNREACHABLE when retries run out), truncated output,
// aborted, or fatal. works on openai SDK errors as LangChain 1.x wraps them and on plain
// network errors (cause chains with ECONNREFUSED, ECONNRESET, …).
import { networkErrorCode } from "../model/check-model-reachable.js";

export interface ModelErrorClass {
  transient: boolean;
  reason: string;
  status?: number;
  /** server-requested wait (Retry-After / retry-after-ms), when given */
  retryAfterMs?: number;
  unreachable?: boolean;
  truncated?: boolean;
  aborted?: boolean;
  /** not a model/transport error (a bug, a TypeError…): rethrow unchanged */
  foreign?: boolean;
}

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const QUOTA = /insufficient[_ -]?quota|exceeded your current quota|billing|credit balance/i;

function header(err: unknown, name: string): string | undefined {
  const h = (err as { headers?: unknown })?.headers ?? (err as { response?: { headers?: unknown } })?.response?.headers;
  if (!h || typeof h !== "object") return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, unknown>)[name] ?? (h as Record<string, unknown>)[name.toLowerCase()];
  return typeof v === "string" ? v : undefined;
}

/** Retry-After (seconds or HTTP date) / retry-after-ms, in ms */
export function retryAfterMsOf(err: unknown, now: () => number = Date.now): number | undefined {
  const ms = Number(header(err, "retry-after-ms"));
  if (header(err, "retry-after-ms") !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = header(err, "retry-after")?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** Gemini: google.rpc.RetryInfo `retryDelay` ("1.5s") in the error details, in ms */
export function retryDelayMsOf(err: unknown): number | undefined {
  const details = (err as { errorDetails?: unknown } | null)?.errorDetails;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown } | null)?.retryDelay;
    const m = typeof delay === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
    if (m) return Number(m[1]) * 1000;
  }
  return undefined;
}

export function classifyModelError(err: unknown, now?: () => number): ModelErrorClass {
  const e = (err ?? {}) as { name?: unknown; message?: unknown; status?: unknown; code?: unknown; error?: { code?: unknown } };
  const name = typeof e.name === "string" ? e.name : "";
  const ctor = (err as object | null)?.constructor?.name ?? "";
  const message = typeof e.message === "string" ? e.message : String(err);
  if (name === "AbortError" || ctor === "APIUserAbortError" || message.startsWith("AbortError")) {
    return { transient: false, aborted: true, reason: "aborted" };
  }
  if (ctor === "LengthFinishReasonError" || name === "LengthFinishReasonError" || /length limit was reached/i.test(message)) {
    return { transient: false, truncated: true, reason: "output truncated at the token limit (finish_reason=length)" };
  }
  // provider additions: Ollama's ResponseError carries `status_code`; Gemini reports a bad key as
  // 400 API_KEY_INVALID (treated as 401) and its wait as RetryInfo.retryDelay; the Gemini SDK
  // turns a timed-out request into GoogleGenerativeAIAbortError (the caller's own abort is caught
  // before classification); Anthropic answers 529 when overloaded.
  const statusCode = (err as { status_code?: unknown } | null)?.status_code;
  let status = typeof e.status === "number" ? e.status : typeof statusCode === "number" ? statusCode : undefined;
  if (status === 400 && /API_KEY_INVALID|API key not valid/i.test(message)) status = 401;
  if (status === undefined && ctor === "GoogleGenerativeAIAbortError") return { transient: true, reason: "timeout" };
  if (status !== undefined) {
    if (status === 429) {
      if (e.code === "insufficient_quota" || e.error?.code === "insufficient_quota" || QUOTA.test(message)) {
        return { transient: false, status, reason: "429 quota exhausted" };
      }
      const retryAfterMs = retryAfterMsOf(err, now) ?? retryDelayMsOf(err);
      return { transient: true, status, reason: "429 rate limited", ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    }
    if (status === 408 || status === 409 || status === 425 || status >= 500) {
      const retryAfterMs = retryAfterMsOf(err, now);
      const reason = status === 529 || /overloaded/i.test(message) ? `${status} overloaded` : `${status} server error`;
      return { transient: true, status, reason, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    }
    return { transient: false, status, reason: `${status} ${message.split("\n")[0]}` };
  }
  if (name === "TimeoutError" || ctor === "APIConnectionTimeoutError" || /timed? ?out/i.test(message)) {
    return { transient: true, reason: "timeout" };
  }
  const code = networkErrorCode(err);
  if (code && UNREACHABLE_CODES.has(code)) return { transient: true, unreachable: true, reason: code };
  if (code || ctor === "APIConnectionError" || /connection error|fetch failed|socket hang up/i.test(message)) {
    return { transient: true, reason: code ?? "connection error" };
  }
  return { transient: false, foreign: true, reason: message };
}
