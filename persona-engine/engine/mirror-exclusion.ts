// no pre-answers: the taxonomy leaves that mirror the items a run asks (surveys/load-mirrors.ts)
// are never sampled for that run's personas, and each persona records which paths were left out
// (`excluded_mirrors`). set on the engine context by the scenario (survey run) before generation;
// generate-persona zeroes their tiers, the same way sex/age-restricted leaves are skipped.
import type { FlatTaxonomy } from "../taxonomy/flatten-taxonomy.js";

export interface MirrorExclusion {
  /** node indices of the excluded leaves */
  leaves: number[];
  /** the excluded taxonomy paths, sorted (recorded on every persona) */
  paths: string[];
}

/** the leaves of `paths` (paths that are not leaves of this taxonomy are ignored) */
export function mirrorExclusion(taxonomy: FlatTaxonomy, paths: Iterable<string>): MirrorExclusion {
  const wanted = new Set(paths);
  const leaves = taxonomy.leaves.filter((l) => wanted.has(l.path));
  return { leaves: leaves.map((l) => l.index), paths: leaves.map((l) => l.path).sort() };
}

/** zero the tier of every excluded leaf (tier 0 = never taken by the walk) */
export function applyMirrorExclusion(tiers: Uint8Array, exclusion: MirrorExclusion | undefined): void {
  if (exclusion) for (const leaf of exclusion.leaves) tiers[leaf] = 0;
}
