// bookkeeping of the categorical recipe: missing vs invalid answers, excluded codes, and the
// seeded bootstrap (which sides are resampled, determinism, sensible intervals).
import { describe, expect, it } from "vitest";
import { loadInstrument, getItem } from "../load-instrument.js";
import { averageMetrics, summariseMetrics } from "./average-metrics.js";
import { createRng } from "../../core/rng.js";
import { compareCategorical } from "./compare-categorical.js";

const wvs = loadInstrument("wvs");
const q254 = getItem(wvs, "Q254");

describe("missing and invalid answers are excluded and counted", () => {
  it("Q254: code 5 (not a national), negatives, blanks → missing; 1.67 → invalid", () => {
    const sim = [1, 2, 5, -1, Number.NaN, null, 1.67, 3, undefined, -2];
    const r = compareCategorical(sim, [1, 2, 3, 4], { item: q254 });
    expect(r.n_simulated).toBe(3);
    expect(r.missing_simulated).toBe(6);
    expect(r.invalid_simulated).toBe(1);
    expect(r.support).toEqual([1, 2, 3, 4]);
    expect(r.simulated_shares).toEqual([1 / 3, 1 / 3, 1 / 3, 0]);
    // scale 1..4 → range 3
    expect(r.wasserstein_normalised).toBeCloseTo((r.wasserstein as number) / 3, 14);
  });
  it("no valid answers on a side → null metrics with a note", () => {
    const r = compareCategorical([5, -1], [1, 2], { item: q254 });
    expect(r.ks).toBeNull();
    expect(r.note).toContain("no valid simulated answers");
  });
});

describe("bootstrap confidence intervals", () => {
  const sim = Array.from({ length: 300 }, (_, i) => 1 + (i % 4));
  const ref = Array.from({ length: 500 }, (_, i) => 1 + (i % 3));

  it("both CSV sides are resampled; same seed → same interval; other seed → other interval", () => {
    const a = compareCategorical(sim, ref, { item: q254, bootstrap: 300, seed: 7 });
    const b = compareCategorical(sim, ref, { item: q254, bootstrap: 300, seed: 7 });
    const c = compareCategorical(sim, ref, { item: q254, bootstrap: 300, seed: 8 });
    expect(a.bootstrap?.resampled).toBe("both");
    expect(a.ci95).toEqual(b.ci95);
    expect(a.ci95).not.toEqual(c.ci95);
    const [lo, hi] = a.ci95?.mean_simulated as [number, number];
    expect(lo).toBeLessThanOrEqual(a.mean_simulated as number);
    expect(hi).toBeGreaterThanOrEqual(a.mean_simulated as number);
    expect(hi - lo).toBeGreaterThan(0);
    expect(hi - lo).toBeLessThan(0.5);
    // the plug-in distances get no interval (biased upward; see the coverage test below)
    expect(Object.keys(a.ci95 ?? {}).sort()).toEqual(["mean_diff_signed", "mean_reference", "mean_simulated"]);
    expect(a.bootstrap?.note).toMatch(/means only/);
  });

  it("a distribution reference is held fixed: only the simulated side is resampled", () => {
    const r = compareCategorical(
      sim,
      { codes: [1, 2, 3, 4], shares: [0.25, 0.25, 0.25, 0.25], n: 1000 },
      { item: q254, bootstrap: 200, seed: 1 },
    );
    expect(r.bootstrap?.resampled).toBe("simulated");
    const [lo, hi] = r.ci95?.mean_reference as [number, number];
    expect(lo).toBe(2.5);
    expect(hi).toBe(2.5);
    expect(r.ks).toBeCloseTo(0, 12);
  });

  it("bootstrap 0 gives no intervals", () => {
    expect(compareCategorical(sim, ref, { item: q254 }).ci95).toBeNull();
  });
});

describe("averages", () => {
  it("unweighted means skip metrics a record lacks (nominal items)", () => {
    const avg = averageMetrics([
      { ks: 0.2, js_distance: 0.4, mean_diff: 1 },
      { ks: null, js_distance: 0.2, mean_diff: null },
    ]);
    expect(avg.ks).toBeCloseTo(0.2, 14);
    expect(avg.js_distance).toBeCloseTo(0.3, 14);
    expect(avg.n_items).toBe(2);
    expect(avg.n_per_metric.ks).toBe(1);
    expect(avg.wasserstein).toBeNull();
  });
  it("per country, per item, and the mean of the country means", () => {
    const s = summariseMetrics([
      { country: "DEU", item: "Q45", metrics: { ks: 0.1 } },
      { country: "DEU", item: "Q46", metrics: { ks: 0.3 } },
      { country: "KEN", item: "Q45", metrics: { ks: 0.5 } },
    ]);
    expect(s.by_country.DEU?.ks).toBeCloseTo(0.2, 14);
    expect(s.by_item.Q45?.ks).toBeCloseTo(0.3, 14);
    expect(s.overall.ks).toBeCloseTo(0.35, 14);
  });
});

describe("per-respondent probability vectors (logprob answers)", () => {
  it("the population distribution is the mean vector; the bootstrap resamples respondents", () => {
    const vectors = [
      [0.5, 0.5, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 2, 2], // renormalised to (0, 0, ½, ½)
      [0, 0, 0, 0], // no mass on valid codes: missing
    ];
    const r = compareCategorical(
      { codes: [1, 2, 3, 4], vectors },
      { codes: [1, 2, 3, 4], shares: [0.25, 0.25, 0.25, 0.25] },
      { item: q254, bootstrap: 200, seed: 3 },
    );
    // mean of the three valid vectors: (1/6, 1/2, 1/6, 1/6)
    expect(r.simulated_shares[0]).toBeCloseTo(1 / 6, 12);
    expect(r.simulated_shares[1]).toBeCloseTo(1 / 2, 12);
    expect(r.n_simulated).toBe(3);
    expect(r.missing_simulated).toBe(1);
    expect(r.bootstrap?.resampled).toBe("simulated");
    const [lo, hi] = r.ci95?.mean_simulated as [number, number];
    expect(hi).toBeGreaterThan(lo);
  });
});

describe("interval coverage against a known truth (simulation)", () => {
  // the means' percentile intervals cover; the distances' would not near the truth, so they get none
  const q = [0.3, 0.45, 0.2, 0.05];
  const p = [0.28, 0.46, 0.21, 0.05]; // a simulation close to the reference: true JS distance ≈ 0.02
  const truthMean = p.reduce((s, x, i) => s + x * (i + 1), 0);
  it.each([50, 200])("n = %i: the 95 percent interval of the simulated mean covers the true mean in 88–99% of 200 samples", (n) => {
    const rng = createRng(`coverage-${n}`);
    let covered = 0;
    for (let r = 0; r < 200; r++) {
      const answers = Array.from({ length: n }, () => 1 + rng.weightedIndex(p));
      const m = compareCategorical(answers, { codes: [1, 2, 3, 4], shares: q, n: 2000 }, { item: q254, bootstrap: 200, seed: r });
      const [lo, hi] = m.ci95?.mean_simulated as [number, number];
      if (lo <= truthMean && truthMean <= hi) covered++;
      expect(m.ci95?.js_distance).toBeUndefined();
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.88);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });
});
