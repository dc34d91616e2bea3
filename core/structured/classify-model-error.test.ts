import { describe, expect, it } from "vitest";
import { classifyModelError, retryAfterMsOf } from "./classify-model-error.js";

const withStatus = (status: number, headers: Record<string, string> = {}, extra: object = {}) =>
  Object.assign(new Error(`status ${status}`), { status, headers: new Headers(headers), ...extra });

describe("classifyModelError", () => {
  it("429 with Retry-After / retry-after-ms / headerless / quota", () => {
    expect(classifyModelError(withStatus(429, { "retry-after": "3" }))).toMatchObject({ transient: true, retryAfterMs: 3000 });
    expect(classifyModelError(withStatus(429, { "retry-after-ms": "250" }))).toMatchObject({ transient: true, retryAfterMs: 250 });
    expect(classifyModelError(withStatus(429))).toEqual({ transient: true, status: 429, reason: "429 rate limited" });
    expect(classifyModelError(withStatus(429, {}, { code: "insufficient_quota" })).transient).toBe(false);
  });

  it("5xx/408 transient; other 4xx fatal", () => {
    for (const s of [408, 500, 502, 503]) expect(classifyModelError(withStatus(s)).transient).toBe(true);
    for (const s of [400, 401, 403, 404, 422]) expect(classifyModelError(withStatus(s)).transient).toBe(false);
  });

  it("timeouts, resets and refused connections", () => {
    expect(classifyModelError(Object.assign(new Error("Request timed out."), { name: "TimeoutError" })).transient).toBe(true);
    const reset = new Error("Connection error.", {
      cause: new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }),
    });
    expect(classifyModelError(reset)).toMatchObject({ transient: true, reason: "ECONNRESET" });
    const refused = new Error("Connection error.", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) });
    expect(classifyModelError(refused)).toMatchObject({ transient: true, unreachable: true });
  });

  it("aborts, truncation and foreign errors", () => {
    expect(classifyModelError(Object.assign(new Error("x"), { name: "AbortError" })).aborted).toBe(true);
    expect(classifyModelError(new Error("Could not parse response content as the length limit was reached")).truncated).toBe(true);
    expect(classifyModelError(new TypeError("undefined is not a function")).foreign).toBe(true);
  });

  it("provider shapes: Ollama status_code, Anthropic 529, Gemini RetryInfo / bad key / SDK timeout", () => {
    const ollama = Object.assign(new Error("model is loading"), { name: "ResponseError", status_code: 503 });
    expect(classifyModelError(ollama)).toMatchObject({ transient: true, status: 503 });
    expect(classifyModelError(Object.assign(new Error("x"), { name: "ResponseError", status_code: 404 }))).toMatchObject({
      transient: false,
      status: 404,
    });
    expect(classifyModelError(withStatus(529))).toMatchObject({ transient: true, status: 529, reason: "529 overloaded" });
    const gemini429 = Object.assign(new Error("[429 Too Many Requests] quota"), {
      status: 429,
      errorDetails: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "12s" }],
    });
    expect(classifyModelError(gemini429)).toMatchObject({ transient: true, retryAfterMs: 12000 });
    expect(
      classifyModelError(withStatus(400, {}, { message: "[400 Bad Request] API key not valid. Please pass a valid API key." })),
    ).toMatchObject({ transient: false, status: 401 });
    class GoogleGenerativeAIAbortError extends Error {}
    expect(classifyModelError(new GoogleGenerativeAIAbortError("Request aborted when fetching …"))).toMatchObject({
      transient: true,
      reason: "timeout",
    });
  });

  it("Retry-After as an HTTP date uses the injected clock", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMsOf(withStatus(429, { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }), () => now)).toBe(5000);
  });
});
