import { DeepPersonaError } from "../errors.js";

/** a model request failed for good: a non-transient status (400/401/404…), or transient errors
 *  that outlasted the retries (E_MODEL_CALL). auth / not-found errors exit 2 (configuration). */
export class ModelCallError extends DeepPersonaError {
  readonly status: number | undefined;
  readonly transient: boolean;
  readonly attempts: number;
  /** the output hit the token limit (finish_reason=length) */
  readonly truncated: boolean;

  constructor(message: string, args: { status?: number; transient: boolean; attempts: number; truncated?: boolean; cause?: unknown }) {
    const config = args.status === 401 || args.status === 403 || args.status === 404;
    super("E_MODEL_CALL", message, {
      exitCode: config ? 2 : 1,
      cause: args.cause,
      details: { status: args.status, transient: args.transient, attempts: args.attempts, truncated: args.truncated ?? false },
    });
    this.name = "ModelCallError";
    this.status = args.status;
    this.transient = args.transient;
    this.attempts = args.attempts;
    this.truncated = args.truncated ?? false;
  }
}
