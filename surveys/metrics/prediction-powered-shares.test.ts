// simulation against known truth: a pilot of n = 100 real respondents drawn from a known
// distribution, a biased simulator whose twin answers partly track the real answer, N = 2000
// simulated personas. the corrected 95% intervals must cover the truth ≥ 90% of the time, be
// narrower than the pilot-only intervals, and be less biased than the raw simulation.
import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../core/rng.js";
import { normalQuantile, predictionPoweredShares, wilsonShare } from "./prediction-powered-shares.js";

const CODES = ["1", "2", "3", "4"];
const TRUTH = [0.1, 0.3, 0.4, 0.2];
const BIASED = [0.05, 0.15, 0.3, 0.5];

function draw(rng: Rng, p: readonly number[]): string {
  return CODES[rng.weightedIndex(p)] as string;
}

/** the simulator: with probability `track` the twin answers like its real respondent, else from BIASED */
function simulate(rng: Rng, real: string, track: number): string {
  return rng.next() < track ? real : draw(rng, BIASED);
}

function oneReplicate(seed: string, track: number) {
  const rng = createRng(seed);
  const pilot = Array.from({ length: 100 }, () => {
    const real = draw(rng, TRUTH);
    return { real, twin: simulate(rng, real, track) };
  });
  const simulated = Array.from({ length: 2000 }, () => simulate(rng, draw(rng, TRUTH), track));
  return predictionPoweredShares({ codes: CODES, simulated, pilot });
}

describe("predictionPoweredShares", () => {
  it("normal quantile and Wilson interval match known values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 5);
    const w = wilsonShare(10, 100, 1.959964);
    expect(w.ci[0]).toBeCloseTo(0.05523, 4);
    expect(w.ci[1]).toBeCloseTo(0.17437, 4);
  });

  it("covers the truth, is narrower than the pilot alone and less biased than the raw simulation", () => {
    const reps = 300;
    let covered = 0;
    let total = 0;
    let widthCorrected = 0;
    let widthPilot = 0;
    let biasRaw = 0;
    let biasCorrected = 0;
    let effective = 0;
    for (let r = 0; r < reps; r++) {
      const out = oneReplicate(`ppi-sim-${r}`, 0.6);
      CODES.forEach((code, i) => {
        const truth = TRUTH[i] as number;
        const c = out.corrected[code]!;
        const p = out.pilot_only[code]!;
        if (c.ci[0] <= truth && truth <= c.ci[1]) covered++;
        total++;
        widthCorrected += c.ci[1] - c.ci[0];
        widthPilot += p.ci[1] - p.ci[0];
        biasRaw += out.raw[code]!.share - truth;
        biasCorrected += c.share - truth;
      });
      effective += out.effective_n;
    }
    const coverage = covered / total;
    expect(coverage).toBeGreaterThanOrEqual(0.9);
    expect(widthCorrected).toBeLessThan(widthPilot * 0.85);
    // bias summed with sign per code would cancel across codes: compare the code with the largest raw bias (code 4: 0.2 → 0.32)
    expect(Math.abs(biasCorrected / total)).toBeLessThan(0.01);
    const raw4 = oneReplicate("ppi-bias", 0.6);
    expect(raw4.raw["4"]!.share - 0.2).toBeGreaterThan(0.08);
    expect(Math.abs(raw4.corrected["4"]!.share - 0.2)).toBeLessThan(Math.abs(raw4.raw["4"]!.share - 0.2));
    expect(effective / reps).toBeGreaterThan(100);
  });

  it("falls back to the pilot when the twins do not track the real answers", () => {
    let covered = 0;
    let total = 0;
    let widthCorrected = 0;
    let widthPilot = 0;
    for (let r = 0; r < 200; r++) {
      const out = oneReplicate(`ppi-null-${r}`, 0);
      CODES.forEach((code, i) => {
        const c = out.corrected[code]!;
        if (c.ci[0] <= TRUTH[i]! && TRUTH[i]! <= c.ci[1]) covered++;
        total++;
        widthCorrected += c.ci[1] - c.ci[0];
        widthPilot += out.pilot_only[code]!.ci[1] - out.pilot_only[code]!.ci[0];
      });
    }
    expect(covered / total).toBeGreaterThanOrEqual(0.9);
    expect(widthCorrected).toBeLessThan(widthPilot * 1.05);
  });

  it("classic PPI (λ = 1) is the simulated share plus the pilot's mean rectifier", () => {
    const out = predictionPoweredShares({
      codes: ["a", "b"],
      simulated: ["a", "a", "a", "b"],
      pilot: [
        { real: "a", twin: "a" },
        { real: "b", twin: "a" },
        { real: "b", twin: "b" },
        { real: "a", twin: null },
      ],
      powerTuning: false,
    });
    expect(out.n_pilot).toBe(3);
    expect(out.corrected.a!.share).toBeCloseTo(0.75 + (1 / 3 - 2 / 3), 6);
    expect(out.lambda.a).toBe(1);
    expect(out.pilot_only.b!.share).toBeCloseTo(2 / 3, 6);
  });
});
