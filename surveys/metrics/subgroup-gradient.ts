// beyond marginals: does the simulated population reproduce a REAL subgroup gradient? for one
// item and one demographic dimension (sex, age3, edu3, urban/rural), the mean answer code of the
// low and the high level among the personas vs the same two means in the conditional WVS-7
// reference. gradient = mean(high) − mean(low). the simulated gradient's interval resamples
// personas (the country's shared resample when given); the real one is a normal interval from the
// reference's unweighted group sizes; the difference combines both half-widths in quadrature.
import { probit } from "simple-statistics";
import { z } from "zod";
import type { Rng } from "../../core/rng.js";
import { distributionMean, distributionVariance } from "./categorical-metrics.js";
import { EstimateSummarySchema, summariseEstimate, type EstimateSummary } from "./estimate.js";
import { buildUnitSample, type UnitInput } from "./unit-sample.js";
import { countsForUnits, type SharedResample } from "./unit-resampling.js";

const SubgroupLevelSchema = z.object({
  level: z.string(),
  /** personas of this level with an answer */
  n_simulated: z.number().int(),
  mean_simulated: z.number().nullable(),
  /** reference respondents (unweighted) */
  n_reference: z.number().nullable(),
  mean_reference: z.number().nullable(),
});
export type SubgroupLevel = z.infer<typeof SubgroupLevelSchema>;

export const SubgroupGradientSchema = z.object({
  /** [low, high]: gradient = mean(high) − mean(low) */
  contrast: z.tuple([z.string(), z.string()]),
  levels: z.array(SubgroupLevelSchema),
  simulated: EstimateSummarySchema,
  real: EstimateSummarySchema,
  /** simulated − real */
  difference: EstimateSummarySchema,
});
export type SubgroupGradient = z.infer<typeof SubgroupGradientSchema>;

export interface SubgroupInput {
  support: readonly number[];
  /** one arm × country × item: units with their level on the dimension (null = unknown) */
  units: readonly (UnitInput & { level: string | null })[];
  /** the levels in order; the gradient runs from the first to the last */
  levels: readonly string[];
  reference: (level: string) => { shares: readonly number[]; n: number } | null;
  bootstrap: number;
  rng: Rng;
  shared?: SharedResample;
  confidence?: number;
}

const r6 = (x: number) => Number(x.toFixed(6));

export function subgroupGradient(input: SubgroupInput): SubgroupGradient | null {
  const { support, levels } = input;
  if (levels.length < 2) return null;
  const low = levels[0] as string;
  const high = levels[levels.length - 1] as string;
  const conf = input.confidence ?? 0.95;
  const sample = buildUnitSample(support, input.units);
  const k = support.length;
  const U = input.units.length;
  // each unit's mean code (NaN without an answer) and level index
  const code = new Float64Array(U).fill(NaN);
  for (let r = 0; r < U; r++) {
    let s = 0;
    let t = 0;
    for (let j = 0; j < k; j++) {
      const x = sample.matrix[r * k + j] as number;
      s += x * (support[j] as number);
      t += x;
    }
    if (t > 0) code[r] = s / t;
  }
  const levelOf = input.units.map((u) => (u.level === null ? -1 : levels.indexOf(u.level)));
  const meanOf = (lv: number, counts?: Uint32Array, offset = 0): [number, number] => {
    let s = 0;
    let w = 0;
    let n = 0;
    for (let r = 0; r < U; r++) {
      if (levelOf[r] !== lv || !Number.isFinite(code[r] as number)) continue;
      const c = counts ? (counts[offset + r] as number) : 1;
      if (c === 0) continue;
      const wt = c * (sample.weights[r] as number);
      s += wt * (code[r] as number);
      w += wt;
      n++;
    }
    return [w > 0 ? s / w : NaN, n];
  };
  const levelRows: SubgroupLevel[] = levels.map((level, lv) => {
    const [m, n] = meanOf(lv);
    const ref = input.reference(level);
    return {
      level,
      n_simulated: n,
      mean_simulated: Number.isFinite(m) ? r6(m) : null,
      n_reference: ref?.n ?? null,
      mean_reference: ref ? r6(distributionMean(ref.shares, support)) : null,
    };
  });
  const [mLow, nLow] = meanOf(0);
  const [mHigh, nHigh] = meanOf(levels.length - 1);
  const value = mHigh - mLow;
  const R = input.bootstrap;
  const counts = R > 0 ? countsForUnits(sample.ids, R, input.rng, input.shared) : undefined;
  const reps = new Float64Array(R);
  for (let r = 0; r < R; r++) reps[r] = meanOf(levels.length - 1, counts, r * U)[0] - meanOf(0, counts, r * U)[0];
  const simulated = Number.isFinite(value)
    ? summariseEstimate({ value, replicates: reps, units: Math.min(nLow, nHigh) }, conf)
    : { value: null, ci: null };
  const refLow = input.reference(low);
  const refHigh = input.reference(high);
  let real: EstimateSummary = { value: null, ci: null };
  let realHalf = 0;
  if (refLow && refHigh && refLow.n > 0 && refHigh.n > 0) {
    const g = distributionMean(refHigh.shares, support) - distributionMean(refLow.shares, support);
    const variance = (r: { shares: readonly number[]; n: number }) => distributionVariance(r.shares, support) / r.n;
    realHalf = probit(1 - (1 - conf) / 2) * Math.sqrt(variance(refLow) + variance(refHigh));
    real = { value: r6(g), ci: [r6(g - realHalf), r6(g + realHalf)] };
  }
  let difference: EstimateSummary = { value: null, ci: null };
  if (simulated.value !== null && real.value !== null) {
    const d = simulated.value - real.value;
    const ci = simulated.ci;
    difference = {
      value: r6(d),
      ci: ci ? [r6(d - Math.hypot(simulated.value - ci[0], realHalf)), r6(d + Math.hypot(ci[1] - simulated.value, realHalf))] : null,
    };
  }
  return { contrast: [low, high], levels: levelRows, simulated, real, difference };
}
