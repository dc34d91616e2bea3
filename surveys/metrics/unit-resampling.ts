// bootstrap resample counts over units (personas), shareable across items and arms: draw once per
// country over the persona ids, then every item and every persona-based arm reads its units'
// counts from the same draw — contrasts between arms are PAIRED, means over items are joint.
// units whose ids are not in the shared draw (e.g. the respondents of a no-persona arm) get an
// independent draw of their own.
import type { Rng } from "../../core/rng.js";
import { clusterWeights } from "./cluster-bootstrap.js";

export interface SharedResample {
  ids: string[];
  index: Map<string, number>;
  /** R × ids, row-major */
  counts: Uint32Array;
  replicates: number;
}

export function sharedResample(rng: Rng, ids: readonly string[], replicates: number): SharedResample {
  const unique = [...new Set(ids)];
  return {
    ids: unique,
    index: new Map(unique.map((id, i) => [id, i])),
    counts: clusterWeights(rng, unique.length, replicates),
    replicates,
  };
}

/** R × units counts for `unitIds` (row-major): gathered from `shared` when it covers every id, else drawn fresh */
export function countsForUnits(unitIds: readonly string[], replicates: number, rng: Rng, shared?: SharedResample): Uint32Array {
  const U = unitIds.length;
  const covered = shared && shared.replicates === replicates && unitIds.every((id) => shared.index.has(id)) && new Set(unitIds).size === U;
  if (!covered || !shared) return clusterWeights(rng, U, replicates);
  const P = shared.ids.length;
  const out = new Uint32Array(replicates * U);
  const cols = unitIds.map((id) => shared.index.get(id) as number);
  for (let r = 0; r < replicates; r++) for (let u = 0; u < U; u++) out[r * U + u] = shared.counts[r * P + (cols[u] as number)] as number;
  return out;
}
