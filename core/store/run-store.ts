// the run store seam: a run directory holding manifest.json, append-only keyed *.jsonl files
// and events.jsonl. `openRunStore` (open-run-store.ts) returns the directory implementation.
import type { z } from "zod";
import type { RunEvent, RunEventInput } from "./run-event.js";
import type { RunManifest, RunStatus } from "./run-manifest.js";
import type { JsonRecord, RecoveredLine } from "./scan-jsonl.js";

/** a record in a keyed jsonl file: `key` is its idempotency key */
export type KeyedRecord = JsonRecord & { key: string };

export interface RunStore {
  readonly dir: string;
  /** the manifest as last written */
  readonly manifest: RunManifest;
  /** true when opened with mode "resume" */
  readonly resumed: boolean;
  /** torn or invalid lines found (and truncated or ignored) when the store opened */
  readonly recovered: readonly RecoveredLine[];
  /** append a record (one line) to `file` (e.g. "responses.jsonl"); false when its key exists */
  append(file: string, record: KeyedRecord): Promise<boolean>;
  /** whether `file` holds (or has queued) a record with this key */
  has(file: string, key: string): boolean;
  /** unique records in `file` */
  count(file: string): number;
  /** the records of `file` in write order, first key wins; validated when a schema is given */
  read<T = KeyedRecord>(file: string, schema?: z.ZodType<T>): Promise<T[]>;
  /** every event in events.jsonl so far, in seq order */
  readEvents(): Promise<RunEvent[]>;
  /** append an event to events.jsonl with the next seq and the clock's time */
  event(input: RunEventInput): Promise<RunEvent>;
  /** emit run-end, write the final manifest, flush and close every file */
  finish(status: RunStatus, reason?: string | null, counts?: Record<string, number>): Promise<RunManifest>;
  /** flush and close without changing the manifest (idempotent) */
  close(): Promise<void>;
}
