// tails a growing events.jsonl: reads what was appended since the last complete line, hands the
// new events over, sleeps `intervalMs` (injectable sleep: tests pass a fake clock) and repeats
// until `done()` (e.g. a run-end arrived), the writer is gone (`writerGone()`: its run.lock is
// missing or names a dead process — a killed run never writes run-end) or the signal aborts
// (ctrl-c, q). when the writer is gone the file is read once more, so nothing it wrote is missed.
import { open } from "node:fs/promises";
import type { Sleep } from "../../core/scheduler/system-time.js";
import type { RunEvent } from "../../core/store/run-event.js";
import { readRunLock, runLockAlive } from "../../core/store/run-lock.js";
import { parseRunEvents } from "./parse-run-events.js";

export interface FollowRunEventsOptions {
  /** text of the file from byte `offset` to its end ("" when there is none) */
  readFrom(offset: number): Promise<string>;
  /** byte offset to start at (after what was already folded) */
  offset?: number;
  onEvents(events: RunEvent[]): void;
  done(): boolean;
  /** true once the process writing the run is gone (checked after every read) */
  writerGone?: () => boolean;
  sleep: Sleep;
  intervalMs: number;
  signal?: AbortSignal;
}

export async function followRunEvents(options: FollowRunEventsOptions): Promise<"done" | "aborted" | "writer-gone"> {
  let offset = options.offset ?? 0;
  const read = async () => {
    const parsed = parseRunEvents(await options.readFrom(offset));
    offset += parsed.consumed;
    if (parsed.events.length > 0) options.onEvents(parsed.events);
  };
  for (;;) {
    if (options.done()) return "done";
    if (options.signal?.aborted) return "aborted";
    const gone = options.writerGone?.() ?? false;
    await read();
    if (options.done()) return "done";
    if (gone) return "writer-gone";
    await options.sleep(options.intervalMs, options.signal);
  }
}

/** writerGone for a run directory: no live run.lock (the writer finished, crashed or was killed) */
export function runWriterGone(dir: string): () => boolean {
  return () => {
    const holder = readRunLock(dir);
    return !holder || !runLockAlive(holder);
  };
}

/** readFrom for a file on disk */
export function fileReader(path: string): (offset: number) => Promise<string> {
  return async (offset) => {
    let handle;
    try {
      handle = await open(path, "r");
    } catch {
      return "";
    }
    try {
      const { size } = await handle.stat();
      if (size <= offset) return "";
      const buffer = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
  };
}
