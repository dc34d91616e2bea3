// the mean and sample variance summed plainly left to right. simple-statistics' mean/variance use a
// compensated sum whose last bit can differ, and metrics.json keeps the bits these give.

/** Σx / n; null when empty */
export function plainMean(xs: ArrayLike<number>): number | null {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return xs.length ? s / xs.length : null;
}

/** Σ(x − mean)² / (n − 1); null below two values */
export function plainSampleVariance(xs: ArrayLike<number>): number | null {
  const m = plainMean(xs);
  if (m === null || xs.length < 2) return null;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += ((xs[i] as number) - m) * ((xs[i] as number) - m);
  return s / (xs.length - 1);
}
