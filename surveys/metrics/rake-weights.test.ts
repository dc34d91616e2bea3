// known truth: a sample that over-represents women and the old. raked weights must reproduce the
// population margins, and a weighted mean of an outcome that depends on age must recover the
// population mean that the unweighted sample misses.
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { rakeWeights } from "./rake-weights.js";

const TARGETS = { sex: { female: 0.5, male: 0.5 }, age: { "18-39": 0.4, "40-64": 0.4, "65+": 0.2 }, urban: { urban: 0.7, rural: 0.3 } };

function sample(seed: string, n: number) {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const sex = rng.next() < 0.7 ? "female" : "male";
    const age = ["18-39", "40-64", "65+"][rng.weightedIndex([0.2, 0.3, 0.5])] as string;
    const urban = rng.next() < 0.5 ? "urban" : "rural";
    // the outcome: a yes share of 0.2 / 0.5 / 0.8 by age band, +0.1 among the urban
    const p = { "18-39": 0.2, "40-64": 0.5, "65+": 0.8 }[age]! + (urban === "urban" ? 0.1 : 0);
    return { unit: { sex, age, urban }, y: rng.next() < p ? 1 : 0 };
  });
}

describe("rakeWeights", () => {
  it("matches every margin and recovers an age-dependent population mean", () => {
    const s = sample("rake", 4000);
    const r = rakeWeights({ units: s.map((x) => x.unit), targets: TARGETS });
    expect(r.converged).toBe(true);
    expect(r.max_error).toBeLessThan(1e-6);
    for (const [dim, shares] of Object.entries(TARGETS)) {
      for (const [level, target] of Object.entries(shares)) {
        const got = s.reduce((acc, x, i) => acc + (x.unit[dim as keyof typeof x.unit] === level ? r.weights[i]! : 0), 0) / s.length;
        expect(got).toBeCloseTo(target, 5);
      }
    }
    const truth = 0.4 * 0.2 + 0.4 * 0.5 + 0.2 * 0.8 + 0.7 * 0.1;
    const unweighted = s.reduce((a, x) => a + x.y, 0) / s.length;
    const weighted = s.reduce((a, x, i) => a + x.y * r.weights[i]!, 0) / s.length;
    expect(Math.abs(unweighted - truth)).toBeGreaterThan(0.08);
    expect(Math.abs(weighted - truth)).toBeLessThan(0.03);
    expect(r.kish_n).toBeLessThan(s.length);
    expect(r.kish_n).toBeGreaterThan(s.length / 4);
  });

  it("leaves units with an unknown level alone on that dimension, and caps weights", () => {
    const r = rakeWeights({
      units: [{ sex: "female" }, { sex: "female" }, { sex: "male" }, { sex: null }],
      targets: { sex: { female: 0.5, male: 0.5 } },
    });
    expect(r.weights[0]).toBeCloseTo(r.weights[1]!, 9);
    expect(r.weights[2]! / r.weights[0]!).toBeCloseTo(2, 6);
    const capped = rakeWeights({
      units: [{ s: "a" }, { s: "a" }, { s: "a" }, { s: "b" }],
      targets: { s: { a: 0.1, b: 0.9 } },
      cap: 2,
      maxIterations: 5,
    });
    expect(Math.max(...capped.weights)).toBeLessThanOrEqual(2 + 1e-9);
    expect(capped.converged).toBe(false);
  });
});
