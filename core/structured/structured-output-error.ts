import { DeepPersonaError } from "../errors.js";
import type { TokenUsage } from "../usage/token-usage.js";

/** the model's output stayed invalid after the one repair call (E_STRUCTURED_OUTPUT) */
export class StructuredOutputError extends DeepPersonaError {
  /** the last raw text the model produced */
  readonly raw: string;
  /** raw text of every attempt, first to last */
  readonly rawAttempts: string[];
  /** usage summed over all attempts (repair included) */
  readonly usage: TokenUsage;
  /** the last parse/validation error, one line per issue with its path */
  readonly validationError: string;
  /** requests sent (transient retries included) */
  readonly attempts: number;

  constructor(args: { name: string; rawAttempts: string[]; usage: TokenUsage; validationError: string; attempts: number }) {
    const raw = args.rawAttempts.at(-1) ?? "";
    super(
      "E_STRUCTURED_OUTPUT",
      `structured output '${args.name}' still invalid after one repair: ${args.validationError.split("\n")[0]}`,
      { details: { name: args.name, raw, validationError: args.validationError, usage: args.usage, attempts: args.attempts } },
    );
    this.name = "StructuredOutputError";
    this.raw = raw;
    this.rawAttempts = args.rawAttempts;
    this.usage = args.usage;
    this.validationError = args.validationError;
    this.attempts = args.attempts;
  }
}
