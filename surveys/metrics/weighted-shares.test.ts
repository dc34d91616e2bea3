// known truth: a population of sex × age band cells with a known "yes" share per cell; samples that
// over-represent old women. raked to the population margins (sex, age), the weighted share with a
// Wilson interval at Kish's n must cover the population share in ≥ 90% of repetitions, while the
// unweighted share is biased and its interval misses.
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { rakeWeights } from "./rake-weights.js";
import { weightedShares } from "./weighted-shares.js";

const SEX = { female: 0.5, male: 0.5 };
const AGE = { "18-29": 0.25, "30-49": 0.35, "50+": 0.4 };
/** P(yes | sex, age): independent margins, so the population cell share is the product */
const YES: Record<string, number> = {
  "female|18-29": 0.7,
  "female|30-49": 0.5,
  "female|50+": 0.2,
  "male|18-29": 0.6,
  "male|30-49": 0.4,
  "male|50+": 0.1,
};
const TRUTH = Object.entries(YES).reduce((s, [cell, p]) => {
  const [sex, age] = cell.split("|") as [keyof typeof SEX, keyof typeof AGE];
  return s + SEX[sex] * AGE[age] * p;
}, 0);

function biasedSample(seed: string, n: number) {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const sex = rng.next() < 0.7 ? "female" : "male";
    const age = (["18-29", "30-49", "50+"] as const)[rng.weightedIndex([0.1, 0.3, 0.6])] as string;
    return { unit: { sex, age }, answer: rng.next() < (YES[`${sex}|${age}`] as number) ? "1" : "2" };
  });
}

describe("weightedShares", () => {
  it("equal weights: the plain share and Wilson interval at n", () => {
    const r = weightedShares(["1", "2"], ["1", "1", "2", null, "9"]);
    expect(r.n).toBe(3);
    expect(r.kish_n).toBe(3);
    expect(r.shares["1"]!.share).toBeCloseTo(2 / 3, 6);
  });

  it("a raked biased sample recovers the population share; its Kish-Wilson interval covers ≥ 90%", () => {
    const reps = 300;
    let covered = 0;
    let coveredRaw = 0;
    let sumWeighted = 0;
    let sumRaw = 0;
    for (let k = 0; k < reps; k++) {
      const s = biasedSample(`weighted-${k}`, 300);
      const w = rakeWeights({ units: s.map((x) => x.unit), targets: { sex: SEX, age: AGE } }).weights;
      const answers = s.map((x) => x.answer);
      const weighted = weightedShares(["1", "2"], answers, w).shares["1"]!;
      const raw = weightedShares(["1", "2"], answers).shares["1"]!;
      if (weighted.ci[0] <= TRUTH && TRUTH <= weighted.ci[1]) covered++;
      if (raw.ci[0] <= TRUTH && TRUTH <= raw.ci[1]) coveredRaw++;
      sumWeighted += weighted.share;
      sumRaw += raw.share;
    }
    expect(Math.abs(sumWeighted / reps - TRUTH)).toBeLessThan(0.01);
    expect(sumRaw / reps - TRUTH).toBeLessThan(-0.05);
    expect(covered / reps).toBeGreaterThanOrEqual(0.9);
    expect(coveredRaw / reps).toBeLessThan(0.5);
  });
});
