// percentile bootstrap intervals over metric replicates.
import { quantileSorted } from "simple-statistics";
import { createRng, type Rng } from "../../core/rng.js";
import { sampleMultinomial } from "./sample-multinomial.js";
import type { Tally } from "./tally.js";

/** [lower, upper] percentile interval at `confidence` (default 95%) of the finite replicates */
export function percentileInterval(replicates: ArrayLike<number>, confidence = 0.95): [number, number] | null {
  const sorted = Array.from(replicates)
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  // numpy's linear-interpolation quantile
  const alpha = (1 - confidence) / 2;
  return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
}

/** which sides a bootstrap resampled: samples are resampled, fixed distributions are not */
export type ResampledSides = "both" | "simulated" | "reference" | "none";

export function resampledSides(sim: Tally, ref: Tally): ResampledSides {
  const s = sim.kind === "sample" && sim.total > 0;
  const r = ref.kind === "sample" && ref.total > 0;
  return s && r ? "both" : s ? "simulated" : r ? "reference" : "none";
}

/** a resampled copy of a sample tally: counts ~ Multinomial(n, observed shares) */
export function resampleTally(rng: Rng, t: Tally): Tally {
  if (t.kind !== "sample" || !(t.total > 0)) return t;
  const n = Math.round(t.total);
  const counts = sampleMultinomial(rng, n, t.counts);
  const values: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    if ((counts[i] as number) > 0) {
      values.push(t.values[i] as number);
      kept.push(counts[i] as number);
    }
  }
  return { values, counts: kept, total: n, n, kind: "sample", missing: t.missing, invalid: t.invalid };
}

/** the RNG of one item's bootstrap: a pure function of (seed, item), independent of item order */
export function bootstrapRng(seed: number | string, label: string): Rng {
  return createRng(seed).fork(`bootstrap:${label}`);
}
