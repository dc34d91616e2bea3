// metric values computed by hand for small cases: ties, unequal sample sizes, a category absent
// from one side, disjoint and identical distributions, a nominal item.
import { describe, expect, it } from "vitest";
import { distributionMean, jsDistance, jsDivergence, ksStatistic, totalVariation, wasserstein1 } from "./categorical-metrics.js";
import { compareCategorical } from "./compare-categorical.js";

// sim = [1,1,2,3] (n = 4), ref = [1,2,2,2,3,4] (n = 6), support {1,2,3,4}; code 4 absent from sim.
// p = (1/2, 1/4, 1/4, 0), q = (1/6, 1/2, 1/6, 1/6)
// CDFs P = (1/2, 3/4, 1, 1), Q = (1/6, 2/3, 5/6, 1) → |P−Q| = (1/3, 1/12, 1/6, 0)
// KS = 1/3; W1 = 1/3 + 1/12 + 1/6 = 7/12 (unit gaps); W1 / range 3 = 7/36
// means: sim 7/4, ref (1+6+3+4)/6 = 7/3 → |Δ| = 7/12; TV = ½(1/3 + 1/4 + 1/12 + 1/6) = 5/12
// m = (1/3, 3/8, 5/24, 1/12)
// KL(p‖m) = ½·log2(3/2) + ¼·log2(2/3) + ¼·log2(6/5)
// KL(q‖m) = ⅙·log2(1/2) + ½·log2(4/3) + ⅙·log2(4/5) + ⅙·log2(2) = ½·log2(4/3) + ⅙·log2(4/5)
const KL_P = 0.5 * Math.log2(3 / 2) + 0.25 * Math.log2(2 / 3) + 0.25 * Math.log2(6 / 5);
const KL_Q = 0.5 * Math.log2(4 / 3) + (1 / 6) * Math.log2(4 / 5);
const JSD = (KL_P + KL_Q) / 2; // ≈ 0.182932

const p = [1 / 2, 1 / 4, 1 / 4, 0];
const q = [1 / 6, 1 / 2, 1 / 6, 1 / 6];
const support = [1, 2, 3, 4];

describe("categorical metrics on aligned shares", () => {
  it("KS, Wasserstein-1, TV, JS and means match the hand computation", () => {
    expect(ksStatistic(p, q)).toBeCloseTo(1 / 3, 12);
    expect(wasserstein1(p, q, support)).toBeCloseTo(7 / 12, 12);
    expect(totalVariation(p, q)).toBeCloseTo(5 / 12, 12);
    expect(jsDivergence(p, q)).toBeCloseTo(JSD, 12);
    expect(JSD).toBeCloseTo(0.182932, 5);
    expect(jsDistance(p, q)).toBeCloseTo(Math.sqrt(JSD), 12);
    expect(distributionMean(p, support)).toBeCloseTo(7 / 4, 12);
    expect(distributionMean(q, support)).toBeCloseTo(7 / 3, 12);
  });

  it("is symmetric", () => {
    expect(ksStatistic(q, p)).toBeCloseTo(ksStatistic(p, q), 14);
    expect(wasserstein1(q, p, support)).toBeCloseTo(wasserstein1(p, q, support), 14);
    expect(jsDivergence(q, p)).toBeCloseTo(jsDivergence(p, q), 14);
  });

  it("uses the gaps between codes: Wasserstein on codes {0, 5, 10} is in scale units", () => {
    // p = (1, 0, 0), q = (0, 0, 1): all mass moves 10 units
    expect(wasserstein1([1, 0, 0], [0, 0, 1], [0, 5, 10])).toBeCloseTo(10, 12);
    // p = (½, ½, 0), q = (0, ½, ½): |P−Q| = (½, ½) over gaps 5 and 5 → 5
    expect(wasserstein1([0.5, 0.5, 0], [0, 0.5, 0.5], [0, 5, 10])).toBeCloseTo(5, 12);
  });

  it("disjoint distributions: KS = TV = 1, JS divergence = 1 bit; identical: all 0", () => {
    expect(ksStatistic([1, 0], [0, 1])).toBe(1);
    expect(totalVariation([1, 0], [0, 1])).toBe(1);
    expect(jsDivergence([1, 0], [0, 1])).toBeCloseTo(1, 14);
    expect(jsDivergence([1, 0], [0, 1], Math.E)).toBeCloseTo(Math.log(2), 14);
    expect(ksStatistic(q, q)).toBe(0);
    expect(wasserstein1(q, q, support)).toBe(0);
    expect(jsDivergence(q, q)).toBe(0);
    expect(totalVariation(q, q)).toBe(0);
  });
});

describe("compareCategorical", () => {
  it("raw answers with ties, unequal n and a category absent from one side", () => {
    const r = compareCategorical([1, 1, 2, 3], [1, 2, 2, 2, 3, 4], { support: [1, 2, 3, 4] });
    expect(r.n_simulated).toBe(4);
    expect(r.n_reference).toBe(6);
    expect(r.ks).toBeCloseTo(1 / 3, 12);
    expect(r.wasserstein).toBeCloseTo(7 / 12, 12);
    expect(r.wasserstein_normalised).toBeCloseTo(7 / 36, 12);
    expect(r.js_divergence).toBeCloseTo(JSD, 12);
    expect(r.js_distance).toBeCloseTo(Math.sqrt(JSD), 12);
    expect(r.total_variation).toBeCloseTo(5 / 12, 12);
    expect(r.mean_simulated).toBeCloseTo(7 / 4, 12);
    expect(r.mean_reference).toBeCloseTo(7 / 3, 12);
    expect(r.mean_diff).toBeCloseTo(7 / 12, 12);
    expect(r.mean_diff_signed).toBeCloseTo(-7 / 12, 12);
    expect(r.simulated_shares).toEqual([0.5, 0.25, 0.25, 0]);
    expect(r.js_log_base).toBe(2);
  });

  it("without a support, the union of observed values is used (4 still counts)", () => {
    const r = compareCategorical([1, 1, 2, 3], [1, 2, 2, 2, 3, 4]);
    expect(r.support).toEqual([1, 2, 3, 4]);
    expect(r.ks).toBeCloseTo(1 / 3, 12);
  });

  it("counts, shares and raw answers give the same point estimates", () => {
    const raw = compareCategorical([1, 1, 2, 3], [1, 2, 2, 2, 3, 4], { support });
    const counts = compareCategorical(
      { counts: { 1: 2, 2: 1, 3: 1 } },
      {
        counts: new Map([
          [1, 1],
          [2, 3],
          [3, 1],
          [4, 1],
        ]),
      },
      { support },
    );
    const shares = compareCategorical({ counts: { 1: 2, 2: 1, 3: 1 } }, { codes: support, shares: q, n: 6 }, { support });
    for (const r of [counts, shares]) {
      expect(r.ks).toBeCloseTo(raw.ks as number, 12);
      expect(r.wasserstein).toBeCloseTo(raw.wasserstein as number, 12);
      expect(r.js_divergence).toBeCloseTo(raw.js_divergence as number, 12);
      expect(r.mean_diff).toBeCloseTo(raw.mean_diff as number, 12);
    }
    expect(shares.n_reference).toBe(6);
  });

  it("a nominal item gets JS and TV only", () => {
    const item = {
      id: "X",
      title: "x",
      wording: "x?",
      category: "politics",
      direction: 1 as const,
      missingCodes: [],
      kind: "single-choice" as const,
      ordinal: false,
      options: [
        { code: 1, label: "a" },
        { code: 2, label: "b" },
        { code: 3, label: "c" },
      ],
    };
    const r = compareCategorical([1, 1, 2], [3, 3, 2], { item });
    expect(r.ks).toBeNull();
    expect(r.wasserstein).toBeNull();
    expect(r.mean_diff).toBeNull();
    // p = (2/3, 1/3, 0), q = (0, 1/3, 2/3): TV = 2/3
    expect(r.total_variation).toBeCloseTo(2 / 3, 12);
    // JSD = ½[⅔·log2(2) + ⅓·0] + ½[⅔·log2(2)] = 2/3 bit
    expect(r.js_divergence).toBeCloseTo(2 / 3, 12);
  });
});
