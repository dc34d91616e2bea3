import { describe, expect, it } from "vitest";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { orderEffectCell, orderEffects, type OrderEffectRow } from "./order-effect.js";

describe("orderEffects", () => {
  const q57 = getItem(loadInstrument("wvs"), "Q57");
  const row = (reversed: boolean, value: number | null, status = "ok", arm = "deep"): OrderEffectRow => ({ arm, country: "DEU", item: "Q57", reversed, value, status });

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
