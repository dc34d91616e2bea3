// which files of a run directory belong to the run store, so `--force` clears exactly those and
// refuses any directory holding something else (a user's notes, a src/ folder, another tool's
// manifest.json). owned: manifest.json, run.lock, events.jsonl and the keyed <name>.jsonl files,
// the outputs the scenarios write next to them (RUN_OUTPUT_FILES), and the temp files of an
// interrupted atomic write of any of these.
import { LOCK_FILE } from "./run-lock.js";

export const MANIFEST_FILE = "manifest.json";
export const EVENTS_FILE = "events.jsonl";
/** a keyed record file name */
export const RUN_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.jsonl$/;
/** report and table files the scenarios write into a run directory (survey, discuss, stress) */
export const RUN_OUTPUT_FILES: readonly string[] = [
  "metrics.json",
  "report.md",
  "report.html",
  "responses-wide.csv",
  // the tidy tables (scenarios/tidy) and their Parquet twins (--format parquet)
  ...["responses", "measures", "personas", "attributes", "metrics"].flatMap((t) => [`${t}.csv`, `${t}.parquet`]),
];

const TEMP = /\.(?:tmp|new|stale)-[0-9-]+$/;

/** whether `name` (a plain file in a run directory) is one the run store may delete on --force */
export function isRunStoreFile(name: string): boolean {
  const base = name.replace(TEMP, "");
  return (
    base === MANIFEST_FILE || base === LOCK_FILE || base === EVENTS_FILE || RUN_FILE_NAME.test(base) || RUN_OUTPUT_FILES.includes(base)
  );
}
