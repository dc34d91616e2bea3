// units are personas: samples nest in them, logprob vectors are per-persona, weights give Kish n.
import { describe, expect, it } from "vitest";
import { buildUnitSample, effectiveSize, unitMean } from "./unit-sample.js";
import { countsForUnits, sharedResample } from "./unit-resampling.js";
import { createRng } from "../../core/rng.js";

describe("unit samples", () => {
  it("a persona's samples are one unit; probs are one unit; the mean weighs units, not rows", () => {
    const s = buildUnitSample(
      [1, 2],
      [
        { id: "a", answers: [1, 1, 1, 2] },
        { id: "b", answers: [2] },
        { id: "c", probs: { "1": 0.2, "2": 0.6 } },
        { id: "d", answers: [] },
      ],
    );
    expect(Array.from(s.oneHot)).toEqual([-1, 1, -1, -1]);
    const q = unitMean(s) as Float64Array;
    // (0.75 + 0 + 0.25) / 3 for code 1
    expect(q[0]).toBeCloseTo(1 / 3, 12);
    expect(effectiveSize(s)).toEqual({ units: 3, n_eff: 3 });
  });

  it("weights: weighted mean and Kish effective n = (Σw)² / Σw²", () => {
    const s = buildUnitSample(
      [1, 2],
      [
        { id: "a", answers: [1], weight: 3 },
        { id: "b", answers: [2], weight: 1 },
      ],
    );
    expect(Array.from(unitMean(s) as Float64Array)).toEqual([0.75, 0.25]);
    expect(effectiveSize(s).n_eff).toBeCloseTo(16 / 10, 12);
  });

  it("a shared resample gives the same persona counts to every arm (paired), by id", () => {
    const shared = sharedResample(createRng(1), ["a", "b", "c"], 5);
    const x = countsForUnits(["c", "a"], 5, createRng(2), shared);
    for (let r = 0; r < 5; r++) {
      expect(x[r * 2]).toBe(shared.counts[r * 3 + 2]);
      expect(x[r * 2 + 1]).toBe(shared.counts[r * 3]);
    }
    // ids outside the shared draw → an independent draw of the right shape
    expect(countsForUnits(["z"], 5, createRng(2), shared)).toHaveLength(5);
  });
});
