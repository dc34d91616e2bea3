// exact multinomial and binomial draws from the project RNG, in O(k · log n) per draw: the
// bootstrap resamples category COUNTS (a multinomial with the observed shares), which is the same
// distribution as resampling n answers with replacement, without touching n answers.
import type { Rng } from "../../core/rng.js";

/** Gamma(shape ≥ 1, 1) — Marsaglia & Tsang (2000) */
function gamma(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) for a, b ≥ 1 */
function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

/** Binomial(n, p) by inversion; expected cost O(n·min(p, 1−p)) */
function binomialInversion(rng: Rng, n: number, p: number): number {
  if (p > 0.5) return n - binomialInversion(rng, n, 1 - p);
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.pow(q, n);
  let u = rng.next();
  let x = 0;
  while (u > r) {
    u -= r;
    x++;
    if (x > n) return n;
    r *= a / x - s;
    if (r <= 0) break;
  }
  return x;
}

/**
 * Binomial(n, p), exact: the number of n uniforms below p. splits on the median order statistic
 * U(i) ~ Beta(i, n+1−i) until the mean is small, then inverts (Devroye 1986, X.4).
 */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  let x = 0;
  while (n > 0) {
    if (p <= 0) return x;
    if (p >= 1) return x + n;
    if (n * Math.min(p, 1 - p) < 30) return x + binomialInversion(rng, n, p);
    const i = (n + 1) >> 1;
    const y = beta(rng, i, n + 1 - i);
    if (p < y) {
      n = i - 1;
      p = p / y;
    } else {
      x += i;
      n = n - i;
      p = (p - y) / (1 - y);
    }
  }
  return x;
}

/** counts ~ Multinomial(n, probs) (probs need not be normalised) */
export function sampleMultinomial(rng: Rng, n: number, probs: ArrayLike<number>): Float64Array {
  const k = probs.length;
  const out = new Float64Array(k);
  let rest = 0;
  for (let i = 0; i < k; i++) rest += Math.max(0, probs[i] as number);
  let left = n;
  for (let i = 0; i < k - 1 && left > 0; i++) {
    const pi = Math.max(0, probs[i] as number);
    const c = rest > 0 ? sampleBinomial(rng, left, Math.min(1, pi / rest)) : 0;
    out[i] = c;
    left -= c;
    rest -= pi;
  }
  if (k > 0) out[k - 1] = (out[k - 1] as number) + left;
  return out;
}
