// alpha and omega against known truth: a one-factor model with loadings λ and unique variance
// 1 − λ² has alpha = omega = k·λ²/(1 + (k−1)·λ²) (equal loadings, population values).
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { scaleReliability } from "./scale-reliability.js";

describe("scaleReliability", () => {
  it("recovers alpha and omega of a congeneric one-factor scale (k = 10, λ = 0.6, n = 3000)", () => {
    const rng = createRng("reliability");
    const k = 10;
    const l = 0.6;
    const rows = Array.from({ length: 3000 }, () => {
      const f = rng.normal();
      return Array.from({ length: k }, () => l * f + Math.sqrt(1 - l * l) * rng.normal());
    });
    const truth = (k * l * l) / (1 + (k - 1) * l * l);
    const r = scaleReliability(rows);
    expect(r.alpha).toBeCloseTo(truth, 1);
    expect(Math.abs((r.alpha as number) - truth)).toBeLessThan(0.02);
    expect(Math.abs((r.omega as number) - truth)).toBeLessThan(0.02);
  });

  it("noise items: alpha near 0; too few respondents: null", () => {
    const rng = createRng("noise");
    const rows = Array.from({ length: 2000 }, () => Array.from({ length: 6 }, () => rng.normal()));
    expect(Math.abs(scaleReliability(rows).alpha as number)).toBeLessThan(0.1);
    expect(
      scaleReliability([
        [1, 2],
        [2, 3],
      ]).alpha,
    ).toBeNull();
  });
});
