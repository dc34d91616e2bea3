// the weighted share of every code of one item (weights: raking / post-stratification) with a 95%
// Wilson interval at Kish's effective sample size n_eff = (Σw)² / Σw² — the design effect of
// unequal weights (Kish 1965; Korn & Graubard's device for weighted proportions). with equal weights
// n_eff = n and this is the plain Wilson interval. coverage of a raked biased sample against the
// known population share is checked by simulation in weighted-shares.test.ts.
import { normalQuantile, wilsonShare, type ShareEstimate } from "./prediction-powered-shares.js";

export interface WeightedShares {
  shares: Record<string, ShareEstimate>;
  /** answers with a code */
  n: number;
  /** Kish's effective n of their weights */
  kish_n: number;
}

export function weightedShares(
  codes: readonly string[],
  answers: ReadonlyArray<string | null>,
  weights?: ReadonlyArray<number>,
  level = 0.95,
): WeightedShares {
  const z = normalQuantile(1 - (1 - level) / 2);
  const valid = new Set(codes);
  const sums = new Map<string, number>();
  let sw = 0;
  let sw2 = 0;
  let n = 0;
  answers.forEach((a, i) => {
    if (a === null || !valid.has(a)) return;
    const w = weights ? (weights[i] ?? 1) : 1;
    if (!(w > 0)) return;
    sums.set(a, (sums.get(a) ?? 0) + w);
    sw += w;
    sw2 += w * w;
    n++;
  });
  const kish = sw2 > 0 ? (sw * sw) / sw2 : 0;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const shares: Record<string, ShareEstimate> = {};
  for (const code of codes) {
    const p = sw > 0 ? (sums.get(code) ?? 0) / sw : 0;
    const e = wilsonShare(p * kish, kish, z);
    shares[code] = { share: round(p), ci: [round(e.ci[0]), round(e.ci[1])] };
  }
  return { shares, n, kish_n: round(kish) };
}
