// distances between two distributions p, q given as shares aligned on the same ascending
// categorical support. O(k) each.

function check(p: ArrayLike<number>, q: ArrayLike<number>): void {
  if (p.length !== q.length) throw new RangeError(`distributions on different supports (${p.length} vs ${q.length} categories)`);
}

/** two-sample KS statistic on ordinal CDFs: max_k |P(X ≤ x_k) − Q(X ≤ x_k)| */
export function ksStatistic(p: ArrayLike<number>, q: ArrayLike<number>): number {
  check(p, q);
  let cp = 0;
  let cq = 0;
  let d = 0;
  for (let i = 0; i < p.length - 1; i++) {
    cp += p[i] as number;
    cq += q[i] as number;
    const diff = Math.abs(cp - cq);
    if (diff > d) d = diff;
  }
  return d;
}

/** Wasserstein-1 (earth mover's) distance in scale units: Σ_k |P_k − Q_k| · (x_{k+1} − x_k) */
export function wasserstein1(p: ArrayLike<number>, q: ArrayLike<number>, support: ArrayLike<number>): number {
  check(p, q);
  if (support.length !== p.length) throw new RangeError("support and shares differ in length");
  let cp = 0;
  let cq = 0;
  let w = 0;
  for (let i = 0; i < p.length - 1; i++) {
    cp += p[i] as number;
    cq += q[i] as number;
    w += Math.abs(cp - cq) * ((support[i + 1] as number) - (support[i] as number));
  }
  return w;
}

/**
 * Jensen–Shannon divergence ½·KL(p‖m) + ½·KL(q‖m), m = (p+q)/2, in log base `base` (default 2:
 * bits, bounded by 1). 0·log 0 = 0, so a category absent from one side is fine.
 */
export function jsDivergence(p: ArrayLike<number>, q: ArrayLike<number>, base = 2): number {
  check(p, q);
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] as number;
    const b = q[i] as number;
    const m = (a + b) / 2;
    if (a > 0) s += a * Math.log(a / m);
    if (b > 0) s += b * Math.log(b / m);
  }
  const d = s / 2 / Math.log(base);
  return d < 0 ? 0 : d;
}

/** Jensen–Shannon distance: the square root of the divergence (a metric) */
export function jsDistance(p: ArrayLike<number>, q: ArrayLike<number>, base = 2): number {
  return Math.sqrt(jsDivergence(p, q, base));
}

/** total variation distance ½ Σ |p_k − q_k| */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  check(p, q);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.abs((p[i] as number) - (q[i] as number));
  return s / 2;
}

/** Σ p_k x_k */
export function distributionMean(p: ArrayLike<number>, support: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < p.length; i++) m += (p[i] as number) * (support[i] as number);
  return m;
}

/** Σ p_k (x_k − mean)² */
export function distributionVariance(p: ArrayLike<number>, support: ArrayLike<number>): number {
  const m = distributionMean(p, support);
  let v = 0;
  for (let i = 0; i < p.length; i++) v += (p[i] as number) * ((support[i] as number) - m) ** 2;
  return v;
}
