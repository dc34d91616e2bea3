// the RunStore implementation over a run directory. built by openRunStore, which takes the run
// lock, prepares the directory (create / force / resume checks) and scans existing files first.
// finish/close release the lock. when the disk fails (E_STORAGE: ENOSPC, EIO) the store is
// "broken": further events are dropped quietly, and finish still writes the manifest (status and
// reason) if the disk lets it — in place when there is no room for a temp file.
import { join } from "node:path";
import type { z } from "zod";
import { DeepPersonaError, ERROR_CODES } from "../errors.js";
import { open } from "node:fs/promises";
import { JsonlFile, type FsyncPolicy } from "./jsonl-file.js";
import { EVENTS_FILE, MANIFEST_FILE, RUN_FILE_NAME } from "./run-files.js";
import type { RunLock } from "./run-lock.js";
import { isStorageError, storageError } from "./storage-error.js";
import { runEventSchema, type RunEvent, type RunEventInput } from "./run-event.js";
import type { RunManifest, RunStatus } from "./run-manifest.js";
import type { KeyedRecord, RunStore } from "./run-store.js";
import type { RecoveredLine } from "./scan-jsonl.js";
import { writeJsonAtomic } from "./write-json-atomic.js";

export { EVENTS_FILE, MANIFEST_FILE } from "./run-files.js";
const FILE_NAME = RUN_FILE_NAME;

/**
 * extra fields for an event about to be written, given its input and seq (e.g. `{tokens, cost_usd}`
 * usage totals from a meter); undefined for none. the event's own fields win over these.
 */
export type EventFields = (input: RunEventInput, seq: number) => Record<string, unknown> | undefined;

export interface DirectoryRunStoreState {
  dir: string;
  manifest: RunManifest;
  resumed: boolean;
  recovered: RecoveredLine[];
  /** keyed files found on disk, by file name */
  files: Map<string, JsonlFile>;
  events: JsonlFile;
  nextSeq: number;
  clock: () => number;
  fsync: FsyncPolicy;
  /** the run directory's lock, released by finish/close */
  lock?: RunLock;
  eventFields?: EventFields;
  /** observer called after each event is written */
  onEvent?: (event: RunEvent) => void;
  /** fields added to the manifest at finish (the usage block), given the manifest so far */
  finishFields?: FinishFields;
}

export type FinishFields = (manifest: RunManifest) => Pick<Partial<RunManifest>, "usage">;

export class DirectoryRunStore implements RunStore {
  readonly dir: string;
  readonly resumed: boolean;
  readonly recovered: readonly RecoveredLine[];
  private current: RunManifest;
  private nextSeq: number;
  private finished = false;
  /** the first full/failing-disk error; events after it are dropped */
  private storageFailure: unknown;

  constructor(private readonly state: DirectoryRunStoreState) {
    this.dir = state.dir;
    this.current = state.manifest;
    this.resumed = state.resumed;
    this.recovered = state.recovered;
    this.nextSeq = state.nextSeq;
  }

  get manifest(): RunManifest {
    return this.current;
  }

  append(file: string, record: KeyedRecord): Promise<boolean> {
    if (this.finished)
      return Promise.reject(new DeepPersonaError(ERROR_CODES.runStore, `cannot append to ${file}: the run store is closed`));
    if (this.storageFailure) return Promise.reject(this.storageFailure);
    return this.file(file, true)
      .append(record)
      .catch((err: unknown) => {
        throw this.noteStorage(err, `'${file}'`);
      });
  }

  has(file: string, key: string): boolean {
    return this.file(file, false)?.has(key) ?? false;
  }

  count(file: string): number {
    return this.file(file, false)?.size ?? 0;
  }

  async read<T = KeyedRecord>(file: string, schema?: z.ZodType<T>): Promise<T[]> {
    const records = (await this.file(file, false)?.read()) ?? [];
    if (!schema) return records as T[];
    return records.map((record) => {
      const parsed = schema.safeParse(record);
      if (parsed.success) return parsed.data;
      throw new DeepPersonaError(ERROR_CODES.runStore, `invalid record '${String(record.key)}' in ${file}: ${parsed.error.message}`, {
        details: { file, key: record.key },
      });
    });
  }

  async readEvents(): Promise<RunEvent[]> {
    return (await this.state.events.read()).map((event) => runEventSchema.parse(event) as RunEvent);
  }

  async event(input: RunEventInput): Promise<RunEvent> {
    const draft: Record<string, unknown> = { seq: this.nextSeq, ts: this.state.clock(), ...input };
    for (const [field, value] of Object.entries(this.state.eventFields?.(input, this.nextSeq) ?? {}))
      if (!(field in draft)) draft[field] = value;
    const parsed = runEventSchema.safeParse(draft);
    if (!parsed.success) {
      throw new DeepPersonaError(ERROR_CODES.runStore, `invalid '${input.type}' event: ${parsed.error.message}`);
    }
    this.nextSeq++;
    const event = parsed.data as RunEvent;
    if (this.storageFailure) {
      // the disk failed: the run is stopping; its events can no longer be kept
      this.state.onEvent?.(event);
      return event;
    }
    try {
      await this.state.events.append(event);
    } catch (err) {
      throw this.noteStorage(err, `'${EVENTS_FILE}'`);
    }
    this.state.onEvent?.(event);
    return event;
  }

  async finish(status: RunStatus, reason: string | null = null, counts: Record<string, number> = {}): Promise<RunManifest> {
    if (this.finished) throw new DeepPersonaError(ERROR_CODES.runStore, `run '${this.current.run_id}' is already finished or closed`);
    const allCounts: Record<string, number> = {};
    for (const [name, file] of this.state.files) allCounts[name] = file.size;
    Object.assign(allCounts, counts);
    await this.event({ type: "run-end", status, reason, counts: allCounts }).catch((err: unknown) => {
      if (!isStorageError(err)) throw err;
    });
    this.finished = true;
    try {
      await this.closeFiles();
    } catch (err) {
      if (!this.noteStorage(err, "the run files", true)) throw err;
    }
    if (this.storageFailure && status === "complete") {
      status = "incomplete";
      reason = (this.storageFailure as Error).message;
    }
    this.current = {
      ...this.current,
      ...this.state.finishFields?.(this.current),
      status,
      reason,
      counts: allCounts,
      updated_at: new Date(this.state.clock()).toISOString(),
    };
    try {
      await this.writeManifest();
    } finally {
      await this.state.lock?.release();
    }
    return this.current;
  }

  async close(): Promise<void> {
    this.finished = true;
    try {
      await this.closeFiles();
    } finally {
      await this.state.lock?.release();
    }
  }

  private async closeFiles(): Promise<void> {
    const results = await Promise.allSettled([...this.state.files.values(), this.state.events].map((file) => file.close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** the manifest, atomically; on a full disk (no room for the temp file) overwritten in place */
  private async writeManifest(): Promise<void> {
    const path = join(this.dir, MANIFEST_FILE);
    try {
      await writeJsonAtomic(path, this.current);
    } catch (err) {
      if (!isStorageError(err)) throw err;
      try {
        const handle = await open(path, "r+");
        try {
          const text = Buffer.from(`${JSON.stringify(this.current, null, 2)}\n`, "utf8");
          await handle.write(text, 0, text.length, 0);
          await handle.truncate(text.length);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch {
        throw err;
      }
    }
  }

  /** remember the first full/failing-disk error; returns the typed error (or `err` unchanged) */
  private noteStorage(err: unknown, what: string): unknown;
  private noteStorage(err: unknown, what: string, onlyIfStorage: true): unknown | undefined;
  private noteStorage(err: unknown, what: string, onlyIfStorage = false): unknown {
    const typed = storageError(err, what);
    if (!typed) return onlyIfStorage ? undefined : err;
    this.storageFailure ??= typed;
    return typed;
  }

  /** the keyed file `name`; created on demand when `create` */
  private file(name: string, create: true): JsonlFile;
  private file(name: string, create: false): JsonlFile | undefined;
  private file(name: string, create: boolean): JsonlFile | undefined {
    if (!FILE_NAME.test(name) || name === EVENTS_FILE) {
      throw new DeepPersonaError(
        ERROR_CODES.runStore,
        `invalid run file name '${name}': use a plain '<name>.jsonl' other than ${EVENTS_FILE}`,
      );
    }
    let file = this.state.files.get(name);
    if (!file && create) {
      file = JsonlFile.fresh(join(this.dir, name), { name, keyed: true, fsync: this.state.fsync });
      this.state.files.set(name, file);
    }
    return file;
  }
}
