import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../core/store/run-event.js";
import { createScenarioProgress } from "./scenario-progress.js";

const ev = (seq: number, type: string, fields: Record<string, unknown> = {}) => ({ seq, ts: 0, type, ...fields }) as unknown as RunEvent;

describe("createScenarioProgress (a fold over run events)", () => {
  it("writes a line per due record of the phase it belongs to, with this session's statuses or the last key", () => {
    const stderr = new PassThrough();
    let text = "";
    stderr.on("data", (d) => (text += String(d)));
    const progress = createScenarioProgress({ stderr, isTTY: false });
    const events = [
      ev(1, "run-start", { run_id: "r", command: "stress" }),
      ev(2, "tasks-start", { file: "personas.jsonl", total: 1, already_done: 0 }),
      ev(3, "persona-done", { key: "p1", country: "KEN", source: "file" }),
      ev(2, "tasks-start", { file: "exchanges.jsonl", total: 2, already_done: 1 }),
      ev(3, "task-done", { file: "exchanges.jsonl", key: "p1/probe/t1" }),
      ev(4, "tasks-start", { file: "judgements.jsonl", total: 2, already_done: 0 }),
      ev(5, "task-done", { file: "judgements.jsonl", key: "p1/probe/judge", status: "ok" }),
      ev(6, "task-done", { file: "judgements.jsonl", key: "p2/probe/judge", status: "invalid" }),
      ev(7, "tasks-start", { file: "responses.jsonl", total: 1, already_done: 0 }),
      ev(8, "response", { key: "deep/p1/Q1/0", status: "refused" }),
    ];
    for (const e of events) progress.push(e);
    progress.done();
    expect(text.split("\n").filter(Boolean)).toEqual([
      "exchanges 2/2  last p1/probe/t1",
      "judgements 1/2  this session: ok 1",
      "judgements 2/2  this session: ok 1 · invalid 1",
      "responses 1/1  this session: ok 0 · refused 1 · invalid 0",
    ]);
  });
});
