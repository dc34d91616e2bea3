// tails a growing events.jsonl: reads what was appended since the last complete line, hands the
// new events over, sleeps `intervalMs` (injectable sleep: tests pass a fake clock) and repeats
// until `done()` (e.g. a run-end arrived) or the signal aborts (ctrl-c, q).
import { open } from "node:fs/promises";
import type { Sleep } from "../../core/scheduler/system-time.js";
import type { RunEvent } from "../../core/store/run-event.js";
import { parseRunEvents } from "./parse-run-events.js";

export interface FollowRunEventsOptions {
  /** text of the file from byte `offset` to its end ("" when there is none) */
  readFrom(offset: number): Promise<string>;
  /** byte offset to start at (after what was already folded) */
  offset?: number;
  onEvents(events: RunEvent[]): void;
  done(): boolean;
  sleep: Sleep;
  intervalMs: number;
  signal?: AbortSignal;
}

export async function followRunEvents(options: FollowRunEventsOptions): Promise<"done" | "aborted"> {
  let offset = options.offset ?? 0;
  for (;;) {
    if (options.done()) return "done";
    if (options.signal?.aborted) return "aborted";
    const parsed = parseRunEvents(await options.readFrom(offset));
    offset += parsed.consumed;
    if (parsed.events.length > 0) options.onEvents(parsed.events);
    if (options.done()) return "done";
    await options.sleep(options.intervalMs, options.signal);
  }
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
