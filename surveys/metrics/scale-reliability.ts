// internal consistency of a scale from one answer per respondent × item (reverse keys already
// applied): Cronbach's alpha k/(k−1)·(1 − Σ var_i / var_total) and McDonald's omega-total
// (Σλ)² / ((Σλ)² + Σψ) from a one-factor principal-axis fit on the item correlation matrix
// (iterated communalities). respondents missing an item are dropped (listwise).
import { sampleVariance } from "simple-statistics";

export interface Reliability {
  alpha: number | null;
  omega: number | null;
  /** respondents with every item answered */
  n: number;
  items: number;
}

function round(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : Number(x.toFixed(4));
}

/** `rows`: respondents × items (null = missing) */
export function scaleReliability(rows: readonly (readonly (number | null)[])[]): Reliability {
  const complete = rows.filter((r) => r.every((x) => typeof x === "number" && Number.isFinite(x))) as number[][];
  const k = rows[0]?.length ?? 0;
  const n = complete.length;
  if (k < 2 || n < 3) return { alpha: null, omega: null, n, items: k };
  const cols = Array.from({ length: k }, (_, j) => complete.map((r) => r[j] as number));
  const vars = cols.map((c) => sampleVariance(c));
  const totals = complete.map((r) => r.reduce((a, b) => a + b, 0));
  const vt = sampleVariance(totals);
  const alpha = vt > 0 ? (k / (k - 1)) * (1 - vars.reduce((a, b) => a + b, 0) / vt) : null;
  // correlation matrix (items with zero variance make omega undefined)
  if (vars.some((v) => !(v > 0))) return { alpha: round(alpha), omega: null, n, items: k };
  const means = cols.map((c) => c.reduce((a, b) => a + b, 0) / n);
  const R = Array.from({ length: k }, () => new Float64Array(k));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let i = 0; i < n; i++)
        s += ((cols[a]?.[i] as number) - (means[a] as number)) * ((cols[b]?.[i] as number) - (means[b] as number));
      const r = s / (n - 1) / Math.sqrt((vars[a] as number) * (vars[b] as number));
      (R[a] as Float64Array)[b] = r;
      (R[b] as Float64Array)[a] = r;
    }
  }
  // principal axis: diagonal = communalities (start: squared max off-diagonal), first eigenvector by power iteration
  const h = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let m = 0;
    for (let b = 0; b < k; b++) if (b !== a) m = Math.max(m, Math.abs((R[a] as Float64Array)[b] as number));
    h[a] = m * m;
  }
  let lambda = new Float64Array(k);
  for (let iter = 0; iter < 50; iter++) {
    let v = new Float64Array(k).fill(1 / Math.sqrt(k));
    let ev = 0;
    for (let p = 0; p < 100; p++) {
      const w = new Float64Array(k);
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++)
          w[a] = (w[a] as number) + (a === b ? (h[a] as number) : ((R[a] as Float64Array)[b] as number)) * (v[b] as number);
      const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
      if (!(norm > 0)) break;
      ev = norm;
      v = w.map((x) => x / norm);
    }
    lambda = v.map((x) => x * Math.sqrt(Math.max(ev, 0)));
    for (let a = 0; a < k; a++) h[a] = Math.min(0.995, (lambda[a] as number) ** 2);
  }
  const sum = lambda.reduce((a, b) => a + b, 0);
  const sign = sum < 0 ? -1 : 1;
  const sl = sign * sum;
  let psi = 0;
  for (let a = 0; a < k; a++) psi += 1 - Math.min(0.995, (lambda[a] as number) ** 2);
  const omega = sl * sl + psi > 0 ? (sl * sl) / (sl * sl + psi) : null;
  return { alpha: round(alpha), omega: round(omega), n, items: k };
}
