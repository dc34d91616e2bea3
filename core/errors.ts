// typed errors with stable codes. `exitCode` 2 marks bad user input or configuration:
// the cli prints the one-line message (no stack) and exits 2.

export const ERROR_CODES = {
  usage: "E_USAGE",
  unknownCommand: "E_UNKNOWN_COMMAND",
  unknownOption: "E_UNKNOWN_OPTION",
  invalidInput: "E_INVALID_INPUT",
  modelConfig: "E_MODEL_CONFIG",
  modelUnreachable: "E_MODEL_UNREACHABLE",
  structuredOutput: "E_STRUCTURED_OUTPUT",
  modelCall: "E_MODEL_CALL",
  budgetExceeded: "E_BUDGET_EXCEEDED",
  runExists: "E_RUN_EXISTS",
  runStore: "E_RUN_STORE",
  /** another process (or session) holds the run directory's run.lock */
  runLocked: "E_RUN_LOCKED",
  /** the disk is full or failing (ENOSPC, EIO, EDQUOT, EROFS while writing): the run stops, resumable, exit 3 */
  storage: "E_STORAGE",
  /** a file or folder the user named cannot be read or written (ENOENT, EACCES, EISDIR…): exit 2 */
  fileAccess: "E_FILE_ACCESS",
  /** a file is not valid JSON, JSONL, CSV or UTF-8 */
  invalidFile: "E_INVALID_FILE",
  dataUnavailable: "E_DATA_UNAVAILABLE",
  dataInvalid: "E_DATA_INVALID",
  cancelled: "E_CANCELLED",
  /** the Redis of --queue does not answer (exit 2 at start, nothing written) */
  queueUnreachable: "E_QUEUE_UNREACHABLE",
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface DeepPersonaErrorOptions {
  cause?: unknown;
  /** process exit code the cli should use (2 = bad input/config) */
  exitCode?: number;
  details?: Record<string, unknown>;
}

export class DeepPersonaError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: DeepPersonaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DeepPersonaError";
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
    this.details = options.details;
  }
}

/** bad flags, values or files given by the user: one line, exit 2 */
export class UsageError extends DeepPersonaError {
  constructor(message: string, options: Omit<DeepPersonaErrorOptions, "exitCode"> & { code?: ErrorCode } = {}) {
    super(options.code ?? ERROR_CODES.usage, message, { ...options, exitCode: 2 });
    this.name = "UsageError";
  }
}

export function isDeepPersonaError(err: unknown): err is DeepPersonaError {
  return err instanceof DeepPersonaError;
}
