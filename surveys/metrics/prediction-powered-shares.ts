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
// WEIGHTS: with `simulatedWeights` (raking to the population tables) mean_N(f) is the weighted mean
// and var_N its linearised variance Σw²(f − m)² / (Σw)² · N/(N − 1) (= var(f)/N for equal
// weights); `raw` is then the weighted share at Kish's n and `raw_unweighted` the plain one.
// SUBGROUPS (post-stratified PPI): with strata labels on the simulated personas and the pilot, each
// level with at least `minStratumN` pilot respondents is its own stratum with its own bias estimate
// (and its own λ); the other levels are pooled into one remainder stratum, merged into the smallest
// stratum when it has fewer than `minStratumN` pilot respondents itself; fewer than 2 strata → the
// pooled estimator. corrected = Σ_g P_g θ_g, var = Σ_g P_g² var_g, with P_g the (weighted) simulated
// share of stratum g — the population share after raking — taken as known.
import { z } from "zod";
import { plainMean, plainSampleVariance } from "./plain-moments.js";

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
  /** the power-tuning weight per code (1 = classic PPI, 0 = pilot only); per subgroup: the population-share-weighted mean of the strata's λ */
  lambda: z.record(z.string(), z.number()),
  /** per code: n · var(pilot_only) / var(corrected) */
  effective_n_by_code: z.record(z.string(), z.number()),
  /** median over codes of effective_n_by_code */
  effective_n: z.number(),
  /** simulated answers weighted (raking): Kish's n of their weights, and the unweighted raw shares */
  kish_n: z.number().optional(),
  raw_unweighted: z.record(z.string(), ShareEstimateSchema).optional(),
  /** the strata of the bias correction (one "all" stratum = pooled) */
  strata: z
    .array(
      z.object({
        label: z.string(),
        levels: z.array(z.string()),
        n_pilot: z.number().int(),
        n_simulated: z.number().int(),
        population_share: z.number(),
      }),
    )
    .optional(),
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
  /** the pilot: real answer + its twin's simulated answer (+ its subgroup level) */
  pilot: ReadonlyArray<PilotPair & { stratum?: string | null }>;
  /** survey weights of the simulated answers (raking), aligned with `simulated` */
  simulatedWeights?: ReadonlyArray<number>;
  /** subgroup level of each simulated answer, aligned with `simulated` (null: unknown) */
  simulatedStrata?: ReadonlyArray<string | null>;
  /** pilot respondents a subgroup needs for its own bias estimate (default MIN_STRATUM_PILOT_N) */
  minStratumN?: number;
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

const mean = (xs: readonly number[]) => plainMean(xs) ?? 0;
/** sample variance (n − 1), 0 below two values */
const variance = (xs: readonly number[]) => plainSampleVariance(xs) ?? 0;

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

/** pilot respondents a subgroup needs for its own bias estimate: below it the rectifier mean of a
 *  rare code is too skewed for the normal approximation, and its variance estimate too noisy */
export const MIN_STRATUM_PILOT_N = 30;

interface StratumPlan {
  label: string;
  levels: string[];
}

/** level → stratum label: levels with ≥ minN pilot respondents stand alone, the rest are pooled */
export function pilotStrata(
  pilotLevels: ReadonlyArray<string | null>,
  simulatedLevels: ReadonlyArray<string | null>,
  minN: number,
): { plans: StratumPlan[]; of: (level: string | null) => string } {
  const counts = new Map<string, number>();
  for (const l of pilotLevels) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  const own = [...counts]
    .filter(([, n]) => n >= minN)
    .map(([l]) => l)
    .sort();
  const all = new Set([...pilotLevels, ...simulatedLevels].filter((l): l is string => l !== null));
  const rest = [...all].filter((l) => !own.includes(l)).sort();
  const restN = pilotLevels.length - own.reduce((s, l) => s + (counts.get(l) ?? 0), 0);
  const plans: StratumPlan[] = own.map((l) => ({ label: l, levels: [l] }));
  let restLabel = "other";
  if (restN >= minN) plans.push({ label: "other", levels: rest });
  else if (plans.length > 0) {
    const smallest = plans.reduce((a, b) => ((counts.get(b.label) ?? 0) < (counts.get(a.label) ?? 0) ? b : a));
    smallest.levels.push(...rest);
    smallest.label = [smallest.label, ...rest].join("+");
    restLabel = smallest.label;
  }
  if (plans.length < 2) return { plans: [{ label: "all", levels: [...all].sort() }], of: () => "all" };
  const byLevel = new Map(plans.flatMap((p) => p.levels.map((l) => [l, p.label] as const)));
  return { plans, of: (level) => (level === null ? restLabel : (byLevel.get(level) ?? restLabel)) };
}

/** raw, pilot-only and prediction-powered (corrected) shares per code of one item */
export function predictionPoweredShares(input: PredictionPoweredSharesInput): PredictionPoweredShares {
  const level = input.level ?? 0.95;
  const z = normalQuantile(1 - (1 - level) / 2);
  const simIdx = input.simulated.map((a, i) => (a !== null ? i : -1)).filter((i) => i >= 0);
  const sim = simIdx.map((i) => input.simulated[i] as string);
  const simW = simIdx.map((i) => {
    const w = input.simulatedWeights?.[i];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 1;
  });
  const pilot = input.pilot.filter((p): p is { real: string; twin: string; stratum?: string | null } => p.real !== null && p.twin !== null);
  const N = sim.length;
  const n = pilot.length;
  const stratified = input.simulatedStrata !== undefined;
  const simLevels = simIdx.map((i) => input.simulatedStrata?.[i] ?? null);
  const strata = stratified
    ? pilotStrata(
        pilot.map((p) => p.stratum ?? null),
        simLevels,
        input.minStratumN ?? MIN_STRATUM_PILOT_N,
      )
    : { plans: [{ label: "all", levels: [] }], of: () => "all" };
  const groups = strata.plans.map((plan) => {
    const s = sim.map((_, j) => j).filter((j) => strata.of(simLevels[j] ?? null) === plan.label);
    const p = pilot.filter((x) => strata.of(x.stratum ?? null) === plan.label);
    const W = s.reduce((acc, j) => acc + (simW[j] as number), 0);
    return { plan, s, p, W };
  });
  const Wtot = groups.reduce((acc, g) => acc + g.W, 0);
  const raw: Record<string, ShareEstimate> = {};
  const pilotOnly: Record<string, ShareEstimate> = {};
  const corrected: Record<string, ShareEstimate> = {};
  const lambda: Record<string, number> = {};
  const effective: Record<string, number> = {};
  let sw = 0;
  let sw2 = 0;
  for (const w of simW) {
    sw += w;
    sw2 += w * w;
  }
  const kish = sw2 > 0 ? (sw * sw) / sw2 : 0;
  const weighted = input.simulatedWeights !== undefined;
  const rawUnweighted: Record<string, ShareEstimate> = {};
  for (const code of input.codes) {
    const f = sim.map((a) => (a === code ? 1 : 0));
    const y = pilot.map((p) => (p.real === code ? 1 : 0));
    const fSum = f.reduce((s: number, v) => s + v, 0);
    const fw = f.reduce((s: number, v, j) => s + v * (simW[j] as number), 0);
    raw[code] = rounded(
      weighted ? { share: sw > 0 ? fw / sw : 0, ci: wilsonShare(sw > 0 ? (fw / sw) * kish : 0, kish, z).ci } : wilsonShare(fSum, N, z),
    );
    if (weighted) rawUnweighted[code] = rounded(wilsonShare(fSum, N, z));
    pilotOnly[code] = rounded(
      wilsonShare(
        y.reduce((s: number, v) => s + v, 0),
        n,
        z,
      ),
    );
    let theta = 0;
    let v = 0;
    let lamMean = 0;
    for (const g of groups) {
      const P = Wtot > 0 ? g.W / Wtot : 0;
      if (P === 0) continue;
      const fg = g.s.map((j) => f[j] as number);
      const wg = g.s.map((j) => simW[j] as number);
      const yg = g.p.map((p) => (p.real === code ? 1 : 0));
      const tg = g.p.map((p) => (p.twin === code ? 1 : 0));
      const Ng = fg.length;
      const ng = yg.length;
      const m = g.W > 0 ? fg.reduce((s: number, x, k) => s + x * (wg[k] as number), 0) / g.W : 0;
      const sq = wg.reduce((s, w) => s + w * w, 0);
      const nEffG = sq > 0 ? (g.W * g.W) / sq : 0;
      const vf =
        Ng > 1 ? (fg.reduce((s: number, x, k) => s + (wg[k] as number) ** 2 * (x - m) ** 2, 0) / (g.W * g.W)) * (Ng / (Ng - 1)) : 0;
      const varF = variance([...fg, ...tg]);
      let lam = 1;
      if (input.powerTuning !== false)
        lam = varF > 0 && Ng > 0 ? Math.min(1, Math.max(0, covariance(yg, tg) / ((1 + ng / nEffG) * varF))) : 0;
      if (Ng === 0) lam = 0;
      const rect = yg.map((yi, k) => yi - lam * (tg[k] ?? 0));
      theta += P * (lam * m + mean(rect));
      v += P * P * (lam * lam * vf + (ng > 0 ? variance(rect) / ng : 0));
      lamMean += P * lam;
    }
    // the interval: Wilson at the estimate's effective size θ(1 − θ) / var (Korn & Graubard's
    // device for weighted proportions) — the plain normal interval θ ± z·√var collapses to a point
    // for a rare code no pilot respondent chose; with λ = 0 this is the pilot's own Wilson interval
    const share = Math.min(1, Math.max(0, theta));
    const nEff = share > 0 && share < 1 && v > 0 ? (share * (1 - share)) / v : Math.max(n, 1);
    corrected[code] = rounded({ share, ci: wilsonShare(share * nEff, nEff, z).ci });
    lambda[code] = round(lamMean);
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
    ...(weighted ? { kish_n: round(kish), raw_unweighted: rawUnweighted } : {}),
    ...(stratified
      ? {
          strata: groups.map((g) => ({
            label: g.plan.label,
            levels: g.plan.levels,
            n_pilot: g.p.length,
            n_simulated: g.s.length,
            population_share: round(Wtot > 0 ? g.W / Wtot : 0),
          })),
        }
      : {}),
  };
}
