// the DeepPersona authors' recipe (compatibility mode "deeppersona-official"), reproducing their
// published Canada numbers cell for cell:
// - KS = scipy ks_2samp statistic D (max |F1 − F2| over the pooled points) and its p-value;
// - Wasserstein-1 on the raw values, summed in numpy order as scipy ≤ 1.12 did
//   (np.sum(|F1 − F2| · Δx) over the sorted pooled sample);
// - "JS" = Jensen–Shannon DISTANCE (natural log) between histograms on 19 equal-width bins from
//   np.linspace(min, max, 20) over the pooled range, density-normalised, clipped at 1e-10 and
//   renormalised (scipy.spatial.distance.jensenshannon);
// - mean diff = |mean1 − mean2| (np.mean), std with ddof = 1.
// all of it is computed from tallies (distinct values × counts); the means use the raw values in
// input order when the tally kept them, to match numpy's pairwise summation bit for bit.
import { ksTwoSamplePValue } from "./ks-pvalue.js";
import { numpyMean, numpySum, numpySumSparse } from "./numpy-sum.js";
import type { Tally } from "./tally.js";

/** the pooled distinct values, both sides' counts at each, and F1 − F2 there (F = count ≤ x / n) */
function pool(a: Tally, b: Tally): { values: number[]; c1: number[]; c2: number[]; diffs: number[] } {
  const values: number[] = [];
  const c1: number[] = [];
  const c2: number[] = [];
  const diffs: number[] = [];
  let i = 0;
  let j = 0;
  let cum1 = 0;
  let cum2 = 0;
  while (i < a.values.length || j < b.values.length) {
    const va = i < a.values.length ? (a.values[i] as number) : Infinity;
    const vb = j < b.values.length ? (b.values[j] as number) : Infinity;
    const v = Math.min(va, vb);
    values.push(v);
    c1.push(va === v ? (a.counts[i++] as number) : 0);
    c2.push(vb === v ? (b.counts[j++] as number) : 0);
    cum1 += c1[c1.length - 1] as number;
    cum2 += c2[c2.length - 1] as number;
    diffs.push(cum1 / a.total - cum2 / b.total);
  }
  return { values, c1, c2, diffs };
}

/** scipy ks_2samp D: max over pooled points of |F1 − F2| */
export function officialKsStatistic(a: Tally, b: Tally): number {
  let maxS = -Infinity;
  let minS = Infinity;
  for (const diff of pool(a, b).diffs) {
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const neg = Math.min(Math.max(-minS, 0), 1);
  return neg > maxS ? neg : maxS;
}

/**
 * scipy (≤ 1.12) wasserstein_distance(u, v) = np.sum(|U − V| · Δx) over the N = n1 + n2 sorted
 * pooled values: only the N − 1 − (k − 1) zero gaps vanish, the k − 1 gaps between distinct
 * values sit at known positions, so the numpy-order sum is evaluated sparsely.
 */
export function officialWasserstein(a: Tally, b: Tally): number {
  const { values, c1, c2, diffs } = pool(a, b);
  const N = a.total + b.total;
  const positions: number[] = [];
  const terms: number[] = [];
  let pos = -1;
  for (let k = 0; k < values.length - 1; k++) {
    pos += (c1[k] as number) + (c2[k] as number);
    const term = Math.abs(diffs[k] as number) * ((values[k + 1] as number) - (values[k] as number));
    if (term !== 0) {
      positions.push(pos);
      terms.push(term);
    }
  }
  if (a.kind === "sample" && b.kind === "sample" && Number.isInteger(N)) return numpySumSparse(N - 1, positions, terms);
  let s = 0;
  for (const t of terms) s += t;
  return s;
}

/** np.histogram(x, bins=edges, density=True) counts from a tally (numpy's inclusive last bin) */
function histogramDensity(t: Tally, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  for (let i = 0; i < t.values.length; i++) {
    const v = t.values[i] as number;
    if (v < (edges[0] as number) || v > (edges[bins] as number)) continue;
    let bin = bins - 1;
    while (bin > 0 && v < (edges[bin] as number)) bin--;
    counts[bin] = (counts[bin] as number) + (t.counts[i] as number);
  }
  const total = numpySum(counts);
  const out = new Float64Array(bins);
  for (let i = 0; i < bins; i++) out[i] = (counts[i] as number) / ((edges[i + 1] as number) - (edges[i] as number)) / total;
  return out;
}

/**
 * their "JS": Jensen–Shannon distance (natural log) between 19-bin density histograms over the
 * pooled range, clipped at 1e-10 and renormalised, as scipy.spatial.distance.jensenshannon.
 */
export function officialJsDistance(a: Tally, b: Tally, bins = 19): number {
  const lo = Math.min(a.values[0] as number, b.values[0] as number);
  const hi = Math.max(a.values[a.values.length - 1] as number, b.values[b.values.length - 1] as number);
  if (!(hi > lo)) return 0;
  // np.linspace(lo, hi, bins + 1)
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + lo;
  edges[bins] = hi;
  const prep = (t: Tally): Float64Array => {
    const d = histogramDensity(t, edges);
    for (let i = 0; i < d.length; i++) if ((d[i] as number) < 1e-10) d[i] = 1e-10;
    let s = numpySum(d);
    for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) / s;
    // jensenshannon normalises again
    s = numpySum(d);
    for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) / s;
    return d;
  };
  const p = prep(a);
  const q = prep(b);
  const left = new Float64Array(bins);
  const right = new Float64Array(bins);
  for (let i = 0; i < bins; i++) {
    const m = ((p[i] as number) + (q[i] as number)) / 2;
    left[i] = (p[i] as number) * Math.log((p[i] as number) / m);
    right[i] = (q[i] as number) * Math.log((q[i] as number) / m);
  }
  const js = numpySum(left) + numpySum(right);
  return Math.sqrt(Math.max(0, js / 2));
}

/** np.mean of the sample (numpy order when the raw values were kept) */
export function officialMean(t: Tally): number {
  if (t.raw && t.raw.length === t.total) return numpyMean(t.raw);
  let s = 0;
  for (let i = 0; i < t.values.length; i++) s += (t.values[i] as number) * (t.counts[i] as number);
  return s / t.total;
}

/** np.std(x, ddof=1); for a distribution: the share-weighted variance × n/(n−1) (ddof 0 when n is unknown) */
function officialStd(t: Tally): number {
  const mean = officialMean(t);
  if (t.kind === "distribution") {
    let v = 0;
    for (let i = 0; i < t.values.length; i++) {
      const d = (t.values[i] as number) - mean;
      v += (d * d * (t.counts[i] as number)) / t.total;
    }
    const n = t.n;
    return Math.sqrt(n !== null && n > 1 ? (v * n) / (n - 1) : v);
  }
  if (!(t.total > 1)) return NaN;
  if (t.raw && t.raw.length === t.total) {
    const sq = new Float64Array(t.raw.length);
    for (let i = 0; i < sq.length; i++) {
      const d = (t.raw[i] as number) - mean;
      sq[i] = d * d;
    }
    return Math.sqrt(numpySum(sq) / (t.total - 1));
  }
  let s = 0;
  for (let i = 0; i < t.values.length; i++) {
    const d = (t.values[i] as number) - mean;
    s += d * d * (t.counts[i] as number);
  }
  return Math.sqrt(s / (t.total - 1));
}

export interface OfficialMetrics {
  ks: number;
  ks_pvalue: number | null;
  ks_pvalue_method: "exact" | "asymptotic" | null;
  wasserstein: number;
  /** their binned JS distance (natural log) */
  js_distance: number;
  /** its square */
  js_divergence: number;
  mean_simulated: number;
  mean_reference: number;
  mean_diff: number;
  std_simulated: number;
  std_reference: number;
}

/**
 * every number of the authors' table for one question: `a` = simulated (their "Ours", "LLM",
 * "OC"), `b` = reference (WVS rows). p-values need integer sample sizes (null otherwise).
 */
export function officialMetrics(a: Tally, b: Tally): OfficialMetrics {
  if (!(a.total > 0 && b.total > 0)) throw new RangeError("the official recipe needs two non-empty samples");
  const ks = officialKsStatistic(a, b);
  // sample sizes: counts for samples, the declared n for distributions (no n → no p-value)
  const n1 = a.kind === "sample" ? a.total : a.n;
  const n2 = b.kind === "sample" ? b.total : b.n;
  const p =
    n1 !== null && n2 !== null && Number.isInteger(n1) && Number.isInteger(n2) && n1 > 0 && n2 > 0 ? ksTwoSamplePValue(ks, n1, n2) : null;
  const js = officialJsDistance(a, b);
  const ma = officialMean(a);
  const mb = officialMean(b);
  return {
    ks: p ? p.statistic : ks,
    ks_pvalue: p ? p.pvalue : null,
    ks_pvalue_method: p ? p.method : null,
    wasserstein: officialWasserstein(a, b),
    js_distance: js,
    js_divergence: js * js,
    mean_simulated: ma,
    mean_reference: mb,
    mean_diff: Math.abs(ma - mb),
    std_simulated: officialStd(a),
    std_reference: officialStd(b),
  };
}
