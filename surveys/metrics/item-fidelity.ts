// fidelity of one simulated item distribution against a reference p:
//   d        = distance(simulated, p) (KS, W1 in scale units, JS distance in bits)
//   floor    = E[distance] of n real respondents drawn from p (n = Kish effective units)
//   uniform  = E[distance] of n uniform answers
//   fidelity = (uniform − d) / (uniform − floor): 1 = as close as real respondents, 0 = chance.
// estimand: the EXPECTED distance at this n (d is unbiased for it), so fidelity is unbiased and
// its interval is the centered bootstrap over resampled UNITS (personas): see centered-interval.ts.
// `excess` = d − floor is the bias-corrected distance (0 = no worse than sampling noise).
import { z } from "zod";
import type { Rng } from "../../core/rng.js";
import { fidelityDistance, fidelityMetricsFor, type FidelityMetric } from "./fidelity-distances.js";
import { EstimateSummarySchema, summariseEstimate, type Estimate } from "./estimate.js";
import { pooledFidelity } from "./pooled-fidelity.js";
import { nullDistances, type NullDistanceOptions } from "./null-distances.js";
import { clusterWeights } from "./cluster-bootstrap.js";
import { effectiveSize, unitMean, type UnitSample } from "./unit-sample.js";

const MetricFidelitySchema = z.object({
  distance: z.number(),
  floor: z.number(),
  uniform: z.number(),
  /** d − floor (bias-corrected distance) with its CI */
  excess: EstimateSummarySchema,
  fidelity: EstimateSummarySchema,
});
export type MetricFidelity = z.infer<typeof MetricFidelitySchema>;

export const ItemFidelitySummarySchema = z.object({
  n_units: z.number().int().nonnegative(),
  n_eff: z.number().nonnegative(),
  /** per metric */
  metrics: z.record(z.string(), MetricFidelitySchema),
  /** the item's fidelity over its metrics: Σ(uniform − d) / Σ(uniform − floor), W1 / scale range */
  fidelity: EstimateSummarySchema,
  note: z.string().optional(),
});
export type ItemFidelitySummary = z.infer<typeof ItemFidelitySummarySchema>;

/** what pooling needs: per metric, uniform − d (W1 / scale range) with replicates, and uniform − floor */
export interface FidelityParts {
  gap: Partial<Record<FidelityMetric, Estimate>>;
  span: Partial<Record<FidelityMetric, number>>;
}

export interface ItemFidelity {
  summary: ItemFidelitySummary;
  /** fidelity estimates with replicates (for pooling and paired contrasts); null when undefined */
  estimates: { mean: Estimate | null } & Partial<Record<FidelityMetric, Estimate>>;
  parts: FidelityParts;
  /** the simulated distribution */
  shares: Float64Array | null;
}

export interface ItemFidelityOptions {
  ordinal: boolean;
  /** scale range (max − min code) that normalises W1 when metrics/items are pooled; default: the support's */
  range?: number;
  /** R × units resample counts (shared across items/arms for joint and paired intervals) */
  counts?: Uint32Array;
  /** replicates when `counts` is not given (0 = no interval) */
  bootstrap?: number;
  rng?: Rng;
  null?: NullDistanceOptions;
  confidence?: number;
}

export function itemFidelity(sample: UnitSample, reference: ArrayLike<number>, options: ItemFidelityOptions): ItemFidelity {
  const support = sample.support;
  const metrics = fidelityMetricsFor(options.ordinal);
  const { units, n_eff } = effectiveSize(sample);
  const q = unitMean(sample);
  const empty = (note: string): ItemFidelity => ({
    summary: { n_units: units, n_eff, metrics: {}, fidelity: { value: null, ci: null }, note },
    estimates: { mean: null },
    parts: { gap: {}, span: {} },
    shares: q,
  });
  if (!q) return empty("no valid simulated answers");
  const nulls = nullDistances(reference, support, n_eff, metrics, options.null ?? {});
  const U = sample.oneHot.length;
  const counts = options.counts ?? (options.bootstrap && options.rng ? clusterWeights(options.rng, U, options.bootstrap) : undefined);
  const R = counts ? counts.length / Math.max(1, U) : 0;
  const summaries: Partial<Record<FidelityMetric, MetricFidelity>> = {};
  const estimates: ItemFidelity["estimates"] = { mean: null };
  const parts: FidelityParts = { gap: {}, span: {} };
  const range = options.range ?? ((support[support.length - 1] ?? 0) - (support[0] ?? 0) || 1);
  const repDist = metrics.map(() => new Float64Array(R));
  for (let r = 0; r < R; r++) {
    const qs = unitMean(sample, counts, r * U);
    metrics.forEach((m, i) => {
      (repDist[i] as Float64Array)[r] = qs ? fidelityDistance(m, qs, reference, support) : NaN;
    });
  }
  metrics.forEach((m, i) => {
    const nd = nulls[m] as { floor: number; uniform: number };
    const d = fidelityDistance(m, q, reference, support);
    const reps = repDist[i] as Float64Array;
    const excess: Estimate = { value: d - nd.floor, replicates: reps.map((x) => x - nd.floor), units: n_eff };
    const span = nd.uniform - nd.floor;
    const f: Estimate | null =
      span > 1e-12 ? { value: (nd.uniform - d) / span, replicates: reps.map((x) => (nd.uniform - x) / span), units: n_eff } : null;
    summaries[m] = {
      distance: d,
      floor: nd.floor,
      uniform: nd.uniform,
      excess: summariseEstimate(excess, options.confidence),
      fidelity: summariseEstimate(f, options.confidence),
    };
    if (f) estimates[m] = f;
    const scale = m === "wasserstein" ? range : 1;
    parts.gap[m] = { value: (nd.uniform - d) / scale, replicates: reps.map((x) => (nd.uniform - x) / scale), units: n_eff };
    parts.span[m] = span / scale;
  });
  estimates.mean = pooledFidelity([parts]);
  const summary: ItemFidelitySummary = {
    n_units: units,
    n_eff,
    metrics: summaries,
    fidelity: summariseEstimate(estimates.mean, options.confidence),
  };
  if (!estimates.mean) summary.note = "the reference is as close to uniform as sampling noise: fidelity undefined";
  else {
    const noise = metrics.reduce((m, k) => Math.max(m, (nulls[k] as { floor_sd: number }).floor_sd), 0);
    const span = metrics.reduce(
      (m, k) => Math.max(m, (nulls[k] as { uniform: number; floor: number }).uniform - (nulls[k] as { floor: number }).floor),
      0,
    );
    if (span < 2 * noise)
      summary.note =
        "uniform answers sit within two SDs of the floor (the reference is nearly uniform): this item can hardly tell fidelity from chance";
  }
  return { summary, estimates, parts, shares: q };
}
