// the dashboard reducer over a realistic survey event sequence: two phases, answers per arm ×
// country × item, statuses, errors, a budget stop, then a resume (recovered line, second
// run-start) that carries the counts on and restarts rates and usage.
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../core/store/run-event.js";
import { initialDashboardState, totalUsage } from "./dashboard-state.js";
import { foldRunEvent, foldRunEvents } from "./fold-run-event.js";

let seq = 0;
const ev = (ts: number, fields: Record<string, unknown>) => ({ seq: seq++, ts, ...fields }) as unknown as RunEvent;
const response = (ts: number, arm: string, country: string, item: string, value: number | null, status = "ok") =>
  ev(ts, {
    type: "response",
    key: `${arm}/${country}-p/${item}/${ts}`,
    persona_id: `${country}-p`,
    item_id: item,
    item,
    status,
    arm,
    country,
    value,
  });

function firstSession(): RunEvent[] {
  seq = 0;
  return [
    ev(1000, { type: "run-start", run_id: "r1", command: "survey run", resumed: false }),
    ev(1000, { type: "tasks-start", file: "personas.jsonl", total: 4, already_done: 0, pending: 4, tokens: 0, cost_usd: 0 }),
    ev(1500, { type: "persona-done", key: "DEU-1", persona_id: "DEU-1", country: "DEU", tokens: 1000, cost_usd: 0.01 }),
    ev(2000, { type: "persona-done", key: "KEN-1", persona_id: "KEN-1", country: "KEN", tokens: 2000, cost_usd: 0.02 }),
    ev(2500, { type: "persona-done", key: "DEU-2", persona_id: "DEU-2", country: "DEU" }),
    ev(3000, { type: "persona-done", key: "KEN-2", persona_id: "KEN-2", country: "KEN", tokens: 4000, cost_usd: 0.04 }),
    ev(3000, { type: "tasks-start", file: "responses.jsonl", total: 8, already_done: 0, pending: 8, tokens: 4000, cost_usd: 0.04 }),
    response(3500, "deep", "KEN", "Q46", 1),
    response(4000, "deep", "KEN", "Q46", 2),
    response(4500, "deep", "KEN", "Q46", null, "refused"),
    response(5000, "cultural-prompting", "KEN", "Q46", 1),
    ev(5000, { type: "error", key: "deep/DEU-1/Q46/0", code: "model_timeout", message: "request timed out after 30000 ms" }),
    ev(5000, { type: "budget", message: "budget cap reached before task 'x'; 4 of 8 done", key: "x", estimate_usd: 0.002 }),
    ev(5000, { type: "run-end", status: "incomplete", reason: "responses: budget cap reached", counts: {}, tokens: 5000, cost_usd: 0.05 }),
  ];
}

describe("foldRunEvent", () => {
  it("folds phases, answers per arm × country × item, statuses, errors, budget stops and usage", () => {
    const s = foldRunEvents(firstSession());
    expect(s).toMatchObject({
      runId: "r1",
      command: "survey run",
      status: "incomplete",
      reason: "responses: budget cap reached",
      sessions: 1,
    });
    expect(s.phases.map((p) => [p.name, p.done, p.total, p.failed])).toEqual([
      ["personas", 4, 4, 0],
      ["responses", 4, 8, 1],
    ]);
    expect(s.countries).toEqual(["DEU", "KEN"]);
    expect(s.personasByCountry).toEqual({ DEU: 2, KEN: 2 });
    expect(s.arms).toEqual(["deep", "cultural-prompting"]);
    expect(s.statuses).toEqual({ ok: 3, refused: 1, invalid: 0 });
    expect(s.answers.deep?.KEN?.Q46).toEqual({ codes: { "1": 1, "2": 1 }, ok: 2, refused: 1, invalid: 0 });
    expect(s.answers["cultural-prompting"]?.KEN?.Q46?.codes).toEqual({ "1": 1 });
    expect(s.errors).toEqual([{ seq: 11, key: "deep/DEU-1/Q46/0", code: "model_timeout", message: "request timed out after 30000 ms" }]);
    expect(s.budgetStops).toEqual([{ seq: 12, message: "budget cap reached before task 'x'; 4 of 8 done", estimateUsd: 0.002 }]);
    expect(totalUsage(s)).toEqual({ tokens: 5000, costUsd: 0.05 });
    // rate of the responses phase: 4 records from ts 3000 to 5000 (the error moves lastTs too)
    const responses = s.phases[1];
    expect(responses && responses.sessionDone / ((responses.lastTs - responses.startedTs) / 1000)).toBe(2);
  });

  it("never mutates the previous state and shares untouched branches", () => {
    const events = firstSession();
    const before = foldRunEvents(events.slice(0, 8));
    const snapshot = JSON.stringify(before);
    const after = foldRunEvent(before, events[8] as RunEvent);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(after.answers.deep?.KEN?.Q46?.ok).toBe(2);
    expect(after.personasByCountry).toBe(before.personasByCountry);
  });

  it("resume: a second run-start opens a session; counts carry on, the phase restarts from already_done, usage adds up", () => {
    const events = [
      ...firstSession(),
      ev(9000, { type: "run-start", run_id: "r1", command: "survey run", resumed: true }),
      ev(9000, { type: "recovered", file: "responses.jsonl", line: 5, reason: "torn-tail", action: "truncated" }),
      ev(9100, { type: "tasks-start", file: "personas.jsonl", total: 4, already_done: 4, pending: 0 }),
      ev(9100, { type: "tasks-start", file: "responses.jsonl", total: 8, already_done: 4, pending: 4, tokens: 0, cost_usd: 0 }),
      response(9600, "deep", "DEU", "Q46", 3),
      response(10100, "deep", "DEU", "Q46", 4, "ok"),
      response(10600, "cultural-prompting", "DEU", "Q46", 99, "invalid"),
      response(11100, "deep", "KEN", "Q46", 1),
      ev(11100, { type: "run-end", status: "complete", reason: null, counts: {}, tokens: 700, cost_usd: 0.007 }),
    ];
    const s = foldRunEvents(events);
    expect(s).toMatchObject({ status: "complete", reason: null, sessions: 2, recovered: 1, sessionStartTs: 9000 });
    expect(s.phases.map((p) => [p.name, p.done, p.total, p.alreadyDone, p.sessionDone, p.failed])).toEqual([
      ["personas", 4, 4, 4, 0, 0],
      ["responses", 8, 8, 4, 4, 0],
    ]);
    expect(s.statuses).toEqual({ ok: 6, refused: 1, invalid: 1 });
    expect(s.answers.deep?.KEN?.Q46?.codes).toEqual({ "1": 2, "2": 1 });
    expect(s.answers.deep?.DEU?.Q46?.codes).toEqual({ "3": 1, "4": 1 });
    expect(s.answers["cultural-prompting"]?.DEU?.Q46).toEqual({ codes: {}, ok: 0, refused: 0, invalid: 1 });
    expect(s.budgetStops).toHaveLength(1);
    expect(totalUsage(s)).toEqual({ tokens: 5700, costUsd: 0.057 });
    // the first session's error stays in the list, its phase's failure count restarted
    expect(s.errorCount).toBe(1);
  });

  it("logprob answers add their probabilities; old events without arm/value count statuses only; unknown types are ignored", () => {
    seq = 0;
    const s = foldRunEvents([
      ev(1, { type: "run-start", run_id: "r", command: "survey run", resumed: false }),
      ev(2, { type: "tasks-start", file: "responses.jsonl", total: 3, already_done: 0, pending: 3 }),
      ev(3, {
        type: "response",
        key: "a",
        arm: "deep",
        country: "KEN",
        item: "Q46",
        status: "ok",
        value: 1,
        probs: { "1": 0.75, "2": 0.25 },
      }),
      ev(4, { type: "response", key: "b", persona_id: "p", item_id: "Q46", status: "ok" }),
      ev(5, { type: "something-new", detail: 1 }),
    ]);
    expect(s.answers.deep?.KEN?.Q46?.codes).toEqual({ "1": 0.75, "2": 0.25 });
    expect(s.statuses.ok).toBe(2);
    expect(s.phases[0]?.done).toBe(2);
    expect(s.events).toBe(5);
    expect(initialDashboardState().status).toBe("waiting");
  });
});
