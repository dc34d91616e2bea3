// progressive slot-filling order (paper step 5): a randomised breadth-first walk over the taxonomy
// that favours long-tail branches.
//
// the walk visits the 12 categories round-robin (every category is represented), and inside a
// node it cycles through the children breadth-first: every child branch is visited once before
// any branch is visited a second time. the order of children is a weighted random permutation
// (Efraimidis–Spirakis keys u^(1/w)) with weight
//     w(branch) = leaves(branch)^0.5 · (1 + 0.25 · depth(branch))
// uniform leaf sampling would pick a branch ∝ leaves(branch); the square root over-represents
// small, specific branches relative to their size (the long tail), and the depth bonus favours
// deeper, more specific sub-facets. a leaf is taken when its tier (near/mid/far) still has quota;
// the walk stops when every quota is met.
import type { Rng } from "../../core/rng.js";
import type { FlatTaxonomy } from "../taxonomy/flatten-taxonomy.js";
import { TIER_OF_CODE, type SampledTier } from "./split-tiers.js";

export interface WalkPick {
  leaf: number;
  tier: SampledTier;
}

interface Cursor {
  order: number[];
  pos: number;
}

/** the walk weight of every node's branch: sqrt(leaves below) · (1 + 0.25 · depth) */
export function branchWeights(taxonomy: FlatTaxonomy): Float64Array {
  const counts = countLeaves(taxonomy);
  return Float64Array.from(taxonomy.nodes, (n, i) => Math.sqrt(Math.max(1, counts[i] as number)) * (1 + 0.25 * n.depth));
}

/** leaves below every node (a leaf counts itself) */
export function countLeaves(taxonomy: FlatTaxonomy): Int32Array {
  const counts = new Int32Array(taxonomy.nodes.length);
  for (let i = taxonomy.nodes.length - 1; i >= 0; i--) {
    const n = taxonomy.nodes[i]!;
    if (n.isLeaf) counts[i] = 1;
    else for (const c of n.children) counts[i] = (counts[i] as number) + (counts[c] as number);
  }
  return counts;
}

/** `items` (node indices) in a random order weighted by weights[item] */
function weightedPermutation(items: number[], weights: Float64Array, rng: Rng): number[] {
  const keyed = items.map((item) => ({ item, key: Math.log(Math.max(rng.next(), 1e-300)) / (weights[item] as number) }));
  keyed.sort((a, b) => b.key - a.key || a.item - b.item);
  return keyed.map((k) => k.item);
}

export interface LongTailWalkOptions {
  taxonomy: FlatTaxonomy;
  /** from branchWeights(taxonomy) */
  weights: Float64Array;
  /** tier code per node (split-tiers.ts TIER_CODES; 0 = not a candidate, never taken) */
  tiers: Uint8Array;
  quotas: Record<SampledTier, number>;
  rng: Rng;
}

export function longTailWalk(opts: LongTailWalkOptions): WalkPick[] {
  const { taxonomy, weights, tiers, rng } = opts;
  const remaining = { ...opts.quotas };
  const want = () => remaining.near + remaining.mid + remaining.far;
  const cursors = new Map<number, Cursor>();
  const exhausted = new Set<number>();
  const taken = new Set<number>();
  const picks: WalkPick[] = [];

  const cursorOf = (node: number): Cursor => {
    let c = cursors.get(node);
    if (!c) cursors.set(node, (c = { order: weightedPermutation(taxonomy.nodes[node]!.children, weights, rng), pos: 0 }));
    return c;
  };

  // one step below `node`: returns a leaf taken, or undefined when nothing under it fits the quotas
  const step = (node: number): number | undefined => {
    const c = cursorOf(node);
    for (let tries = 0; tries < c.order.length; tries++) {
      const child = c.order[c.pos % c.order.length]!;
      c.pos++;
      if (exhausted.has(child)) continue;
      const n = taxonomy.nodes[child]!;
      if (n.isLeaf) {
        exhausted.add(child);
        const tier = TIER_OF_CODE[tiers[child] as number];
        if (tier && !taken.has(child) && remaining[tier] > 0) {
          taken.add(child);
          remaining[tier]--;
          picks.push({ leaf: child, tier });
          return child;
        }
        continue;
      }
      const got = step(child);
      if (got !== undefined) return got;
      exhausted.add(child);
    }
    return undefined;
  };

  const roots = rng.shuffle(taxonomy.roots);
  let active = roots.filter((r) => !exhausted.has(r));
  while (want() > 0 && active.length > 0) {
    for (const root of active) {
      if (want() === 0) break;
      if (step(root) === undefined) exhausted.add(root);
    }
    // an exhausted subtree may still hold leaves of a tier that had no quota left when it was
    // passed; that is fine: those leaves were not wanted.
    active = active.filter((r) => !exhausted.has(r));
  }
  return picks;
}
