// the forward-vs-reversed order effect: per arm × country × item, the answers of the personas who
// saw the options in code order against those who saw them reversed (reverse-half), compared as
// code distributions (total variation, Jensen–Shannon distance in bits, mean difference on the
// code scale, reversed − forward). with reversal mapped back to codes, a model that reads the
// options shows no effect beyond sampling noise; a primacy/recency bias shows as a distance.
// pure: rows in, numbers out. nominal items (never reversed) have no reversed half → null.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { distributionMean, jsDistance, totalVariation } from "../../surveys/metrics/categorical-metrics.js";
import { validCodes } from "../../surveys/item-codes.js";

export interface OrderEffectRow {
  arm: string;
  country: string;
  item: string;
  reversed: boolean;
  value: number | null;
  status: string;
}

export interface OrderEffectCell {
  n_forward: number;
  n_reversed: number;
  total_variation: number | null;
  js_distance: number | null;
  /** mean code of the reversed half minus the forward half */
  mean_diff: number | null;
}

/** arm → country → item → the distance between the forward and the reversed half */
export type OrderEffects = Record<string, Record<string, Record<string, OrderEffectCell>>>;

function shares(values: readonly number[], codes: readonly number[]): number[] {
  const counts = codes.map((c) => values.filter((v) => v === c).length);
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (n > 0 ? c / n : 0));
}

export function orderEffectCell(forward: readonly number[], reversed: readonly number[], codes: readonly number[]): OrderEffectCell {
  const cell: OrderEffectCell = {
    n_forward: forward.length,
    n_reversed: reversed.length,
    total_variation: null,
    js_distance: null,
    mean_diff: null,
  };
  if (forward.length === 0 || reversed.length === 0 || codes.length === 0) return cell;
  const p = shares(forward, codes);
  const q = shares(reversed, codes);
  cell.total_variation = totalVariation(p, q);
  cell.js_distance = jsDistance(p, q);
  cell.mean_diff = distributionMean(q, codes) - distributionMean(p, codes);
  return cell;
}

export function orderEffects(rows: readonly OrderEffectRow[], items: readonly SurveyItem[]): OrderEffects {
  const codesOf = new Map(items.map((i) => [i.id, validCodes(i)]));
  const groups = new Map<string, { arm: string; country: string; item: string; forward: number[]; reversed: number[] }>();
  for (const r of rows) {
    if (r.status !== "ok" || r.value === null) continue;
    const codes = codesOf.get(r.item);
    if (!codes || !codes.includes(r.value)) continue;
    const key = `${r.arm}\u0000${r.country}\u0000${r.item}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { arm: r.arm, country: r.country, item: r.item, forward: [], reversed: [] }));
    (r.reversed ? g.reversed : g.forward).push(r.value);
  }
  const out: OrderEffects = {};
  for (const g of groups.values()) {
    ((out[g.arm] ??= {})[g.country] ??= {})[g.item] = orderEffectCell(g.forward, g.reversed, codesOf.get(g.item) as number[]);
  }
  return out;
}
