// Benjamini–Hochberg step-up: adjusted q-values (monotone, ≤ 1) for p-values of one family;
// reject where q ≤ the false discovery rate. controls the FDR for independent or positively
// dependent tests.
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [Number.isFinite(p) ? p : 1, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m).fill(1);
  let min = 1;
  for (let r = m - 1; r >= 0; r--) {
    const [p, i] = order[r] as readonly [number, number];
    min = Math.min(min, (p * m) / (r + 1));
    q[i] = Math.min(1, min);
  }
  return q;
}

/** the 95% (or `confidence`) Wilson score interval of a proportion k/n */
export function wilsonInterval(k: number, n: number, z = 1.959963984540054): [number, number] | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
