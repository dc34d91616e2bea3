// balanced diversification (paper step 4): candidate leaves ranked by cosine similarity to the
// core profile and split into near / mid / far thirds.
import type { AttributeTier } from "../persona/persona-schema.js";

export type SampledTier = Exclude<AttributeTier, "core">;

/** dot product of unit vectors = cosine similarity */
export function cosineToAll(query: Float32Array, matrix: Float32Array, dims: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    let s = 0;
    const off = r * dims;
    for (let d = 0; d < dims; d++) s += (query[d] as number) * (matrix[off + d] as number);
    out[r] = s;
  }
  return out;
}

/**
 * tier per candidate (by candidate position): the most similar third is "near", the next "mid",
 * the rest "far". ties are broken by candidate order, so the split is deterministic.
 */
export function splitTiers(similarity: Float32Array, candidates: readonly number[]): Map<number, SampledTier> {
  const order = candidates.slice().sort((a, b) => (similarity[b] as number) - (similarity[a] as number) || a - b);
  const n = order.length;
  const tiers = new Map<number, SampledTier>();
  order.forEach((leaf, rank) => {
    tiers.set(leaf, rank < n / 3 ? "near" : rank < (2 * n) / 3 ? "mid" : "far");
  });
  return tiers;
}

/** how many attributes each tier gets for k draws at the ratio (default 5:3:2); sums to k */
export function tierQuotas(k: number, ratio: readonly [number, number, number]): Record<SampledTier, number> {
  const total = ratio[0] + ratio[1] + ratio[2];
  const near = Math.round((k * ratio[0]) / total);
  const mid = Math.round((k * ratio[1]) / total);
  return { near, mid, far: Math.max(0, k - near - mid) };
}

/** parses "5:3:2" */
export function parseTierRatio(text: string): [number, number, number] | undefined {
  const parts = text.split(":").map((p) => Number(p));
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p) || p < 0) || parts.every((p) => p === 0)) return undefined;
  return parts as [number, number, number];
}
