// greedy leader clustering of sibling names by embedding similarity: names are visited most
// frequent first (ties: shortest, then alphabetical); each joins the cluster of a name that differs
// only in case, punctuation or a plural "s", else the most similar cluster leader with cosine ≥
// threshold, else starts a cluster. deterministic, O(names × clusters).
// the canonical name of a cluster is its most frequent member (ties: shortest), in Title Case.
import { toTitleCase } from "./clean-node-name.js";
import { cosine } from "./text-embedder.js";

export interface NameItem {
  name: string;
  /** how often the name was seen (e.g. conversations) */
  count: number;
  vector: Float32Array;
}

export interface NameCluster {
  canonical: string;
  /** members, most frequent first */
  members: { name: string; count: number }[];
}

const byFrequency = (a: { name: string; count: number }, b: { name: string; count: number }) =>
  b.count - a.count || a.name.length - b.name.length || a.name.localeCompare(b.name);

export function canonicalName(members: readonly { name: string; count: number }[]): string {
  const first = [...members].sort(byFrequency)[0];
  if (!first) throw new Error("canonicalName: a cluster needs at least one member");
  return toTitleCase(first.name);
}

/** "Remittances", "remittance", "Remittance." → "remittance" (a plural "s", not "ss", is dropped) */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w))
    .join(" ");
}

export function clusterNames(items: readonly NameItem[], threshold: number): NameCluster[] {
  const clusters: { leader: Float32Array; members: { name: string; count: number }[] }[] = [];
  const byKey = new Map<string, number>();
  for (const item of [...items].sort(byFrequency)) {
    const key = nameKey(item.name);
    const same = byKey.get(key);
    if (same !== undefined) {
      clusters[same]?.members.push({ name: item.name, count: item.count });
      continue;
    }
    let best = -1;
    let bestSim = -Infinity;
    clusters.forEach((c, i) => {
      const sim = cosine(item.vector, c.leader);
      if (sim > bestSim) {
        bestSim = sim;
        best = i;
      }
    });
    const target = best >= 0 && bestSim >= threshold ? clusters[best] : undefined;
    if (target) target.members.push({ name: item.name, count: item.count });
    else clusters.push({ leader: item.vector, members: [{ name: item.name, count: item.count }] });
    byKey.set(key, target ? best : clusters.length - 1);
  }
  return clusters.map((c) => ({ canonical: canonicalName(c.members), members: c.members.sort(byFrequency) }));
}
