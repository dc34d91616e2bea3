// an urn of integer counts per category, drawn without replacement in O(log n) (Fenwick tree):
// exact allocations (countries of a design, quota cells) come out in a seeded random order.
import type { Rng } from "../../core/rng.js";

export class FenwickUrn {
  private readonly tree: Float64Array;
  private readonly size: number;
  private remainingTotal: number;

  constructor(counts: readonly number[]) {
    this.size = counts.length;
    this.tree = new Float64Array(this.size + 1);
    this.remainingTotal = 0;
    counts.forEach((c, i) => {
      if (c > 0) this.add(i, c);
    });
  }

  private add(i: number, delta: number): void {
    this.remainingTotal += delta;
    for (let j = i + 1; j <= this.size; j += j & -j) this.tree[j] = (this.tree[j] as number) + delta;
  }

  /** draws one category (proportional to its remaining count) and removes one ball of it */
  draw(rng: Rng): number {
    if (this.remainingTotal <= 0) throw new RangeError("urn is empty");
    let r = Math.floor(rng.next() * this.remainingTotal);
    let pos = 0;
    let step = 1;
    while (step * 2 <= this.size) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && (this.tree[next] as number) <= r) {
        pos = next;
        r -= this.tree[next] as number;
      }
    }
    this.add(pos, -1);
    return pos;
  }
}

/**
 * integer counts summing to `total` with E[count_i] = total × share_i (randomised systematic
 * rounding: each count is the floor or the ceiling of its expectation)
 */
export function systematicCounts(shares: readonly number[], total: number, rng: Rng): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const u = rng.next();
  let cum = 0;
  let prev = Math.floor(u);
  return shares.map((s, i) => {
    cum += s;
    // the last cumulative value is exactly `total`, so the counts always sum to it
    const c = i === shares.length - 1 ? total : (cum / sum) * total;
    const cur = Math.floor(c + u);
    const n = cur - prev;
    prev = cur;
    return n;
  });
}

/** integer counts summing to `total`, largest remainder (ties: earlier first) — deterministic */
export function largestRemainderCounts(shares: readonly number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (s / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  return counts;
}
