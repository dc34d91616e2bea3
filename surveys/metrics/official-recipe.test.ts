// the deeppersona-official recipe on small hand-computed cases, and the exact KS p-value against
// a brute-force enumeration of every arrangement of the pooled sample.
import { describe, expect, it } from "vitest";
import { ksTwoSamplePValue } from "./ks-pvalue.js";
import { officialJsDistance, officialMetrics } from "./official-recipe.js";
import { numpySum } from "./numpy-sum.js";
import { toTally } from "./tally.js";

const t = (xs: number[]) => toTally(xs, { keepRaw: true });

/** P(D ≥ d) under H0 by enumerating all C(n1+n2, n1) label arrangements of distinct points */
function bruteForceP(n1: number, n2: number, d: number): number {
  const N = n1 + n2;
  let hits = 0;
  let total = 0;
  const rec = (i: number, left1: number, c1: number, c2: number, maxDiff: number) => {
    if (i === N) {
      total++;
      if (maxDiff >= d - 1e-12) hits++;
      return;
    }
    if (left1 > 0) {
      const diff = Math.abs((c1 + 1) / n1 - c2 / n2);
      rec(i + 1, left1 - 1, c1 + 1, c2, Math.max(maxDiff, diff));
    }
    if (N - i > left1) {
      const diff = Math.abs(c1 / n1 - (c2 + 1) / n2);
      rec(i + 1, left1, c1, c2 + 1, Math.max(maxDiff, diff));
    }
  };
  rec(0, n1, 0, 0, 0);
  return hits / total;
}

describe("official recipe, by hand", () => {
  // a = [1,2,3], b = [2,3,3,4]. pooled points 1..4:
  // F1 = (1/3, 2/3, 1, 1), F2 = (0, 1/4, 3/4, 1) → D = 5/12; W1 = 1/3 + 5/12 + 1/4 = 1
  // means 2 and 3 → |Δ| = 1; std(a, ddof 1) = 1; std(b) = √(2/3)
  const a = [1, 2, 3];
  const b = [2, 3, 3, 4];
  it("KS D, Wasserstein on raw values, means and ddof-1 standard deviations", () => {
    const m = officialMetrics(t(a), t(b));
    expect(m.ks).toBeCloseTo(5 / 12, 12);
    expect(m.wasserstein).toBeCloseTo(1, 12);
    expect(m.mean_simulated).toBe(2);
    expect(m.mean_reference).toBe(3);
    expect(m.mean_diff).toBe(1);
    expect(m.std_simulated).toBeCloseTo(1, 12);
    expect(m.std_reference).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(m.js_divergence).toBeCloseTo(m.js_distance * m.js_distance, 14);
  });

  it("JS distance on 19 bins over [1, 4]: values land in bins 0, 6, 12, 18 (natural log)", () => {
    // bins of width 3/19: 1 → 0, 2 → 6 (6.33), 3 → 12 (12.67), 4 → 18 (the inclusive last bin)
    // p = (1/3, 1/3, 1/3, 0), q = (0, 1/4, 1/2, 1/4) on those bins (empty bins ≈ 1e-10 after clipping)
    // m = (1/6, 7/24, 5/12, 1/8)
    const klp = (1 / 3) * (Math.log(2) + Math.log(8 / 7) + Math.log(4 / 5));
    const klq = (1 / 4) * Math.log(6 / 7) + (1 / 2) * Math.log(6 / 5) + (1 / 4) * Math.log(2);
    expect(officialJsDistance(t(a), t(b))).toBeCloseTo(Math.sqrt((klp + klq) / 2), 6);
  });

  it("identical samples: everything 0 and p = 1", () => {
    const m = officialMetrics(t([1, 2, 2, 3]), t([3, 2, 1, 2]));
    expect(m.ks).toBe(0);
    expect(m.wasserstein).toBe(0);
    expect(m.js_distance).toBeCloseTo(0, 12);
    expect(m.ks_pvalue).toBe(1);
  });

  it("numpySum groups like numpy's pairwise sum (0.1 × 10 is not 1 sequentially, but is in 8-way blocks)", () => {
    const xs = Array.from({ length: 10 }, () => 0.1);
    let seq = 0;
    for (const x of xs) seq += x;
    expect(seq).not.toBe(1);
    // numpy: r0..r7 = 0.1, then ((0.2)+(0.2))+((0.2)+(0.2)) = 0.8, + 0.1 + 0.1
    expect(numpySum(xs)).toBe(0.1 + 0.1 + (0.1 + 0.1) + (0.1 + 0.1 + (0.1 + 0.1)) + 0.1 + 0.1);
  });
});

describe("exact two-sample KS p-value (scipy's method) vs brute-force enumeration", () => {
  const cases: [number, number][] = [
    [3, 3],
    [4, 4],
    [5, 5],
    [3, 4],
    [4, 6],
    [5, 7],
    [6, 4],
    [2, 9],
  ];
  for (const [n1, n2] of cases) {
    it(`n1 = ${n1}, n2 = ${n2}: every attainable D`, () => {
      const lcm = (n1 * n2) / gcd(n1, n2);
      for (let h = 1; h <= lcm; h++) {
        const d = h / lcm;
        const brute = bruteForceP(n1, n2, d);
        // only D values that are differences of k/n1 − l/n2 are attainable; others share the next one's p
        const p = ksTwoSamplePValue(d, n1, n2);
        expect(p.method).toBe("exact");
        expect(p.pvalue).toBeCloseTo(brute, 10);
      }
    });
  }
  it("large samples switch to the asymptotic distribution", () => {
    const p = ksTwoSamplePValue(0.01, 20_000, 30_000);
    expect(p.method).toBe("asymptotic");
    expect(p.pvalue).toBeGreaterThan(0);
    expect(p.pvalue).toBeLessThan(1);
  });
});

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

describe("official recipe against a distribution", () => {
  it("uses the declared n for the p-value (none without n) and a weighted ddof-1 std", () => {
    const a = toTally([1, 1, 2, 2], { keepRaw: true });
    const withN = officialMetrics(a, toTally({ codes: [1, 2], shares: [0.5, 0.5], n: 4 }));
    expect(withN.ks).toBe(0);
    expect(withN.ks_pvalue).toBe(1);
    // shares ½/½ on {1, 2}: variance ¼ (ddof 0) × 4/3 → std √(1/3)
    expect(withN.std_reference).toBeCloseTo(Math.sqrt(1 / 3), 12);
    const noN = officialMetrics(a, toTally({ codes: [1, 2], shares: [0.5, 0.5] }));
    expect(noN.ks_pvalue).toBeNull();
    expect(noN.std_reference).toBeCloseTo(0.5, 12);
  });
});
