// raking (iterative proportional fitting, Deming & Stephan 1940): weights for sample units such
// that the weighted shares of every dimension (sex × age band, education, urban, …) match the
// population targets. a unit whose level is missing (null) or not in a dimension's targets keeps
// its weight for that dimension. `base` weights (design weights) are the starting point (default
// 1 each: calibration from base weights, Deville & Särndal 1992). weights are normalised to mean 1; `kish_n` = (Σw)² / Σw² is the
// effective sample size after weighting.
import { plainMean } from "./plain-moments.js";

export interface RakeWeightsInput {
  /** one record per unit: dimension → level (null: unknown) */
  units: ReadonlyArray<Readonly<Record<string, string | null>>>;
  /** dimension → level → population share (shares of a dimension sum to 1) */
  targets: Readonly<Record<string, Readonly<Record<string, number>>>>;
  maxIterations?: number;
  /** stop when every weighted share is within this of its target */
  tolerance?: number;
  /** weights are capped at this multiple of the mean (trimming), default none */
  cap?: number;
  /** starting (design) weights, one per unit; default 1 */
  base?: readonly number[];
}

export interface RakeWeightsResult {
  weights: number[];
  converged: boolean;
  iterations: number;
  /** largest |weighted share − target| over dimensions and levels at the end */
  max_error: number;
  kish_n: number;
}

function normalise(w: number[]): number[] {
  const mean = plainMean(w) ?? 0;
  return mean > 0 ? w.map((x) => x / mean) : w;
}

/** weighted totals per targeted level of one dimension, and their sum (units without a targeted level left out) */
export function levelSums(
  units: RakeWeightsInput["units"],
  dim: string,
  shares: Record<string, number>,
  w: readonly number[],
): { sums: Map<string, number>; total: number } {
  const sums = new Map<string, number>();
  let total = 0;
  units.forEach((u, i) => {
    const level = u[dim];
    if (level === null || level === undefined || shares[level] === undefined) return;
    sums.set(level, (sums.get(level) ?? 0) + (w[i] ?? 0));
    total += w[i] ?? 0;
  });
  return { sums, total };
}

function maxError(units: RakeWeightsInput["units"], targets: RakeWeightsInput["targets"], w: readonly number[]): number {
  let worst = 0;
  for (const [dim, shares] of Object.entries(targets)) {
    const { sums, total } = levelSums(units, dim, shares, w);
    if (total <= 0) continue;
    for (const [level, target] of Object.entries(shares)) worst = Math.max(worst, Math.abs((sums.get(level) ?? 0) / total - target));
  }
  return worst;
}

export function rakeWeights(input: RakeWeightsInput): RakeWeightsResult {
  const { units, targets } = input;
  const maxIterations = input.maxIterations ?? 200;
  const tolerance = input.tolerance ?? 1e-6;
  let w = normalise(
    units.map((_, i) => (input.base && Number.isFinite(input.base[i]) && (input.base[i] as number) > 0 ? (input.base[i] as number) : 1)),
  );
  let iterations = 0;
  let err = maxError(units, targets, w);
  while (err > tolerance && iterations < maxIterations) {
    iterations++;
    for (const [dim, shares] of Object.entries(targets)) {
      const { sums, total } = levelSums(units, dim, shares, w);
      if (total <= 0) continue;
      w = w.map((x, i) => {
        const level = units[i]?.[dim];
        if (level === null || level === undefined || shares[level] === undefined) return x;
        const have = (sums.get(level) ?? 0) / total;
        return have > 0 ? (x * (shares[level] ?? 0)) / have : x;
      });
    }
    w = normalise(w);
    // trimming: cap and renormalise until no weight exceeds the cap (mean stays 1)
    if (input.cap !== undefined)
      for (let t = 0; t < 50 && w.reduce((m, x) => Math.max(m, x), 0) > input.cap + 1e-12; t++)
        w = normalise(w.map((x) => Math.min(x, input.cap as number)));
    err = maxError(units, targets, w);
  }
  const sum = w.reduce((s, x) => s + x, 0);
  const sq = w.reduce((s, x) => s + x * x, 0);
  return { weights: w, converged: err <= tolerance, iterations, max_error: err, kish_n: sq > 0 ? (sum * sum) / sq : 0 };
}
