// followRunEvents tails a growing events.jsonl with an injected sleep (no real time): events are
// handed over as complete lines arrive, a half-written line waits, and it stops at run-end or on
// abort.
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFakeClock } from "../../test/fake-clock.js";
import type { RunEvent } from "../../core/store/run-event.js";
import { hostname } from "node:os";
import { spawnSync } from "node:child_process";
import { fileReader, followRunEvents, runWriterGone } from "./follow-run-events.js";

const root = mkdtempSync(join(tmpdir(), "dp-follow-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const line = (e: Record<string, unknown>) => `${JSON.stringify(e)}\n`;

describe("followRunEvents", () => {
  it("delivers appended events poll by poll, keeps a torn line for later, stops at run-end", async () => {
    const file = join(root, "events.jsonl");
    writeFileSync(file, line({ seq: 0, ts: 1, type: "run-start", run_id: "r", command: "survey run", resumed: false }));
    const clock = createFakeClock();
    const batches: string[][] = [];
    let last: string | undefined;
    // the "writer": every sleep of the follower appends the next piece of the file
    const pieces = [
      line({ seq: 1, ts: 2, type: "tasks-start", file: "responses.jsonl", total: 1, already_done: 0, pending: 1 }) +
        '{"seq":2,"ts":3,"type":"resp',
      'onse","key":"a","status":"ok"}\n',
      "",
      line({ seq: 3, ts: 4, type: "run-end", status: "complete", reason: null, counts: {} }),
    ];
    const sleep = async (ms: number) => {
      await clock.sleep(ms);
      const piece = pieces.shift();
      if (piece !== undefined) appendFileSync(file, piece);
    };
    const result = await followRunEvents({
      readFrom: fileReader(file),
      onEvents: (events: RunEvent[]) => {
        batches.push(events.map((e) => e.type));
        last = events[events.length - 1]?.type;
      },
      done: () => last === "run-end",
      sleep,
      intervalMs: 250,
    });
    expect(result).toBe("done");
    expect(batches).toEqual([["run-start"], ["tasks-start"], ["response"], ["run-end"]]);
    expect(clock.sleeps).toEqual([250, 250, 250, 250]);
  });

  it("stops when the signal aborts (ctrl-c) and reads nothing from a missing file", async () => {
    const controller = new AbortController();
    const clock = createFakeClock();
    let polls = 0;
    const result = await followRunEvents({
      readFrom: async (offset) => {
        polls++;
        return fileReader(join(root, "missing.jsonl"))(offset);
      },
      onEvents: () => {
        throw new Error("no events expected");
      },
      done: () => false,
      sleep: async (ms, signal) => {
        await clock.sleep(ms, signal);
        if (polls === 3) controller.abort();
      },
      intervalMs: 100,
      signal: controller.signal,
    });
    expect(result).toBe("aborted");
    expect(polls).toBe(3);
  });

  it("ends when the writer is gone (killed: no run-end ever comes), after one last read (defect 9)", async () => {
    const dir = join(root, "killed");
    rmSync(dir, { recursive: true, force: true });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "events.jsonl");
    writeFileSync(file, line({ seq: 0, ts: 1, type: "run-start", run_id: "r", command: "survey run", resumed: false }));
    // a live writer: this process
    writeFileSync(join(dir, "run.lock"), JSON.stringify({ pid: process.pid, host: hostname(), started_at: "x", command: "survey run" }));
    const clock = createFakeClock();
    const types: string[] = [];
    let sleeps = 0;
    const result = await followRunEvents({
      readFrom: fileReader(file),
      onEvents: (events) => types.push(...events.map((e) => e.type)),
      done: () => types.at(-1) === "run-end",
      writerGone: runWriterGone(dir),
      sleep: async (ms) => {
        await clock.sleep(ms);
        sleeps++;
        if (sleeps === 2) {
          // the writer appends one more event and is SIGKILLed: its lock names a dead pid
          appendFileSync(
            file,
            line({ seq: 1, ts: 2, type: "tasks-start", file: "responses.jsonl", total: 1, already_done: 0, pending: 1 }),
          );
          const dead = spawnSync(process.execPath, ["-e", "0"]).pid as number;
          writeFileSync(join(dir, "run.lock"), JSON.stringify({ pid: dead, host: hostname(), started_at: "x", command: "survey run" }));
        }
      },
      intervalMs: 100,
    });
    expect(result).toBe("writer-gone");
    expect(types).toEqual(["run-start", "tasks-start"]);
    expect(sleeps).toBe(2);
  });

  it("a run directory without a lock has no writer", () => {
    expect(runWriterGone(join(root, "nowhere"))()).toBe(true);
  });
});
