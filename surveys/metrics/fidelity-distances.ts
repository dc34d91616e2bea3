// the three distances a fidelity score is computed for: KS on the ordinal CDFs, Wasserstein-1
// in scale units, Jensen–Shannon distance in bits. KS and W1 need an ordered scale (null for
// nominal items).
import { jsDistance, ksStatistic, wasserstein1 } from "./categorical-metrics.js";

export const FIDELITY_METRICS = ["ks", "wasserstein", "js_distance"] as const;
export type FidelityMetric = (typeof FIDELITY_METRICS)[number];

/** the metrics defined for an item: all three when ordinal, JS only when nominal */
export function fidelityMetricsFor(ordinal: boolean): FidelityMetric[] {
  return ordinal ? [...FIDELITY_METRICS] : ["js_distance"];
}

export function fidelityDistance(metric: FidelityMetric, p: ArrayLike<number>, q: ArrayLike<number>, support: ArrayLike<number>): number {
  if (metric === "ks") return ksStatistic(p, q);
  if (metric === "wasserstein") return wasserstein1(p, q, support);
  return jsDistance(p, q, 2);
}
