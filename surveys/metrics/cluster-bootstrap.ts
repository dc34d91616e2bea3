// the clustered (block) bootstrap: when observations come in clusters that are not independent
// inside (personas who talked in one discussion group; one persona's conversations), replicates
// resample whole clusters with replacement. the core is the resample counts (`clusterWeights`,
// R × K) and ratios of weighted sums over them (`weightedSums`, `ratioReplicates`): one set of
// weights can serve many statistics, so differences between them are resampled jointly.
// `clusterBootstrapMeans` is the pooled mean Σsum / Σn of one set of clusters on its own weights;
// with one observation per cluster it is the ordinary bootstrap of a mean. pair two independent
// replicate arrays (difference of arms) with `differenceReplicates`; turn replicates into an
// interval with `percentileInterval`.
import type { Rng } from "../../core/rng.js";

export interface Cluster {
  /** sum of the cluster's observations */
  sum: number;
  /** observations in the cluster */
  n: number;
}

/** R × K resample counts, row-major: replicate r draws K clusters with replacement */
export function clusterWeights(rng: Rng, clusters: number, replicates: number): Uint32Array {
  const w = new Uint32Array(replicates * clusters);
  for (let r = 0; r < replicates; r++) {
    const row = r * clusters;
    for (let i = 0; i < clusters; i++) {
      const j = row + rng.int(clusters);
      w[j] = (w[j] as number) + 1;
    }
  }
  return w;
}

/**
 * Σ over `members` of weight × vector, per replicate: R × C, row-major. `vectors[k]` holds
 * cluster k's C column values; with `weights` undefined (R = 1) every member counts once.
 */
export function weightedSums(
  vectors: readonly Float64Array[],
  members: readonly number[],
  columns: number,
  weights?: Uint32Array,
  replicates = 1,
): Float64Array {
  const clusters = vectors.length;
  const out = new Float64Array(replicates * columns);
  for (let r = 0; r < replicates; r++) {
    const base = r * columns;
    for (const k of members) {
      const w = weights ? (weights[r * clusters + k] as number) : 1;
      if (w === 0) continue;
      const v = vectors[k] as Float64Array;
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

/** Σsum / Σn, NaN when there is no observation */
export function pooledMean(clusters: readonly Cluster[]): number {
  let sum = 0;
  let n = 0;
  for (const c of clusters) {
    sum += c.sum;
    n += c.n;
  }
  return n > 0 ? sum / n : NaN;
}

/** `replicates` pooled means of clusters drawn with replacement (NaN for an empty draw) */
export function clusterBootstrapMeans(clusters: readonly Cluster[], replicates: number, rng: Rng): Float64Array {
  const weights = clusterWeights(rng, clusters.length, replicates);
  const vectors = clusters.map((c) => Float64Array.of(c.sum, c.n));
  const sums = weightedSums(
    vectors,
    vectors.map((_, k) => k),
    2,
    weights,
    replicates,
  );
  return ratioReplicates(sums, 2, replicates, 0, 1);
}

/** a[i] − b[i] for independent replicate arrays of equal length */
export function differenceReplicates(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) throw new RangeError(`replicate arrays differ in length (${a.length} vs ${b.length})`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) - (b[i] as number);
  return out;
}
