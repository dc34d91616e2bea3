// the exact binomial/multinomial sampler behind the count bootstrap: seeded, sums to n, and has
// the right first two moments on both the inversion and the beta-splitting paths.
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { sampleBinomial, sampleMultinomial } from "./sample-multinomial.js";

function moments(draw: () => number, reps: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < reps; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / reps;
  return { mean, variance: s2 / reps - mean * mean };
}

describe("sampleBinomial", () => {
  for (const [n, p] of [
    [40, 0.3],
    [1000, 0.01],
    [1_000_000, 0.3],
    [1_000_000, 0.999],
  ] as const) {
    it(`Binomial(${n}, ${p}): mean and variance within sampling error`, () => {
      const rng = createRng(`binom-${n}-${p}`);
      const reps = 4000;
      const { mean, variance } = moments(() => sampleBinomial(rng, n, p), reps);
      const mu = n * p;
      const v = n * p * (1 - p);
      expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(v / reps));
      expect(variance / v).toBeGreaterThan(0.85);
      expect(variance / v).toBeLessThan(1.15);
    });
  }
  it("edge probabilities", () => {
    const rng = createRng(1);
    expect(sampleBinomial(rng, 10, 0)).toBe(0);
    expect(sampleBinomial(rng, 10, 1)).toBe(10);
    expect(sampleBinomial(rng, 0, 0.5)).toBe(0);
  });
});

describe("sampleMultinomial", () => {
  it("counts sum to n, zero-probability categories stay empty, same seed → same draw", () => {
    const probs = [0.2, 0, 0.5, 0.3];
    const a = sampleMultinomial(createRng("m"), 1_000_000, probs);
    const b = sampleMultinomial(createRng("m"), 1_000_000, probs);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.reduce((x, y) => x + y, 0)).toBe(1_000_000);
    expect(a[1]).toBe(0);
    expect(Math.abs((a[2] as number) / 1e6 - 0.5)).toBeLessThan(0.003);
  });
});
