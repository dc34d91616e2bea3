// the default recipe: compare a simulated and a reference answer distribution on the item's
// categorical support. KS on the ordinal CDFs, Wasserstein-1 in scale units (and / scale range),
// Jensen–Shannon divergence and distance in BITS (log base 2), total variation, means. missing and
// invalid answers are excluded and counted. bootstrap: percentile 95% CIs from multinomial
// resampling of the category counts of every SAMPLE side (raw answers or counts) and of the
// respondents of a VECTORS side (per-respondent probability vectors); a side given as a
// DISTRIBUTION (shares, e.g. a WVS reference) is held fixed — then the interval reflects the
// simulated side's sampling error only.
import type { Rng } from "../../core/rng.js";
import type { SurveyItem } from "../instrument-schema.js";
import { scaleRange, validCodes } from "../item-codes.js";
import {
  bootstrapRng,
  DISTANCE_INTERVAL_NOTE,
  INTERVAL_METRICS,
  percentileInterval,
  resampleTally,
  type ResampledSides,
} from "./bootstrap-ci.js";
import { distributionMean, jsDivergence, ksStatistic, totalVariation, wasserstein1 } from "./categorical-metrics.js";
import { isVectorsInput, meanVector, sharesOn, toTally, unionSupport, type SampleInput, type Tally, type VectorsInput } from "./tally.js";

export const CATEGORICAL_CI_METRICS = [
  "ks",
  "wasserstein",
  "wasserstein_normalised",
  "js_divergence",
  "js_distance",
  "total_variation",
  "mean_simulated",
  "mean_reference",
  "mean_diff",
  "mean_diff_signed",
] as const;
export type CategoricalCiMetric = (typeof CATEGORICAL_CI_METRICS)[number];
const ORDINAL_ONLY = [
  "ks",
  "wasserstein",
  "wasserstein_normalised",
  "mean_simulated",
  "mean_reference",
  "mean_diff",
  "mean_diff_signed",
] as const;

/** every key null, in the given order (the order of metrics.json) */
export function nullMetrics<K extends string>(keys: readonly K[]): Record<K, null> {
  return Object.fromEntries(keys.map((k) => [k, null])) as Record<K, null>;
}

export interface BootstrapInfo {
  replicates: number;
  resampled: ResampledSides;
  method: "percentile";
  confidence: number;
  /** which figures have intervals, and why not the distances */
  note: string;
}

export interface CategoricalComparison {
  item: string | null;
  recipe: "categorical";
  /** Jensen–Shannon values are in bits */
  js_log_base: 2;
  ordinal: boolean;
  support: number[];
  simulated_shares: number[];
  reference_shares: number[];
  /** valid answers (a distribution's declared n; null when unknown) */
  n_simulated: number | null;
  n_reference: number | null;
  missing_simulated: number;
  missing_reference: number;
  invalid_simulated: number;
  invalid_reference: number;
  /** null for nominal items (no order) and when a side has no valid answers */
  ks: number | null;
  wasserstein: number | null;
  /** Wasserstein-1 divided by the scale range (max code − min code), in [0, 1] */
  wasserstein_normalised: number | null;
  js_divergence: number | null;
  js_distance: number | null;
  total_variation: number | null;
  mean_simulated: number | null;
  mean_reference: number | null;
  /** |mean_simulated − mean_reference| */
  mean_diff: number | null;
  /** mean_simulated − mean_reference */
  mean_diff_signed: number | null;
  ci95: Partial<Record<CategoricalCiMetric, [number, number]>> | null;
  bootstrap: BootstrapInfo | null;
  note?: string;
}

export interface CategoricalOptions {
  /** the item: its codes are the support, its missing codes are excluded, its order/range used */
  item?: SurveyItem;
  /** the support (ascending codes) when no item is given; default: the union of observed values */
  support?: readonly number[];
  /** default: item.ordinal, else true */
  ordinal?: boolean;
  /** the scale range for the normalised Wasserstein; default: the item's codes or the support */
  scale?: { min: number; max: number };
  /** bootstrap replicates (0 = no intervals) */
  bootstrap?: number;
  seed?: number | string;
  rng?: Rng;
  confidence?: number;
}

interface PointMetrics {
  ks: number | null;
  wasserstein: number | null;
  wasserstein_normalised: number | null;
  js_divergence: number;
  js_distance: number;
  total_variation: number;
  mean_simulated: number | null;
  mean_reference: number | null;
  mean_diff: number | null;
  mean_diff_signed: number | null;
}

function pointMetrics(p: Float64Array, q: Float64Array, support: number[], ordinal: boolean, range: number): PointMetrics {
  const jsd = jsDivergence(p, q, 2);
  const base = { js_divergence: jsd, js_distance: Math.sqrt(jsd), total_variation: totalVariation(p, q) };
  if (!ordinal) return { ...base, ...nullMetrics(ORDINAL_ONLY) };
  const w = wasserstein1(p, q, support);
  const ms = distributionMean(p, support);
  const mr = distributionMean(q, support);
  return {
    ...base,
    ks: ksStatistic(p, q),
    wasserstein: w,
    wasserstein_normalised: range > 0 ? w / range : 0,
    mean_simulated: ms,
    mean_reference: mr,
    mean_diff: Math.abs(ms - mr),
    mean_diff_signed: ms - mr,
  };
}

export function compareCategorical(
  simulated: SampleInput,
  reference: SampleInput,
  options: CategoricalOptions = {},
): CategoricalComparison {
  const item = options.item;
  const tallyOptions = itemTallyOptions(item, options.support);
  const sim = toTally(simulated, tallyOptions);
  const ref = toTally(reference, tallyOptions);
  const support = tallyOptions.validCodes ? [...tallyOptions.validCodes].sort((a, b) => a - b) : unionSupport(sim, ref);
  const ordinal = options.ordinal ?? (item && item.kind !== "open" ? item.ordinal : true);
  const scale = options.scale ?? (item ? scaleRange(item) : undefined) ?? { min: support[0] ?? 0, max: support[support.length - 1] ?? 0 };
  const range = scale.max - scale.min;
  const p = sharesOn(sim, support);
  const q = sharesOn(ref, support);
  const head = {
    item: item?.id ?? null,
    recipe: "categorical" as const,
    js_log_base: 2 as const,
    ordinal,
    support,
    simulated_shares: Array.from(p),
    reference_shares: Array.from(q),
    n_simulated: sim.kind === "sample" ? sim.total : sim.n,
    n_reference: ref.kind === "sample" ? ref.total : ref.n,
    missing_simulated: sim.missing,
    missing_reference: ref.missing,
    invalid_simulated: sim.invalid,
    invalid_reference: ref.invalid,
  };
  if (!(sim.total > 0) || !(ref.total > 0) || support.length === 0) {
    return {
      ...head,
      ...nullMetrics(CATEGORICAL_CI_METRICS),
      ci95: null,
      bootstrap: null,
      note: !(sim.total > 0) ? "no valid simulated answers" : "no valid reference answers",
    };
  }
  const point = pointMetrics(p, q, support, ordinal, range);
  const replicates = Math.max(0, Math.floor(options.bootstrap ?? 0));
  const simVectors = isVectorsInput(simulated) ? simulated : undefined;
  const refVectors = isVectorsInput(reference) ? reference : undefined;
  const canResample = (t: Tally, v: VectorsInput | undefined) => (v ? v.vectors.length > 0 : t.kind === "sample");
  const sides = [canResample(sim, simVectors), canResample(ref, refVectors)];
  const resampled = sides[0] && sides[1] ? "both" : sides[0] ? "simulated" : sides[1] ? "reference" : "none";
  if (replicates === 0 || resampled === "none") {
    return { ...head, ...point, ci95: null, bootstrap: null };
  }
  const rng = options.rng ?? bootstrapRng(options.seed ?? 1, item?.id ?? "item");
  const resampleSide = (t: Tally, v: VectorsInput | undefined, fixed: Float64Array): Float64Array => {
    if (v) {
      // respondents drawn with replacement
      const R = v.vectors.length;
      const weights = new Float64Array(R);
      for (let i = 0; i < R; i++) {
        const j = rng.int(R);
        weights[j] = (weights[j] as number) + 1;
      }
      const mean = meanVector(v, weights);
      return sharesOn(toTally({ codes: v.codes, shares: Array.from(mean) }, tallyOptions), support);
    }
    return t.kind === "sample" ? sharesOn(resampleTally(rng, t), support) : fixed;
  };
  // only the means and their signed difference get intervals (INTERVAL_METRICS)
  const series = Object.fromEntries(INTERVAL_METRICS.map((m) => [m, new Float64Array(replicates)])) as Record<
    (typeof INTERVAL_METRICS)[number],
    Float64Array
  >;
  for (let r = 0; r < replicates; r++) {
    const ps = resampleSide(sim, simVectors, p);
    const qs = resampleSide(ref, refVectors, q);
    const m = pointMetrics(ps, qs, support, ordinal, range);
    for (const key of INTERVAL_METRICS) series[key][r] = m[key] ?? NaN;
  }
  const confidence = options.confidence ?? 0.95;
  const ci95: Partial<Record<CategoricalCiMetric, [number, number]>> = {};
  for (const key of INTERVAL_METRICS) {
    if (point[key] === null) continue;
    const iv = percentileInterval(series[key], confidence);
    if (iv) ci95[key] = iv;
  }
  return { ...head, ...point, ci95, bootstrap: { replicates, resampled, method: "percentile", confidence, note: DISTANCE_INTERVAL_NOTE } };
}

/** the valid codes (the item's, else `support`) and the item's missing codes */
function itemTallyOptions(item: SurveyItem | undefined, support?: readonly number[]) {
  const codes = item ? validCodes(item) : [];
  const valid = codes.length > 0 ? codes : support ? [...support] : undefined;
  return { ...(valid ? { validCodes: valid } : {}), missingCodes: item?.missingCodes.map((m) => m.code) ?? [] };
}

/** the tally a comparison would use for one side (handy for reporting missing/invalid counts) */
export function tallyForItem(input: SampleInput, item?: SurveyItem): Tally {
  return toTally(input, itemTallyOptions(item));
}
