// the "deeppersona-official" recipe for one question, with the same bookkeeping as the
// categorical recipe (n, missing, optional bootstrap CIs). values are taken as they are: no code
// validation (their answers are means of 3 samples, e.g. 1.67, and they kept Q254 code 5); blank,
// NaN and negative values are excluded as missing.
import type { Rng } from "../../core/rng.js";
import {
  bootstrapRng,
  DISTANCE_INTERVAL_NOTE,
  INTERVAL_METRICS,
  percentileInterval,
  resampleTally,
  resampledSides,
} from "./bootstrap-ci.js";
import { officialMean, officialMetrics } from "./official-recipe.js";
import { totalVariation } from "./categorical-metrics.js";
import { nullMetrics, type BootstrapInfo } from "./compare-categorical.js";
import { sharesOn, toTally, unionSupport, type SampleInput, type Tally } from "./tally.js";

export const OFFICIAL_CI_METRICS = [
  "ks",
  "wasserstein",
  "js_divergence",
  "js_distance",
  "total_variation",
  "mean_simulated",
  "mean_reference",
  "mean_diff",
] as const;
export type OfficialCiMetric = (typeof OFFICIAL_CI_METRICS)[number];

export interface OfficialComparison {
  item: string | null;
  recipe: "deeppersona-official";
  /** their JS is a distance with the natural log */
  js_log_base: "e";
  n_simulated: number | null;
  n_reference: number | null;
  missing_simulated: number;
  missing_reference: number;
  ks: number | null;
  ks_pvalue: number | null;
  ks_pvalue_method: "exact" | "asymptotic" | null;
  wasserstein: number | null;
  /** the square of their binned JS distance */
  js_divergence: number | null;
  /** their "JS": distance on 19 equal-width bins, natural log */
  js_distance: number | null;
  /** ½ Σ |p − q| over the pooled distinct values (not part of their recipe; for comparability) */
  total_variation: number | null;
  mean_simulated: number | null;
  mean_reference: number | null;
  mean_diff: number | null;
  std_simulated: number | null;
  std_reference: number | null;
  ci95: Partial<Record<OfficialCiMetric, [number, number]>> | null;
  bootstrap: BootstrapInfo | null;
  note?: string;
}

export interface OfficialOptions {
  itemId?: string;
  bootstrap?: number;
  seed?: number | string;
  rng?: Rng;
  confidence?: number;
}

function tv(a: Tally, b: Tally): number {
  const support = unionSupport(a, b);
  return totalVariation(sharesOn(a, support), sharesOn(b, support));
}

export function compareOfficial(simulated: SampleInput, reference: SampleInput, options: OfficialOptions = {}): OfficialComparison {
  const sim = toTally(simulated, { keepRaw: true });
  const ref = toTally(reference, { keepRaw: true });
  const head = {
    item: options.itemId ?? null,
    recipe: "deeppersona-official" as const,
    js_log_base: "e" as const,
    n_simulated: sim.kind === "sample" ? sim.total : sim.n,
    n_reference: ref.kind === "sample" ? ref.total : ref.n,
    missing_simulated: sim.missing + sim.invalid,
    missing_reference: ref.missing + ref.invalid,
  };
  if (!(sim.total > 0) || !(ref.total > 0)) {
    const keys = ["ks", "ks_pvalue", "ks_pvalue_method", ...OFFICIAL_CI_METRICS.slice(1), "std_simulated", "std_reference"] as const;
    return {
      ...head,
      ...nullMetrics(keys),
      ci95: null,
      bootstrap: null,
      note: !(sim.total > 0) ? "no valid simulated answers" : "no valid reference answers",
    };
  }
  const m = officialMetrics(sim, ref);
  const point = { ...m, total_variation: tv(sim, ref) };
  const replicates = Math.max(0, Math.floor(options.bootstrap ?? 0));
  const resampled = resampledSides(sim, ref);
  if (replicates === 0 || resampled === "none") return { ...head, ...point, ci95: null, bootstrap: null };
  const rng = options.rng ?? bootstrapRng(options.seed ?? 1, options.itemId ?? "item");
  // only the means get intervals (INTERVAL_METRICS): the replicates compute nothing else
  const series = { mean_simulated: new Float64Array(replicates), mean_reference: new Float64Array(replicates) };
  for (let r = 0; r < replicates; r++) {
    series.mean_simulated[r] = officialMean(resampleTally(rng, sim));
    series.mean_reference[r] = officialMean(resampleTally(rng, ref));
  }
  const confidence = options.confidence ?? 0.95;
  const ci95: Partial<Record<OfficialCiMetric, [number, number]>> = {};
  for (const k of INTERVAL_METRICS) {
    if (!(k in series)) continue; // the official recipe has no signed mean difference
    const iv = percentileInterval(series[k as keyof typeof series], confidence);
    if (iv) ci95[k as OfficialCiMetric] = iv;
  }
  return { ...head, ...point, ci95, bootstrap: { replicates, resampled, method: "percentile", confidence, note: DISTANCE_INTERVAL_NOTE } };
}
