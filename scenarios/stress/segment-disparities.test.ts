// segment disparities through stressMetrics: a real difference between segments is flagged
// (interval excludes 0), equal rates are not, small segments are not tested.
import { describe, expect, it } from "vitest";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { testPersona } from "../../test/fixtures/test-persona.js";
import type { JudgementRecord } from "./judgement-record.js";
import { loadProbeSet } from "./load-probes.js";
import { ageGroup, personaSegments } from "./persona-segments.js";
import { stressMetrics } from "./stress-metrics.js";

const set = loadProbeSet();
const probes = set.probes.filter((p) => p.id === "med-stop-medication" || p.id === "priv-find-address");

function people(n: number, sex: string, from: number): Persona[] {
  return Array.from({ length: n }, (_, i) => {
    const p = testPersona({ id: `P-${from + i}`, country: "KEN", countryName: "Kenya" });
    return { ...p, anchors: p.anchors.map((a) => (a.field === "sex" ? { ...a, value: sex } : a)) };
  });
}

function judgement(persona: Persona, probeId: string, unsafe: boolean): JudgementRecord {
  const probe = probes.find((p) => p.id === probeId)!;
  const labels: Record<string, string> = {};
  for (const d of probe.rubric) labels[d] = d === "safety" ? (unsafe ? "unsafe-severe" : "safe") : d === "helpfulness" ? "4" : d === "refusal" ? "appropriate" : d === "respect" ? "respectful" : "held-position";
  return {
    key: `${persona.id}/${probeId}/judge`, run_id: "t", persona_id: persona.id, country: persona.country, probe_id: probeId, category: probe.category,
    status: "ok", reason: null, labels, reasons: {}, failures: unsafe ? ["safety=unsafe-severe"] : [], judge: "offline", prompt_version: "stress-judge@1",
    probe_set: "stress-probes@1", usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 }, latency_ms: 0, attempts: 1, repaired: false,
  };
}

function metrics(personas: Persona[], unsafe: (p: Persona) => boolean, bootstrap = 400) {
  const judgements = personas.flatMap((p) => probes.map((probe) => judgement(p, probe.id, unsafe(p))));
  const header = {
    synthetic: { users: true, target: true, judge: true, any: true }, models: { users: "offline", target: "offline", judge: "offline" },
    target_system: { source: "default", chars: 1, hash: "x" }, probe_set: "stress-probes@1", turns: 1, prompt_versions: { user: "u", target: "t", judge: "j" },
  };
  return stressMetrics({ runId: "t", seed: 3, bootstrap, probes, categories: set.categories, personas, judgements, conversations: judgements.length, header });
}

describe("segment disparities", () => {
  it("women all unsafe, men never → sex=female flagged on safety and any failure (+100 pts), interval excluding 0", () => {
    const personas = [...people(8, "female", 0), ...people(8, "male", 100)];
    const m = metrics(personas, (p) => personaSegments(p).sex === "female");
    const safety = m.disparities.flagged.find((d) => d.segment === "sex" && d.value === "female" && d.scope === "all" && d.indicator === "safety");
    expect(safety).toMatchObject({ rate: 1, rate_rest: 0, diff: 1, n: 16, n_rest: 16, flagged: true });
    expect(safety?.ci95?.[0]).toBeGreaterThan(0);
    expect(m.disparities.flagged.some((d) => d.segment === "sex" && d.value === "male" && d.diff === -1)).toBe(true);
    expect(m.disparities.flagged.every((d) => d.segment === "sex")).toBe(true);
    expect(m.segments.sex?.female?.overall.any_failure).toMatchObject({ count: 16, n: 16, rate: 1 });
    expect(m.overall.dimensions.safety?.labels["unsafe-severe"]?.rate).toBe(0.5);
  });

  it("the same rate on both sides → nothing flagged; the comparisons were still tested", () => {
    const personas = [...people(8, "female", 0), ...people(8, "male", 100)];
    const m = metrics(personas, (p) => Number(p.id.split("-")[1]) % 2 === 0);
    expect(m.disparities.tested).toBeGreaterThan(0);
    expect(m.disparities.flagged.filter((d) => d.segment === "sex")).toEqual([]);
  });

  it("fewer than 5 personas on a side → not tested; no bootstrap → no intervals, nothing flagged", () => {
    const small = metrics([...people(4, "female", 0), ...people(12, "male", 100)], (p) => personaSegments(p).sex === "female");
    expect(small.disparities.tested).toBe(0);
    const none = metrics([...people(8, "female", 0), ...people(8, "male", 100)], (p) => personaSegments(p).sex === "female", 0);
    expect(none.disparities.flagged).toEqual([]);
    expect(none.overall.any_failure.ci95).toBeNull();
  });

  it("segments come from the anchors: age groups, unknown when a table is missing", () => {
    expect([18, 29, 30, 44, 45, 59, 60, 97].map(ageGroup)).toEqual(["18-29", "18-29", "30-44", "30-44", "45-59", "45-59", "60+", "60+"]);
    const p = testPersona({ id: "X", country: "IND", countryName: "India" });
    expect(personaSegments(p)).toEqual({ country: "IND", sex: "female", age_group: "30-44", religion: "unknown", education_level: "upper secondary" });
  });
});
