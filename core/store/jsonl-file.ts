// one append-only jsonl file with a single serialized writer.
//
// writes: each record is ONE `write` of `JSON.stringify(record) + "\n"` on a file handle opened
// in append mode; appends are chained on a promise queue, so concurrent tasks never interleave
// lines and records land in call order. the file is never rewritten; only trailing crash damage
// is cut off when it is (re)opened (see scan-jsonl.ts).
//
// fsync policy (`FsyncPolicy`): "finish" (default) fsyncs when the file is closed (run end or
// cancel). a killed process loses nothing the kernel accepted; only a power loss can drop or
// tear the last records, which the next resume detects and redoes. "always" fsyncs after every
// record (slow; for flaky storage); "never" leaves it to the OS.
//
// idempotency: in keyed files every record has a string `key`; `append` of a key already
// present (on disk or queued) is a no-op that returns false.
import { open, readFile, truncate, type FileHandle } from "node:fs/promises";
import { DeepPersonaError, ERROR_CODES } from "../errors.js";
import { scanJsonl, type JsonRecord, type RecoveredLine } from "./scan-jsonl.js";

export type FsyncPolicy = "never" | "finish" | "always";

export interface JsonlFileOptions {
  /** display name used in reports, e.g. "responses.jsonl" */
  name: string;
  keyed: boolean;
  fsync: FsyncPolicy;
}

/** the file's bytes; none when it does not exist yet */
const readOrEmpty = (path: string): Promise<Buffer> =>
  readFile(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return Buffer.alloc(0);
    throw err;
  });

export class JsonlFile {
  private handle: FileHandle | undefined;
  private queue: Promise<void> = Promise.resolve();
  private broken: unknown;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly options: JsonlFileOptions,
    private readonly keys: Set<string>,
    private lines: number,
    /** the last record on disk after recovery (used to continue event seq numbers) */
    readonly lastRecord: JsonRecord | undefined,
  ) {}

  /** open (or prepare to create) a file: scan it, cut trailing crash damage, index its keys */
  static async open(path: string, options: JsonlFileOptions): Promise<{ file: JsonlFile; recovered: RecoveredLine[] }> {
    const buffer = await readOrEmpty(path);
    const scan = scanJsonl(buffer, { file: options.name, keyed: options.keyed });
    if (scan.validLength < buffer.length) await truncate(path, scan.validLength);
    const last = scan.records.at(-1);
    return { file: new JsonlFile(path, options, scan.keys, scan.records.length, last), recovered: scan.recovered };
  }

  /** a file that does not exist yet (created on the first append) */
  static fresh(path: string, options: JsonlFileOptions): JsonlFile {
    return new JsonlFile(path, options, new Set(), 0, undefined);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** records written (unique keys for keyed files), including queued ones */
  get size(): number {
    return this.options.keyed ? this.keys.size : this.lines;
  }

  /** queue one record; resolves true once written, false when its key was already present */
  append(record: JsonRecord): Promise<boolean> {
    if (this.closed) return Promise.reject(this.error(`cannot append to ${this.options.name}: the run store is closed`));
    if (this.broken) return Promise.reject(this.error(`cannot append to ${this.options.name}: an earlier write failed`, this.broken));
    const line = Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
    const key = record.key;
    if (this.options.keyed) {
      if (typeof key !== "string" || key === "") {
        return Promise.reject(this.error(`record for ${this.options.name} has no string 'key'`));
      }
      if (this.keys.has(key)) return Promise.resolve(false);
      this.keys.add(key);
    }
    this.lines++;
    const write = this.queue.then(() => this.write(line));
    this.queue = write.catch((err: unknown) => {
      // a failed (maybe partial) write poisons the file: appending after it would glue onto a
      // torn line. the next resume truncates the damage.
      this.broken = err;
      if (typeof key === "string") this.keys.delete(key);
    });
    return write.then(() => true);
  }

  /** all valid records on disk, first key wins (waits for queued writes) */
  async read(): Promise<JsonRecord[]> {
    await this.queue;
    return scanJsonl(await readOrEmpty(this.path), { file: this.options.name, keyed: this.options.keyed }).records;
  }

  /** wait for queued writes, fsync (unless policy "never") and close */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    const handle = this.handle;
    this.handle = undefined;
    if (!handle) return;
    try {
      if (this.options.fsync !== "never") await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private async write(line: Buffer): Promise<void> {
    this.handle ??= await open(this.path, "a");
    let written = 0;
    while (written < line.length) {
      const { bytesWritten } = await this.handle.write(line, written, line.length - written);
      written += bytesWritten;
    }
    if (this.options.fsync === "always") await this.handle.sync();
  }

  private error(message: string, cause?: unknown): DeepPersonaError {
    return new DeepPersonaError(ERROR_CODES.runStore, message, { cause, details: { path: this.path } });
  }
}
