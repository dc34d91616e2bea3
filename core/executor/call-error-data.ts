// a failed call as data (CallErrorData) and back: executors return failures as `ok: false`
// responses so they cross processes; the model client throws the typed error again. in-process
// (the local executor) the original error object is kept, so nothing changes for callers.
import { DeepPersonaError, isDeepPersonaError, type ErrorCode } from "../errors.js";
import { classifyModelError } from "../structured/classify-model-error.js";
import { ModelCallError } from "../structured/model-call-error.js";
import type { CallErrorData, CallResponse } from "./call-response.js";

const originals = new WeakMap<object, unknown>();

function retryAfterOf(err: ModelCallError): { retryAfterMs?: number } {
  if (err.status !== 429) return {};
  const ms = classifyModelError(err.cause).retryAfterMs;
  return ms === undefined ? {} : { retryAfterMs: ms };
}

/** the data of an error (ModelCallError, DeepPersonaError, anything else) */
export function callErrorData(err: unknown): CallErrorData {
  if (err instanceof ModelCallError) {
    return {
      kind: "model-call",
      code: err.code,
      message: err.message,
      exitCode: err.exitCode,
      ...(err.status === undefined ? {} : { status: err.status }),
      transient: err.transient,
      truncated: err.truncated,
      ...retryAfterOf(err),
    };
  }
  if (isDeepPersonaError(err)) return { kind: "deeppersona", code: err.code, message: err.message, exitCode: err.exitCode };
  return { kind: "other", code: "E_INTERNAL", message: err instanceof Error ? err.message : String(err), exitCode: 1 };
}

/** a failure response for `err`, remembering the error object for this process */
export function failureResponse(
  base: { id: string; model: string; attempts: number; requests: CallResponse["requests"]; retries: CallResponse["retries"] },
  err: unknown,
): CallResponse {
  const response: CallResponse = { ...base, ok: false, error: callErrorData(err) };
  originals.set(response, err);
  return response;
}

/** the error a failure response stands for: the original in-process, else rebuilt from its data */
export function callErrorOf(response: Extract<CallResponse, { ok: false }>): Error {
  const original = originals.get(response);
  if (original instanceof Error) return original;
  const e = response.error;
  if (e.kind === "model-call") {
    return new ModelCallError(e.message, {
      ...(e.status === undefined ? {} : { status: e.status }),
      transient: e.transient ?? false,
      truncated: e.truncated ?? false,
      attempts: response.attempts,
    });
  }
  if (e.kind === "deeppersona") return new DeepPersonaError(e.code as ErrorCode, e.message, { exitCode: e.exitCode });
  return new Error(e.message);
}
