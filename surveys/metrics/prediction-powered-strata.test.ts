// post-stratified PPI against known truth: two subgroups of equal population share whose real
// answers AND simulator biases differ, and a convenience pilot that over-represents one of them
// (75% / 25%). the pooled rectifier then corrects by the wrong mix of biases; the per-subgroup
// correction (both groups ≥ MIN_STRATUM_PILOT_N respondents) must cover the truth ≥ 90% and be
// less biased. the stratum rule: a level below the threshold is pooled with the other small ones.
import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../core/rng.js";
import { MIN_STRATUM_PILOT_N, pilotStrata, predictionPoweredShares } from "./prediction-powered-shares.js";

const CODES = ["1", "2", "3"];
const TRUTH = { A: [0.6, 0.3, 0.1], B: [0.1, 0.3, 0.6] } as const;
/** where the twin does not copy its respondent, it answers from here: group A leans to 3, B to 1 */
const BIAS = { A: [0.1, 0.2, 0.7], B: [0.8, 0.15, 0.05] } as const;
const POPULATION = CODES.map((_, i) => 0.5 * (TRUTH.A[i] as number) + 0.5 * (TRUTH.B[i] as number));

const draw = (rng: Rng, p: readonly number[]) => CODES[rng.weightedIndex(p)] as string;
const twin = (rng: Rng, g: "A" | "B", real: string) => (rng.next() < 0.5 ? real : draw(rng, BIAS[g]));

function replicate(seed: string, stratified: boolean) {
  const rng = createRng(seed);
  const pilot = Array.from({ length: 200 }, (_, i) => {
    const g = i < 150 ? "A" : "B";
    const real = draw(rng, TRUTH[g]);
    return { real, twin: twin(rng, g, real), stratum: g };
  });
  const groups = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? "A" : "B") as "A" | "B");
  const simulated = groups.map((g) => twin(rng, g, draw(rng, TRUTH[g])));
  return predictionPoweredShares({ codes: CODES, simulated, pilot, ...(stratified ? { simulatedStrata: groups } : {}) });
}

describe("prediction-powered shares per subgroup", () => {
  it("strata: levels with ≥ the threshold stand alone, the rest are pooled; < 2 strata → pooled", () => {
    const many = (l: string, n: number) => Array.from({ length: n }, () => l);
    const a = pilotStrata([...many("x", 40), ...many("y", 35), ...many("z", 10), null], ["x", "y", "z", "w"], MIN_STRATUM_PILOT_N);
    expect(a.plans.map((p) => p.label)).toEqual(["x", "y+w+z"]);
    expect(a.of("z")).toBe("y+w+z");
    expect(a.of(null)).toBe("y+w+z");
    const b = pilotStrata([...many("x", 40), ...many("y", 20), ...many("z", 20)], ["x", "y", "z"], 30);
    expect(b.plans.map((p) => p.label)).toEqual(["x", "other"]);
    const c = pilotStrata([...many("x", 29), ...many("y", 29)], ["x", "y"], 30);
    expect(c.plans.map((p) => p.label)).toEqual(["all"]);
  });

  it("corrects a non-representative pilot by subgroup; the pooled correction stays biased", () => {
    const reps = 200;
    const stats = { strat: { covered: 0, bias: 0 }, pooled: { covered: 0, bias: 0 } };
    let total = 0;
    for (let r = 0; r < reps; r++) {
      for (const [key, stratified] of [
        ["strat", true],
        ["pooled", false],
      ] as const) {
        const out = replicate(`strata-${r}`, stratified);
        if (stratified && r === 0)
          expect(out.strata?.map((s) => [s.label, s.n_pilot, s.population_share])).toEqual([
            ["A", 150, 0.5],
            ["B", 50, 0.5],
          ]);
        CODES.forEach((code, i) => {
          const c = out.corrected[code]!;
          const truth = POPULATION[i] as number;
          if (c.ci[0] <= truth && truth <= c.ci[1]) stats[key].covered++;
          stats[key].bias += Math.abs(c.share - truth);
        });
      }
      total += CODES.length;
    }
    expect(stats.strat.covered / total).toBeGreaterThanOrEqual(0.9);
    expect(stats.strat.bias).toBeLessThan(stats.pooled.bias * 0.7);
    expect(stats.pooled.covered / total).toBeLessThan(stats.strat.covered / total);
  });
});
