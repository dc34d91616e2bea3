// balanced diversification (paper step 4): candidate leaves ranked by cosine similarity to the
// core profile and split into near / mid / far thirds.
import type { AttributeTier } from "../persona/persona-schema.js";

export type SampledTier = Exclude<AttributeTier, "core">;

/** dot products of a unit query with the given rows of a row-major unit-vector matrix (= cosine) */
export function cosineToRows(query: Float32Array, matrix: Float32Array, dims: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const off = (rows[i] as number) * dims;
    let s0 = 0;
    let s1 = 0;
    let d = 0;
    for (; d + 1 < dims; d += 2) {
      s0 += (query[d] as number) * (matrix[off + d] as number);
      s1 += (query[d + 1] as number) * (matrix[off + d + 1] as number);
    }
    if (d < dims) s0 += (query[d] as number) * (matrix[off + d] as number);
    out[i] = s0 + s1;
  }
  return out;
}

/** tier codes in a Uint8Array indexed by taxonomy node (0 = not a candidate) */
export const TIER_CODES = { near: 1, mid: 2, far: 3 } as const;
export const TIER_OF_CODE: readonly (SampledTier | undefined)[] = [undefined, "near", "mid", "far"];

/**
 * tier per candidate: the most similar third is "near", the next "mid", the rest "far" (thresholds
 * are the similarity order statistics at n/3 and 2n/3; equal similarities share a tier).
 * `similarity[i]` belongs to `candidates[i]`; returns codes indexed by node.
 */
export function splitTiers(similarity: Float32Array, candidates: Int32Array, nodeCount: number): Uint8Array {
  const sorted = similarity.slice().sort();
  const n = sorted.length;
  const out = new Uint8Array(nodeCount);
  if (n === 0) return out;
  const nearMin = sorted[n - Math.ceil(n / 3)] as number;
  const midMin = sorted[n - Math.ceil((2 * n) / 3)] as number;
  for (let i = 0; i < n; i++) {
    const s = similarity[i] as number;
    out[candidates[i] as number] = s >= nearMin ? TIER_CODES.near : s >= midMin ? TIER_CODES.mid : TIER_CODES.far;
  }
  return out;
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
