// float summation in numpy's order (pairwise summation, 8-way unrolled blocks of ≤ 128), so the
// deepppersona-official recipe reproduces the authors' numpy/scipy numbers to the last bit where a
// value sits on a rounding tie (their Q57 Wasserstein 0.8584999… vs mean diff 0.8585000…).

const BLOCK = 128;

/** numpy's pairwise_sum over a[start … start+n) */
function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i] as number;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start] as number;
    let r1 = a[start + 1] as number;
    let r2 = a[start + 2] as number;
    let r3 = a[start + 3] as number;
    let r4 = a[start + 4] as number;
    let r5 = a[start + 5] as number;
    let r6 = a[start + 6] as number;
    let r7 = a[start + 7] as number;
    let i = 8;
    const end = n - (n % 8);
    for (; i < end; i += 8) {
      const p = start + i;
      r0 += a[p] as number;
      r1 += a[p + 1] as number;
      r2 += a[p + 2] as number;
      r3 += a[p + 3] as number;
      r4 += a[p + 4] as number;
      r5 += a[p + 5] as number;
      r6 += a[p + 6] as number;
      r7 += a[p + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** np.sum(a) for a 1-D float64 array */
export function numpySum(a: ArrayLike<number>): number {
  return 0 + pairwise(a, 0, a.length);
}

/** np.mean(a) */
export function numpyMean(a: ArrayLike<number>): number {
  return numpySum(a) / a.length;
}

/**
 * np.sum of a length-`n` array that is zero everywhere except at `positions` (ascending) holding
 * `values` — the same bits as the dense sum, in O(k log n). adding an exact zero never changes a
 * float, so only the grouping of the non-zero terms matters.
 */
export function numpySumSparse(n: number, positions: ArrayLike<number>, values: ArrayLike<number>): number {
  const k = positions.length;
  // index of the first non-zero at or after position p
  const lowerBound = (p: number): number => {
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((positions[mid] as number) < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const rec = (start: number, len: number): number => {
    let j = lowerBound(start);
    const stop = start + len;
    if (j >= k || (positions[j] as number) >= stop) return 0;
    if (len < 8) {
      let res = 0;
      for (; j < k && (positions[j] as number) < stop; j++) res += values[j] as number;
      return res;
    }
    if (len <= BLOCK) {
      // lane m accumulates a[m], a[m+8], … in order; zeros leave a lane unchanged
      const r = [0, 0, 0, 0, 0, 0, 0, 0];
      const end = start + len - (len % 8);
      for (; j < k && (positions[j] as number) < end; j++) {
        const m = ((positions[j] as number) - start) % 8;
        r[m] = (r[m] as number) + (values[j] as number);
      }
      let res =
        (r[0] as number) +
        (r[1] as number) +
        ((r[2] as number) + (r[3] as number)) +
        ((r[4] as number) + (r[5] as number) + ((r[6] as number) + (r[7] as number)));
      for (; j < k && (positions[j] as number) < stop; j++) res += values[j] as number;
      return res;
    }
    let n2 = Math.floor(len / 2);
    n2 -= n2 % 8;
    return rec(start, n2) + rec(start + n2, len - n2);
  };
  return 0 + rec(0, n);
}
