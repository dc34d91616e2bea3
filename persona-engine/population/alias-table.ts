// Vose's alias method: O(n) build, O(1) draw from a discrete distribution — one uniform per draw.
import type { Rng } from "../../core/rng.js";

export interface AliasTable {
  readonly n: number;
  readonly prob: Float64Array;
  readonly alias: Int32Array;
}

/** an alias table over non-negative weights (need not sum to 1; at least one must be positive) */
export function buildAliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`alias table: weight ${i} is ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError("alias table: total weight must be positive");
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = ((weights[i] as number) * n) / total;
    if ((scaled[i] as number) < 1) small.push(i);
    else large.push(i);
  }
  while (small.length && large.length) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s] as number;
    alias[s] = l;
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
    if ((scaled[l] as number) < 1) small.push(l);
    else large.push(l);
  }
  for (const i of large) {
    prob[i] = 1;
    alias[i] = i;
  }
  // numerical leftovers: only happens by rounding, treat as certain
  for (const i of small) {
    prob[i] = 1;
    alias[i] = i;
  }
  return { n, prob, alias };
}

/** one index drawn from the table */
export function drawAlias(t: AliasTable, rng: Rng): number {
  const u = rng.next() * t.n;
  const i = Math.floor(u);
  return u - i < (t.prob[i] as number) ? i : (t.alias[i] as number);
}
