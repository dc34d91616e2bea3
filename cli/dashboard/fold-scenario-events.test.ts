// the reducer over hand-built discuss and stress event sequences (no Ink): measures.jsonl opens a
// "pre" phase before the turns and a "post" phase after them, turns fill groups, rounds and the
// tail, answers fill pre/post per arm × item (never the survey panel), judgements fill per
// category counts and failure labels; retries and repairs are counted; the views derive rounds,
// means, changes, rates and CIs; the Wilson interval covers the truth at its nominal rate.
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import type { RunEvent } from "../../core/store/run-event.js";
import { dashboardView, type DashboardContext } from "./dashboard-view.js";
import { foldRunEvents } from "./fold-run-event.js";
import { wilsonInterval } from "./wilson-interval.js";

let seq = 0;
const ev = (ts: number, fields: Record<string, unknown>) => ({ seq: seq++, ts, ...fields }) as unknown as RunEvent;
const context = (command: string, extra: Partial<DashboardContext> = {}): DashboardContext => ({
  command,
  model: "offline",
  synthetic: true,
  items: [],
  reference: () => undefined,
  ...extra,
});
const measure = (ts: number, phase: string, arm: string, persona: string, value: number | null, status = "ok") =>
  ev(ts, {
    type: "response",
    key: `${phase}/${persona}/Q46`,
    persona_id: persona,
    item_id: "Q46",
    status,
    arm,
    group: `${arm}-g`,
    phase,
    value,
  });
const turn = (ts: number, group: string, arm: string, round: number, t: number, text?: string) =>
  ev(ts, {
    type: "task-done",
    file: "turns.jsonl",
    key: `${group}/r${round}/t${t}`,
    arm,
    group,
    round,
    turn: t,
    persona_id: `${group}-p${t}`,
    ...(text ? { text } : {}),
  });

function discussEvents(): RunEvent[] {
  seq = 0;
  return [
    ev(0, { type: "run-start", run_id: "d1", command: "discuss", resumed: false }),
    ev(0, { type: "tasks-start", file: "personas.jsonl", total: 4, already_done: 4, pending: 0 }),
    ev(1000, { type: "tasks-start", file: "measures.jsonl", total: 4, already_done: 0, pending: 4 }),
    measure(2000, "pre", "control", "a", 1),
    measure(3000, "pre", "control", "b", 3),
    measure(4000, "pre", "treatment", "c", 2),
    measure(5000, "pre", "treatment", "d", null, "refused"),
    ev(5000, { type: "tasks-start", file: "turns.jsonl", total: 8, already_done: 0, pending: 8 }),
    turn(6000, "g1", "control", 1, 1, "I think \u001b[31mcars\u001b[0m should go"),
    turn(7000, "g2", "treatment", 1, 1),
    ev(7500, { type: "retry", key: "g1/r1/t2", reason: "429 rate limited", attempt: 1, model: "m" }),
    turn(8000, "g1", "control", 1, 2),
    turn(9000, "g1", "control", 2, 1),
  ];
}

describe("fold: discuss runs", () => {
  it("pre phase before the turns, groups and rounds, a sanitised tail, pre answers per arm; no survey panel", () => {
    const s = foldRunEvents(discussEvents());
    expect(s.phases.map((p) => [p.name, p.done, p.total])).toEqual([
      ["personas", 4, 4],
      ["pre", 4, 4],
      ["turns", 4, 8],
    ]);
    expect(s.countries).toEqual([]);
    expect(s.answers).toEqual({});
    expect(s.discussion.groups).toEqual({ g1: "control", g2: "treatment" });
    expect(s.discussion.roundByGroup).toEqual({ g1: 2, g2: 1 });
    expect(s.discussion.measures.control?.pre?.Q46).toEqual({ codes: { "1": 1, "3": 1 }, ok: 2, refused: 0, invalid: 0 });
    expect(s.discussion.measures.treatment?.pre?.Q46?.refused).toBe(1);
    expect(s.retries).toBe(1);
    const v = dashboardView(s, context("discuss", { rounds: 2 }), { item: 0, country: 0 });
    expect(v.kind).toBe("discussion");
    expect(v.distribution).toBeNull();
    expect(v.discussion).toMatchObject({ groups: 2, round: 2, rounds: 2, groupsDone: 1, turns: 4 });
    expect(v.discussion?.tail[0]).toEqual({ who: "g1 r1.1 g1-p1", text: "I think cars should go" });
    expect(v.discussion?.tail[1]?.text).toBe("(text in turns.jsonl)");
    expect(v.discussion?.rows.find((r) => r.arm === "control")).toMatchObject({
      item: "Q46",
      pre: { n: 2, mean: 2 },
      post: null,
      change: null,
    });
    // the clock moves (1 s per turn): the running phase has an eta in the header
    expect(v.header.etaSeconds).toBeGreaterThan(0);
    expect(v.header.retries).toBe(1);
  });

  it("measures.jsonl after the turns is the post phase; the change is post mean − pre mean", () => {
    const events = [
      ...discussEvents(),
      ev(10000, { type: "tasks-start", file: "measures.jsonl", total: 4, already_done: 0, pending: 4 }),
      measure(11000, "post", "control", "a", 2),
      measure(12000, "post", "control", "b", 4),
      ev(12000, { type: "repair", key: "post/c/Q46", model: "m" }),
      ev(13000, { type: "run-end", status: "complete", reason: null, counts: {} }),
    ];
    const s = foldRunEvents(events);
    expect(s.phases.map((p) => p.name)).toEqual(["personas", "pre", "turns", "post"]);
    expect(s.phases[3]?.done).toBe(2);
    expect(s.repairs).toBe(1);
    const row = dashboardView(s, context("discuss"), { item: 0, country: 0 }).discussion?.rows.find((r) => r.arm === "control");
    expect(row?.post?.mean).toBe(3);
    expect(row?.change).toBe(1);
    expect(row?.pre?.shares).toEqual([
      { code: 1, share: 0.5 },
      { code: 3, share: 0.5 },
    ]);
  });
});

describe("fold: stress runs", () => {
  it("judgements per category with failure labels; rates with Wilson CIs live and bootstrap CIs from metrics.json", () => {
    seq = 0;
    const judge = (category: string, failures: string[], status = "ok") =>
      ev(0, { type: "task-done", file: "judgements.jsonl", key: `${category}/${seq}`, category, status, failures, country: "KEN" });
    const events = [
      ev(0, { type: "run-start", run_id: "s1", command: "stress", resumed: false }),
      ev(0, { type: "tasks-start", file: "exchanges.jsonl", total: 2, already_done: 0, pending: 2 }),
      ev(0, { type: "task-done", file: "exchanges.jsonl", key: "e1" }),
      ev(0, { type: "task-done", file: "exchanges.jsonl", key: "e2" }),
      ev(0, { type: "tasks-start", file: "conversations.jsonl", total: 1, already_done: 0, pending: 1 }),
      ev(0, { type: "task-done", file: "conversations.jsonl", key: "c1" }),
      ev(0, { type: "tasks-start", file: "judgements.jsonl", total: 5, already_done: 0, pending: 5 }),
      judge("medical", ["safety=unsafe-minor", "refusal=under-refusal"]),
      judge("medical", ["safety=unsafe-minor"]),
      judge("medical", []),
      judge("medical", [], "invalid"),
      judge("sycophancy", []),
    ];
    const s = foldRunEvents(events);
    expect(s.stress).toMatchObject({ exchanges: 2, conversations: 1, judgements: 5, categories: ["medical", "sycophancy"] });
    expect(s.stress.byCategory.medical).toEqual({
      judged: 4,
      invalid: 1,
      failed: 2,
      labels: { "safety=unsafe-minor": 2, "refusal=under-refusal": 1 },
    });
    const live = dashboardView(s, context("stress"), { item: 0, country: 0 });
    expect(live.kind).toBe("stress");
    expect(live.header.etaSeconds).toBeNull(); // a frozen clock (offline): no eta
    const medical = live.stress?.categories[0];
    expect(medical).toMatchObject({
      category: "medical",
      judged: 4,
      failed: 2,
      ci: "wilson",
      labels: ["safety=unsafe-minor 2", "refusal=under-refusal 1"],
    });
    expect(medical?.rate).toBeCloseTo(2 / 3);
    expect(medical?.ci95).toEqual(wilsonInterval(2, 3));
    expect(live.stress?.total).toBe(5);
    expect(live.stress?.flagged).toBeNull();
    const metrics = {
      categories: { medical: { any_failure: { ci95: [0.2, 0.9] } } },
      disparities: {
        flagged: [{ segment: "country", value: "KEN", scope: "overall", indicator: "any_failure", rate: 0.8, rate_rest: 0.3, n: 12 }],
      },
    };
    const done = dashboardView(s, context("stress", { metrics }), { item: 0, country: 0 });
    expect(done.stress?.categories[0]).toMatchObject({ ci: "bootstrap", ci95: [0.2, 0.9] });
    expect(done.stress?.categories[1]?.ci).toBe("wilson");
    expect(done.stress?.flagged).toEqual(["country=KEN overall any_failure: 80% vs 30% (n 12)"]);
  });
});

describe("wilsonInterval", () => {
  it("covers the true proportion about 95% of the time (simulation) and handles the edges", () => {
    const rng = createRng(7);
    for (const [p, n] of [
      [0.1, 30],
      [0.5, 20],
      [0.8, 60],
    ] as const) {
      let covered = 0;
      const reps = 2000;
      for (let r = 0; r < reps; r++) {
        let k = 0;
        for (let i = 0; i < n; i++) if (rng.next() < p) k++;
        const ci = wilsonInterval(k, n);
        if (ci && ci[0] <= p && p <= ci[1]) covered++;
      }
      expect(covered / reps).toBeGreaterThan(0.92);
      expect(covered / reps).toBeLessThan(0.985);
    }
    expect(wilsonInterval(0, 0)).toBeNull();
    const [lo, hi] = wilsonInterval(0, 10) ?? [];
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(0.2);
  });
});

describe("batch executor progress (--executor batch)", () => {
  it("the header shows the last batch event, sanitised; a malformed one is ignored", () => {
    const state = foldRunEvents([
      ev(1, { type: "run-start", run_id: "r", command: "survey run", resumed: false }),
      ev(2, { type: "batch", stage: "created", round: 1, batch: "batch_1", requests: 24 }),
      ev(3, { type: "batch", stage: "status", batch: "batch_1\u001b[31m", status: "in_progress" }),
      ev(4, { type: "batch", stage: "nonsense", batch: "x" }),
    ]);
    expect(dashboardView(state, context("survey run"), { item: 0, country: 0 }).header.batch).toBe("batch batch_1: in_progress"); // the escape sequence is gone
    const done = foldRunEvents(
      [
        ev(5, {
          type: "batch",
          stage: "done",
          round: 1,
          batch: "batch_1",
          status: "expired",
          answered: 8,
          errored: 2,
          missing: 14,
          rejected: 0,
        }),
      ],
      state,
    );
    expect(dashboardView(done, context("survey run"), { item: 0, country: 0 }).header.batch).toBe(
      "batch batch_1 ended expired: 8 answered, 2 errored, 14 missing",
    );
  });
});
