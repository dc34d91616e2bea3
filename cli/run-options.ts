// flags shared by commands that write a run directory, and small value parsers that turn bad
// input into one-line UsageErrors.
import type { OptionSpec } from "./command.js";
import { UsageError } from "../core/errors.js";
import { BATCH_IN_FLIGHT } from "../core/executor/batch-in-flight.js";

export const RUN_OPTIONS: Record<string, OptionSpec> = {
  config: {
    type: "string",
    valueName: "FILE",
    description: "read flags from a study file (YAML/JSON, keys = flag names); flags on the command line win",
  },
  out: {
    type: "string",
    valueName: "DIR",
    description: "run directory (manifest.json, *.jsonl, events.jsonl, reports); one writer at a time (run.lock)",
  },
  resume: {
    type: "boolean",
    description: "continue an interrupted run in --out (no duplicates, no losses); flags not given come from its manifest.json",
  },
  force: {
    type: "boolean",
    description: "replace an earlier run of this command in --out (only files this tool wrote; a folder holding anything else is refused)",
  },
  seed: { type: "string", valueName: "N", description: "random seed (same seed + offline model = identical output)", default: "1" },
  concurrency: {
    type: "string",
    valueName: "N",
    description: "model requests in flight (one limiter for the whole run)",
    default: "8",
    range: { min: 1, max: 1024 },
  },
  rpm: {
    type: "string",
    valueName: "N",
    description: "at most N model requests started per minute (retries included)",
    range: { min: 1, max: 100000 },
  },
  "budget-usd": {
    type: "string",
    valueName: "USD",
    description: "stop scheduling before the estimated cost would cross this cap (run stays resumable)",
  },
};

/** the tidy-output flag of the persona scenario commands (survey run, discuss, stress) */
export const TIDY_OPTIONS: Record<string, OptionSpec> = {
  format: {
    type: "string",
    valueName: "csv|parquet",
    description: "tidy tables (responses, personas, attributes, metrics): csv, or csv plus Parquet twins",
    default: "csv",
  },
};

/** --format: csv (always written) or parquet (csv plus .parquet twins) */
export function parseTidyFormat(value: unknown): "csv" | "parquet" {
  const v = String(value ?? "csv");
  if (v !== "csv" && v !== "parquet") throw new UsageError(`--format must be csv or parquet, got '${v}'`);
  return v;
}

export { parseList, parsePositiveInt, parsePositiveNumber, parseSeed } from "../core/flags/flag-values.js";
import { parsePositiveInt, parsePositiveNumber } from "../core/flags/flag-values.js";

/** --out, required and not blank */
export function requireOut(values: Record<string, unknown>): string {
  const out = values.out;
  if (typeof out !== "string" || !out.trim()) throw new UsageError("--out DIR is required (the run directory to write)");
  return out;
}

/** how hard a run may push: model calls in flight, task starts per minute, the cost cap */
export interface RunLimits {
  /** --concurrency as given (the spec and manifest record it) */
  concurrency: number;
  /** tasks and model calls in flight: --concurrency, or a whole stage with --executor batch (one batch) */
  inFlight: number;
  rpm?: number;
  budgetUsd?: number;
}

/** --concurrency, --rpm and --budget-usd; with --executor batch a whole stage is in flight (one batch) */
export function parseRunLimits(values: Record<string, unknown>): RunLimits {
  const concurrency = parsePositiveInt("concurrency", values.concurrency, { max: 1024 });
  const batch = typeof values.executor === "string" && values.executor.trim().toLowerCase() === "batch" && values["dry-run"] !== true;
  return {
    concurrency,
    inFlight: batch ? Math.max(concurrency, BATCH_IN_FLIGHT) : concurrency,
    ...(values.rpm !== undefined ? { rpm: parsePositiveInt("rpm", values.rpm, { max: 100000 }) } : {}),
    ...(values["budget-usd"] !== undefined ? { budgetUsd: parsePositiveNumber("budget-usd", values["budget-usd"]) } : {}),
  };
}

export function storeMode(values: Record<string, unknown>): "create" | "resume" | "force" {
  if (values.resume && values.force) throw new UsageError("--resume and --force contradict each other; pass one");
  return values.resume ? "resume" : values.force ? "force" : "create";
}
