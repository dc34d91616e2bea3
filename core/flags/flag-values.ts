// small flag value parsers that turn bad input into one-line UsageErrors naming the flag.
import { UsageError } from "../errors.js";

/** a whole number from a flag; digit groups may be separated by underscores (`100_000`) */
export function parsePositiveInt(name: string, value: unknown, opts: { min?: number; max?: number } = {}): number {
  const text = String(value);
  const digits = text.trim();
  const n = Number(digits.replace(/_/g, ""));
  const min = opts.min ?? 1;
  if (!/^\d+(_\d+)*$/.test(digits) || !Number.isSafeInteger(n) || n < min || (opts.max !== undefined && n > opts.max)) {
    throw new UsageError(
      `--${name} must be an integer ${opts.max !== undefined ? `from ${min} to ${opts.max}` : `≥ ${min}`}, got '${text}'`,
    );
  }
  return n;
}

export function parsePositiveNumber(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got '${String(value)}'`);
  return n;
}

/** "KEN,DEU" → ["KEN","DEU"] (trimmed, upper-cased, no empties) */
export function parseList(name: string, value: unknown): string[] {
  const items = String(value)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${name} needs at least one value`);
  return items;
}

/** the seed as given: integers stay numbers (so "7" and 7 seed alike) */
export function parseSeed(value: unknown): number | string {
  const text = String(value ?? "1").trim();
  if (!text) throw new UsageError("--seed must not be empty");
  return /^\d+$/.test(text) ? Number(text) : text;
}
