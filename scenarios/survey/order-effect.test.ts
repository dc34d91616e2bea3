import { describe, expect, it } from "vitest";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { orderEffectCell, orderEffects, type OrderEffectRow } from "./order-effect.js";

describe("orderEffects", () => {
  const q57 = getItem(loadInstrument("wvs"), "Q57");
  const row = (reversed: boolean, value: number | null, status = "ok", arm = "deep"): OrderEffectRow => ({
    arm,
    country: "DEU",
    item: "Q57",
    reversed,
    value,
    status,
  });

  it("identical halves → 0; opposite halves → TV 1 and the mean shift", () => {
    const same = orderEffects([row(false, 1), row(false, 2), row(true, 1), row(true, 2)], [q57]);
    expect(same.deep?.DEU?.Q57).toEqual({ n_forward: 2, n_reversed: 2, total_variation: 0, js_distance: 0, mean_diff: 0 });
    const opposite = orderEffects([row(false, 1), row(false, 1), row(true, 2), row(true, 2, "ok", "deep")], [q57]);
    expect(opposite.deep?.DEU?.Q57?.total_variation).toBe(1);
    expect(opposite.deep?.DEU?.Q57?.js_distance).toBeCloseTo(1, 12);
    expect(opposite.deep?.DEU?.Q57?.mean_diff).toBe(1);
  });

  it("refused and invalid rows are left out; a missing half gives nulls; arms stay apart", () => {
    const fx = orderEffects([row(false, 1), row(true, null, "refused"), row(true, 2, "invalid"), row(true, 2, "ok", "uniform")], [q57]);
    expect(fx.deep?.DEU?.Q57).toEqual({ n_forward: 1, n_reversed: 0, total_variation: null, js_distance: null, mean_diff: null });
    expect(fx.uniform?.DEU?.Q57?.n_reversed).toBe(1);
    expect(orderEffectCell([1, 2, 2, 2], [1, 1, 2, 2], [1, 2]).total_variation).toBeCloseTo(0.25, 12);
  });
});

describe("orderEffectCell against known truth (simulation)", () => {
  it("same distribution in both halves → distance near 0; a known shift is recovered", async () => {
    const { createRng } = await import("../../core/rng.js");
    const rng = createRng(11);
    const codes = [1, 2, 3, 4];
    const p = [0.1, 0.2, 0.3, 0.4];
    const q = [0.4, 0.3, 0.2, 0.1]; // mean 2.0 vs 3.0, TV 0.4
    const draw = (w: number[]) => {
      let u = rng.next();
      for (let i = 0; i < w.length; i++) if ((u -= w[i] as number) < 0) return codes[i] as number;
      return codes[codes.length - 1] as number;
    };
    const n = 20000;
    const a = Array.from({ length: n }, () => draw(p));
    const b = Array.from({ length: n }, () => draw(p));
    const null_ = orderEffectCell(a, b, codes);
    expect(null_.total_variation).toBeLessThan(0.02);
    expect(Math.abs(null_.mean_diff as number)).toBeLessThan(0.03);
    const shifted = orderEffectCell(
      a,
      Array.from({ length: n }, () => draw(q)),
      codes,
    );
    expect(shifted.total_variation).toBeGreaterThan(0.38);
    expect(shifted.total_variation).toBeLessThan(0.42);
    expect(shifted.mean_diff).toBeCloseTo(-1, 1);
  });
});
