// the persona (cluster) bootstrap behind every interval in the stress metrics. one persona's
// conversations are not independent (same voice, same circumstances), so replicates resample
// PERSONAS with replacement, and every rate is a ratio of weighted sums over them. the weights of
// a replicate are shared by every group and cell, so a difference between two groups is
// resampled jointly (a segment vs the rest, within the same replicate). the resampling is the
// cluster bootstrap of surveys/metrics with personas as the clusters.
import { percentileInterval } from "../../surveys/metrics/bootstrap-ci.js";

export { clusterWeights as personaWeights, ratioReplicates, weightedSums } from "../../surveys/metrics/cluster-bootstrap.js";

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
