// a point estimate with its bootstrap replicates, so that means across items/countries and paired
// differences between arms are resampled JOINTLY (the same persona draws in every replicate).
// `summariseEstimate` turns one into {value, ci} with the centered interval.
import { z } from "zod";
import { centeredInterval, smallSampleFactor } from "./centered-interval.js";

export interface Estimate {
  value: number;
  /** one value per bootstrap replicate (NaN where the replicate is undefined) */
  replicates: Float64Array;
  /** effective independent units behind it (the small-sample widening of the interval) */
  units?: number;
}

export const EstimateSummarySchema = z.object({ value: z.number().nullable(), ci: z.tuple([z.number(), z.number()]).nullable() });
export type EstimateSummary = z.infer<typeof EstimateSummarySchema>;

/** a − b, replicate by replicate (paired when both come from the same resampling weights) */
export function differenceEstimate(a: Estimate, b: Estimate): Estimate {
  const R = Math.min(a.replicates.length, b.replicates.length);
  const reps = new Float64Array(R);
  for (let r = 0; r < R; r++) reps[r] = (a.replicates[r] as number) - (b.replicates[r] as number);
  const units = [a.units, b.units].filter((u): u is number => u !== undefined);
  return { value: a.value - b.value, replicates: reps, ...(units.length ? { units: Math.min(...units) } : {}) };
}

export function summariseEstimate(e: Estimate | null | undefined, confidence = 0.95, digits = 6): EstimateSummary {
  if (!e || !Number.isFinite(e.value)) return { value: null, ci: null };
  const round = (x: number) => Number(x.toFixed(digits));
  const ci = e.replicates.length >= 2 ? centeredInterval(e.value, e.replicates, confidence, smallSampleFactor(e.units, confidence)) : null;
  return { value: round(e.value), ci: ci ? [round(ci[0]), round(ci[1])] : null };
}

/** "better" when the CI of (focal − other) fidelity lies above 0, "worse" below, else "tie" */
export function contrastVerdict(s: EstimateSummary): "better" | "worse" | "tie" | null {
  if (s.value === null) return null;
  if (!s.ci) return "tie";
  if (s.ci[0] > 0) return "better";
  if (s.ci[1] < 0) return "worse";
  return "tie";
}
