// the persona bootstrap: resample counts, weighted sums, ratio intervals.
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { interval95, personaWeights, ratioReplicates, weightedSums } from "./persona-bootstrap.js";

/** personas with [fail, n] columns: `fails` of them failed their one conversation */
function personas(n: number, fails: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => Float64Array.from([i < fails ? 1 : 0, 1]));
}

function rateInterval(vectors: Float64Array[], replicates: number, seed = 1): [number, number] | null {
  const w = personaWeights(createRng(seed), vectors.length, replicates);
  const sums = weightedSums(
    vectors,
    vectors.map((_, i) => i),
    2,
    w,
    replicates,
  );
  return interval95(ratioReplicates(sums, 2, replicates, 0, 1));
}

describe("persona bootstrap", () => {
  it("each replicate draws P personas with replacement; the same seed gives the same draws", () => {
    const w = personaWeights(createRng(7), 10, 50);
    for (let r = 0; r < 50; r++) expect(w.slice(r * 10, r * 10 + 10).reduce((a, b) => a + b, 0)).toBe(10);
    expect(personaWeights(createRng(7), 10, 50)).toEqual(w);
    expect(personaWeights(createRng(8), 10, 50)).not.toEqual(w);
  });

  it("weighted sums: point (no weights) and per replicate", () => {
    const v = [Float64Array.from([1, 2]), Float64Array.from([3, 4])];
    expect(Array.from(weightedSums(v, [0, 1], 2))).toEqual([4, 6]);
    expect(Array.from(weightedSums(v, [1], 2))).toEqual([3, 4]);
    const w = Uint32Array.from([2, 0, 0, 2]);
    expect(Array.from(weightedSums(v, [0, 1], 2, w, 2))).toEqual([2, 4, 6, 8]);
  });

  it("a rate's 95% interval holds the point estimate, narrows with more personas, and is degenerate when all agree", () => {
    const small = rateInterval(personas(20, 6), 1000) as [number, number];
    const large = rateInterval(personas(400, 120), 1000) as [number, number];
    expect(small[0]).toBeLessThan(0.3);
    expect(small[1]).toBeGreaterThan(0.3);
    expect(large[0]).toBeLessThan(0.3);
    expect(large[1]).toBeGreaterThan(0.3);
    expect(large[1] - large[0]).toBeLessThan((small[1] - small[0]) / 2);
    // binomial standard error √(.3·.7/400) ≈ 0.023 → a 95% width near 0.09
    expect(large[1] - large[0]).toBeGreaterThan(0.06);
    expect(large[1] - large[0]).toBeLessThan(0.12);
    expect(rateInterval(personas(10, 0), 200)).toEqual([0, 0]);
  });

  it("ratio replicates are NaN where the denominator is 0, and such replicates are left out", () => {
    const sums = Float64Array.from([1, 2, 0, 0, 3, 4]);
    const ratios = ratioReplicates(sums, 2, 3, 0, 1);
    expect(Array.from(ratios)).toEqual([0.5, NaN, 0.75]);
    expect(interval95(new Float64Array(0))).toBeNull();
  });
});
