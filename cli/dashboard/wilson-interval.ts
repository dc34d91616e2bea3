// the Wilson score 95% interval of a proportion (k of n): the live stress panel's rates, before
// the run's persona-bootstrap intervals exist in metrics.json. null when n is 0.
export function wilsonInterval(k: number, n: number, z = 1.959964): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
