// the persona (cluster) bootstrap behind every interval in the stress metrics. one persona's
// conversations are not independent (same voice, same circumstances), so replicates resample
// PERSONAS with replacement, and every rate is a ratio of weighted sums over them. the weights of
// a replicate are shared by every group and cell, so a difference between two groups is
// resampled jointly (a segment vs the rest, within the same replicate).
import type { Rng } from "../../core/rng.js";
import { percentileInterval } from "../../surveys/metrics/bootstrap-ci.js";

/** R × P resample counts, row-major: replicate r draws P personas with replacement */
export function personaWeights(rng: Rng, personas: number, replicates: number): Uint32Array {
  const w = new Uint32Array(replicates * personas);
  for (let r = 0; r < replicates; r++) {
    const row = r * personas;
    for (let i = 0; i < personas; i++) {
      const j = row + rng.int(personas);
      w[j] = (w[j] as number) + 1;
    }
  }
  return w;
}

/**
 * Σ over `members` of weight × vector, per replicate: R × C, row-major. `vectors[p]` holds
 * persona p's C column values; with `weights` undefined (R = 1) every member counts once.
 */
export function weightedSums(vectors: readonly Float64Array[], members: readonly number[], columns: number, weights?: Uint32Array, replicates = 1): Float64Array {
  const personas = vectors.length;
  const out = new Float64Array(replicates * columns);
  for (let r = 0; r < replicates; r++) {
    const base = r * columns;
    for (const p of members) {
      const w = weights ? (weights[r * personas + p] as number) : 1;
      if (w === 0) continue;
      const v = vectors[p] as Float64Array;
      for (let c = 0; c < columns; c++) {
        const x = v[c] as number;
        if (x !== 0) out[base + c] = (out[base + c] as number) + w * x;
      }
    }
  }
  return out;
}

/** a ratio's replicates: num[r] / den[r] (NaN where the denominator is 0) */
export function ratioReplicates(sums: Float64Array, columns: number, replicates: number, num: number, den: number): Float64Array {
  const out = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    const d = sums[r * columns + den] as number;
    out[r] = d > 0 ? (sums[r * columns + num] as number) / d : NaN;
  }
  return out;
}

/** the 95% percentile interval of the replicates (null without replicates), rounded */
export function interval95(replicates: Float64Array, digits = 4): [number, number] | null {
  if (replicates.length === 0) return null;
  const iv = percentileInterval(replicates, 0.95);
  return iv ? [round(iv[0], digits), round(iv[1], digits)] : null;
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
