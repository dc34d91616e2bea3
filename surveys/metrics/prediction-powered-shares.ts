// prediction-powered inference (Angelopoulos et al. 2023, "Prediction-powered inference", Science
// 382) for the category shares of one item, with the power-tuning of PPI++ (Angelopoulos, Duchi &
// Zrnic 2023). inputs: a LARGE simulated sample (N persona answers) and a small PILOT of n real
// respondents, each paired with the simulated answer of its persona twin (same anchors). for each
// code c, with Y = 1[real answer = c] and f = 1[simulated answer = c]:
//   corrected_c = λ · mean_N(f) + mean_n(Y − λ·f)
//   var         = λ² · var_N(f) / N + var_n(Y − λ·f) / n
// λ = 1 is the classic PPI estimator (simulated mean plus the pilot's mean rectifier, i.e. the
// simulator's bias measured on the twins). λ̂ = cov_n(Y, f) / ((1 + n/N) · var(f)), clipped to
// [0, 1], minimises the variance: when the twins' answers do not track their real respondents
// (λ̂ → 0) the estimate falls back to the pilot alone instead of getting WIDER than it. the CI is
// the normal approximation with var, taken as a Wilson interval at the effective size θ̂(1 − θ̂)/var
// so that rare codes keep a non-degenerate interval; it is valid as n and N grow (coverage checked
// by simulation in prediction-powered-shares.test.ts).
// `pilot_only` is the pilot's own share with a Wilson interval; `raw` is the simulated share with a
// Wilson interval at N — that interval covers sampling noise only, not the simulator's bias.
// effective_n = n · var(pilot_only) / var(corrected): the number of real respondents a pilot-only
// estimate would need for the same precision.
import { z } from "zod";

export const ShareEstimateSchema = z.object({ share: z.number(), ci: z.tuple([z.number(), z.number()]) });
export type ShareEstimate = z.infer<typeof ShareEstimateSchema>;

export const PredictionPoweredSharesSchema = z.object({
  method: z.literal("ppi++ (power-tuned prediction-powered inference), normal approximation as a Wilson interval at the effective n"),
  n_pilot: z.number().int(),
  n_simulated: z.number().int(),
  level: z.number(),
  raw: z.record(z.string(), ShareEstimateSchema),
  pilot_only: z.record(z.string(), ShareEstimateSchema),
  corrected: z.record(z.string(), ShareEstimateSchema),
  /** the power-tuning weight per code (1 = classic PPI, 0 = pilot only) */
  lambda: z.record(z.string(), z.number()),
  /** per code: n · var(pilot_only) / var(corrected) */
  effective_n_by_code: z.record(z.string(), z.number()),
  /** median over codes of effective_n_by_code */
  effective_n: z.number(),
});
export type PredictionPoweredShares = z.infer<typeof PredictionPoweredSharesSchema>;

export interface PilotPair {
  /** the real respondent's answer code (null: missing / refused, excluded) */
  real: string | null;
  /** the persona twin's simulated answer code (null: excluded) */
  twin: string | null;
}

export interface PredictionPoweredSharesInput {
  /** every answer code of the item, in order */
  codes: readonly string[];
  /** the large simulated sample: one answer per persona (null answers are dropped) */
  simulated: ReadonlyArray<string | null>;
  /** the pilot: real answer + its twin's simulated answer */
  pilot: readonly PilotPair[];
  /** confidence level, default 0.95 */
  level?: number;
  /** false: classic PPI (λ = 1) */
  powerTuning?: boolean;
}

/** two-sided standard normal quantile for a confidence level (Acklam's rational approximation) */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** Wilson score interval for k successes in n trials */
export function wilsonShare(k: number, n: number, z: number): ShareEstimate {
  if (n <= 0) return { share: 0, ci: [0, 1] };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { share: p, ci: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : 0;
}

/** sample variance (n − 1) */
function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

function covariance(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mx = mean(xs);
  const my = mean(ys);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
  return s / (xs.length - 1);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function rounded(e: ShareEstimate): ShareEstimate {
  return { share: round(e.share), ci: [round(e.ci[0]), round(e.ci[1])] };
}

/** raw, pilot-only and prediction-powered (corrected) shares per code of one item */
export function predictionPoweredShares(input: PredictionPoweredSharesInput): PredictionPoweredShares {
  const level = input.level ?? 0.95;
  const z = normalQuantile(1 - (1 - level) / 2);
  const sim = input.simulated.filter((a): a is string => a !== null);
  const pilot = input.pilot.filter((p): p is { real: string; twin: string } => p.real !== null && p.twin !== null);
  const N = sim.length;
  const n = pilot.length;
  const raw: Record<string, ShareEstimate> = {};
  const pilotOnly: Record<string, ShareEstimate> = {};
  const corrected: Record<string, ShareEstimate> = {};
  const lambda: Record<string, number> = {};
  const effective: Record<string, number> = {};
  for (const code of input.codes) {
    const f = sim.map((a) => (a === code ? 1 : 0));
    const y = pilot.map((p) => (p.real === code ? 1 : 0));
    const fTwin = pilot.map((p) => (p.twin === code ? 1 : 0));
    raw[code] = rounded(wilsonShare(f.reduce((s: number, v) => s + v, 0), N, z));
    pilotOnly[code] = rounded(wilsonShare(y.reduce((s: number, v) => s + v, 0), n, z));
    const varF = variance([...f, ...fTwin]);
    let lam = 1;
    if (input.powerTuning !== false) lam = varF > 0 && N > 0 ? Math.min(1, Math.max(0, covariance(y, fTwin) / ((1 + n / N) * varF))) : 0;
    if (N === 0) lam = 0;
    const rect = y.map((yi, i) => yi - lam * (fTwin[i] ?? 0));
    const theta = lam * mean(f) + mean(rect);
    const v = (N > 0 ? (lam * lam * variance(f)) / N : 0) + (n > 0 ? variance(rect) / n : 0);
    // the interval: Wilson at the estimate's effective size θ(1 − θ) / var (Korn & Graubard's
    // device for weighted proportions) — the plain normal interval θ ± z·√var collapses to a point
    // for a rare code no pilot respondent chose; with λ = 0 this is the pilot's own Wilson interval
    const share = Math.min(1, Math.max(0, theta));
    const nEff = share > 0 && share < 1 && v > 0 ? (share * (1 - share)) / v : Math.max(n, 1);
    corrected[code] = rounded({ share, ci: wilsonShare(share * nEff, nEff, z).ci });
    lambda[code] = round(lam);
    const vPilot = n > 1 ? variance(y) / n : 0;
    effective[code] = round(v > 0 ? (n * vPilot) / v : n);
  }
  const effs = Object.values(effective).sort((a, b) => a - b);
  const mid = Math.floor(effs.length / 2);
  const median = effs.length === 0 ? n : effs.length % 2 ? (effs[mid] ?? n) : ((effs[mid - 1] ?? n) + (effs[mid] ?? n)) / 2;
  return {
    method: "ppi++ (power-tuned prediction-powered inference), normal approximation as a Wilson interval at the effective n",
    n_pilot: n,
    n_simulated: N,
    level,
    raw,
    pilot_only: pilotOnly,
    corrected,
    lambda,
    effective_n_by_code: effective,
    effective_n: round(median),
  };
}
