import { describe, expect, it } from "vitest";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { discussionMetrics } from "./discussion-metrics.js";
import { DiscussionSpecSchema } from "./discussion-spec.js";
import type { MeasureRecord } from "./measure-record.js";
import type { PlannedGroup } from "./plan-discussion.js";

const q46 = getItem(loadInstrument("wvs"), "Q46");
const spec = DiscussionSpecSchema.parse({ topic: "t", treatment: "x", measure: ["Q46"], seed: 1, bootstrap: 400 });
const group = (id: string, arm: "control" | "treatment", members: string[]): PlannedGroup => ({ id, country: "KEN", arm, members });
const groups = [
  group("g1", "control", ["a", "b"]),
  group("g2", "control", ["c", "d"]),
  group("g3", "treatment", ["e", "f"]),
  group("g4", "treatment", ["g", "h"]),
];
const armOf = (id: string) => groups.find((g) => g.members.includes(id)) as PlannedGroup;
const row = (persona: string, phase: "pre" | "post", value: number | null, status: MeasureRecord["status"] = "ok"): MeasureRecord => ({
  key: `${phase}/${persona}/Q46`,
  run_id: "r",
  arm: armOf(persona).arm,
  group: armOf(persona).id,
  country: "KEN",
  persona_id: persona,
  phase,
  instrument: "wvs",
  item: "Q46",
  value,
  status,
  reason: null,
  raw: "",
  answer_key: null,
  reversed: false,
  model: "m",
  usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
  latency_ms: 0,
  prompt_version: "v",
  attempts: 1,
  repaired: false,
});
// control: nobody moves; treatment: everyone +1 except h, who refused afterwards
const rows = [
  ...["a", "b", "c", "d"].flatMap((p) => [row(p, "pre", 2), row(p, "post", 2)]),
  ...["e", "f", "g"].flatMap((p) => [row(p, "pre", 1), row(p, "post", 2)]),
  row("h", "pre", 1),
  row("h", "post", null, "refused"),
];

describe("discussionMetrics", () => {
  const m = discussionMetrics({ runId: "r", spec, items: [{ item: q46, instrument: "wvs" }], groups, rows, model: "m", synthetic: false });

  it("per arm: paired means, mean change, share changed, distribution shift", () => {
    expect(m.results.control?.Q46).toMatchObject({
      n_personas: 4,
      n_groups: 2,
      n_paired: 4,
      mean_pre: 2,
      mean_post: 2,
      mean_change: 0,
      share_changed: 0,
      shift: { js_distance: 0, total_variation: 0 },
    });
    const t = m.results.treatment?.Q46;
    expect(t).toMatchObject({ n_paired: 3, mean_pre: 1, mean_post: 2, mean_change: 1, share_changed: 1 });
    expect(t?.shift.total_variation).toBe(1);
    expect(t?.distribution).toEqual({ codes: [1, 2, 3, 4], pre: [1, 0, 0, 0], post: [0, 1, 0, 0] });
    expect(m.status_counts.post).toEqual({ rows: 8, ok: 7, refused: 1, invalid: 0 });
  });

  it("treatment effect = change(treatment) − change(control), with a clustered interval", () => {
    expect(m.treatment_effect?.Q46?.estimate).toBe(1);
    expect(m.treatment_effect?.Q46?.ci95).toEqual([1, 1]);
    expect(m.treatment_effect?.Q46?.n_groups).toEqual({ control: 2, treatment: 2 });
    expect(m.bootstrap.unit).toBe("group");
    expect(m.warnings.join(" ")).toMatch(/only 2 groups/);
  });

  it("one arm → no treatment effect", () => {
    const control = discussionMetrics({
      runId: "r",
      spec: { ...spec, arms: ["control"] },
      items: [{ item: q46, instrument: "wvs" }],
      groups: groups.slice(0, 2),
      rows: rows.slice(0, 8),
      model: "m",
      synthetic: true,
    });
    expect(control.treatment_effect).toBeNull();
    expect(Object.keys(control.results)).toEqual(["control"]);
  });
});
