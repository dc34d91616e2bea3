// the clustered (block) bootstrap of a mean: when observations come in clusters that are not
// independent inside (personas who talked in one discussion group), resample whole clusters with
// replacement and recompute the pooled mean Σsum / Σn. with one observation per cluster it is the
// ordinary bootstrap of a mean. pair two independent replicate arrays (difference of arms) with
// `differenceReplicates`; turn replicates into an interval with `percentileInterval`.
import type { Rng } from "../../core/rng.js";

export interface Cluster {
  /** sum of the cluster's observations */
  sum: number;
  /** observations in the cluster */
  n: number;
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
  const out = new Float64Array(replicates);
  const k = clusters.length;
  for (let r = 0; r < replicates; r++) {
    if (k === 0) {
      out[r] = NaN;
      continue;
    }
    let sum = 0;
    let n = 0;
    for (let i = 0; i < k; i++) {
      const c = clusters[rng.int(k)] as Cluster;
      sum += c.sum;
      n += c.n;
    }
    out[r] = n > 0 ? sum / n : NaN;
  }
  return out;
}

/** a[i] − b[i] for independent replicate arrays of equal length */
export function differenceReplicates(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) throw new RangeError(`replicate arrays differ in length (${a.length} vs ${b.length})`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) - (b[i] as number);
  return out;
}
