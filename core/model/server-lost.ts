// a model or embeddings server that stopped answering mid-run. before any work is saved the cli
// exits 2 (E_MODEL_UNREACHABLE, like the start-up reachability check); once work is saved the
// run stops scheduling and ends `incomplete` (exit 3, resumable) with the server's URL in the
// reason (core/run/run-keyed-tasks.ts, scenarios/run-scenario.ts).
import { isDeepPersonaError, type DeepPersonaError } from "../errors.js";
import { classifyModelError } from "../structured/classify-model-error.js";
import { modelUnreachableError } from "./check-model-reachable.js";

/** true for E_MODEL_UNREACHABLE (refused / unresolvable / timed-out connections after retries) */
export function isServerLost(err: unknown): err is DeepPersonaError {
  return isDeepPersonaError(err) && err.code === "E_MODEL_UNREACHABLE";
}

/**
 * an embeddings request's error with the server named: unreachable → E_MODEL_UNREACHABLE naming
 * `where` (LangChain's own message is a bare "Connection error."); anything else unchanged
 */
export function embeddingsCallError(err: unknown, where: string): unknown {
  if (isDeepPersonaError(err)) return err;
  const cls = classifyModelError(err);
  const message = err instanceof Error ? err.message : String(err);
  if (cls.unreachable || /^Connection error\.?$/i.test(message))
    return modelUnreachableError(where, cls.unreachable ? cls.reason : message, err);
  return err;
}
