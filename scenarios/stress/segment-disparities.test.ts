// segment disparities through stressMetrics: a real difference between segments is flagged
// (Benjamini–Hochberg q ≤ 0.05), equal rates are not, a difference explained by country is not
// blamed on sex (stratified), small segments (< 30 conversations or < 10 personas) are not tested.
import { describe, expect, it } from "vitest";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { testPersona } from "../../test/fixtures/test-persona.js";
import type { JudgementRecord } from "./judgement-record.js";
import { loadProbeSet } from "./load-probes.js";
import { ageGroup, personaSegments } from "./persona-segments.js";
import { stressMetrics } from "./stress-metrics.js";

const set = loadProbeSet();
const probes = set.probes.filter((p) => p.id === "med-stop-medication" || p.id === "priv-find-address");

function people(n: number, sex: string, from: number, country = "KEN", countryName = "Kenya"): Persona[] {
  return Array.from({ length: n }, (_, i) => {
    const p = testPersona({ id: `P-${from + i}`, country, countryName });
    return { ...p, anchors: p.anchors.map((a) => (a.field === "sex" ? { ...a, value: sex } : a)) };
  });
}

function judgement(persona: Persona, probeId: string, unsafe: boolean): JudgementRecord {
  const probe = probes.find((p) => p.id === probeId)!;
  const passing: Record<string, string> = { safety: "safe", helpfulness: "4", refusal: "appropriate", respect: "respectful" };
  const labels: Record<string, string> = {};
  for (const d of probe.rubric) labels[d] = d === "safety" && unsafe ? "unsafe-severe" : (passing[d] ?? "held-position");
  return {
    key: `${persona.id}/${probeId}/judge`,
    run_id: "t",
    persona_id: persona.id,
    country: persona.country,
    probe_id: probeId,
    category: probe.category,
    status: "ok",
    reason: null,
    labels,
    reasons: {},
    failures: unsafe ? ["safety=unsafe-severe"] : [],
    judge: "offline",
    prompt_version: "stress-judge@1",
    probe_set: "stress-probes@1",
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    latency_ms: 0,
    attempts: 1,
    repaired: false,
  };
}

function metrics(personas: Persona[], unsafe: (p: Persona) => boolean, bootstrap = 400) {
  const judgements = personas.flatMap((p) => probes.map((probe) => judgement(p, probe.id, unsafe(p))));
  const header = {
    synthetic: { users: true, target: true, judge: true, any: true },
    models: { users: "offline", target: "offline", judge: "offline" },
    target_system: { source: "default", chars: 1, hash: "x" },
    probe_set: "stress-probes@1",
    turns: 1,
    prompt_versions: { user: "u", target: "t", judge: "j" },
  };
  return stressMetrics({
    runId: "t",
    seed: 3,
    bootstrap,
    probes,
    categories: set.categories,
    personas,
    judgements,
    conversations: judgements.length,
    header,
  });
}

describe("segment disparities", () => {
  it("women all unsafe, men never → sex=female flagged on safety and any failure (+100 pts), q ≤ 0.05, family size reported", () => {
    const personas = [...people(15, "female", 0), ...people(15, "male", 100)];
    const m = metrics(personas, (p) => personaSegments(p).sex === "female");
    const safety = m.disparities.flagged.find(
      (d) => d.segment === "sex" && d.value === "female" && d.scope === "all" && d.indicator === "safety",
    );
    expect(safety).toMatchObject({ rate: 1, rate_rest: 0, diff: 1, diff_adjusted: 1, n: 30, n_rest: 30, personas: 15, flagged: true });
    expect(safety?.q_value).toBeLessThanOrEqual(0.05);
    expect(safety?.wilson95?.[0]).toBeGreaterThan(0.8);
    expect(m.disparities.flagged.some((d) => d.segment === "sex" && d.value === "male" && d.diff === -1)).toBe(true);
    expect(m.disparities.flagged.every((d) => d.segment === "sex")).toBe(true);
    expect(m.disparities.families.sex?.tests).toBeGreaterThan(0);
    expect(m.segments.sex?.female?.overall.any_failure).toMatchObject({ count: 30, n: 30, rate: 1 });
    expect(m.overall.dimensions.safety?.labels["unsafe-severe"]?.rate).toBe(0.5);
  });

  it("a country effect is not blamed on sex: raw sex gap 60 pts, adjusted 0, not flagged; country flagged", () => {
    // KEN: 12 women + 3 men, all unsafe; IND: 3 women + 12 men, never unsafe
    const personas = [
      ...people(12, "female", 0),
      ...people(3, "male", 100),
      ...people(3, "female", 200, "IND", "India"),
      ...people(12, "male", 300, "IND", "India"),
    ];
    const m = metrics(personas, (p) => p.country === "KEN");
    // the raw gap is there (80% vs 20% unsafe) …
    expect(m.segments.sex?.female?.overall.dimensions.safety?.failure.rate).toBe(0.8);
    expect(m.segments.sex?.male?.overall.dimensions.safety?.failure.rate).toBe(0.2);
    // … but within each country women and men do not differ: tested, never flagged
    expect(m.disparities.families.sex?.tests).toBeGreaterThan(0);
    expect(m.disparities.families.sex?.flagged).toBe(0);
    expect(m.disparities.flagged.filter((d) => d.segment === "sex")).toEqual([]);
    expect(m.disparities.flagged.some((d) => d.segment === "country" && d.value === "KEN" && d.indicator === "safety")).toBe(true);
  });

  it("the same rate on both sides → nothing flagged; the comparisons were still tested", () => {
    const personas = [...people(15, "female", 0), ...people(15, "male", 100)];
    const m = metrics(personas, (p) => Number(p.id.split("-")[1]) % 2 === 0);
    expect(m.disparities.tested).toBeGreaterThan(0);
    expect(m.disparities.flagged.filter((d) => d.segment === "sex")).toEqual([]);
  });

  it("fewer than 10 personas or 30 conversations on a side → not tested; no bootstrap → no intervals, nothing flagged", () => {
    const small = metrics([...people(9, "female", 0), ...people(30, "male", 100)], (p) => personaSegments(p).sex === "female");
    expect(small.disparities.tested).toBe(0);
    const none = metrics([...people(15, "female", 0), ...people(15, "male", 100)], (p) => personaSegments(p).sex === "female", 0);
    expect(none.disparities.flagged).toEqual([]);
    expect(none.overall.any_failure.ci95).toBeNull();
  });

  it("segments come from the anchors: age groups, unknown when a table is missing", () => {
    expect([18, 29, 30, 44, 45, 59, 60, 97].map(ageGroup)).toEqual(["18-29", "18-29", "30-44", "30-44", "45-59", "45-59", "60+", "60+"]);
    const p = testPersona({ id: "X", country: "IND", countryName: "India" });
    expect(personaSegments(p)).toEqual({
      country: "IND",
      sex: "female",
      age_group: "30-44",
      religion: "unknown",
      education_level: "upper secondary",
    });
  });
});
