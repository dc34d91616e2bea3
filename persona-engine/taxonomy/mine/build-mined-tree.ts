// stage 1(c): candidate paths → one tree per category, merged level by level. at each level the
// distinct names under one parent are embedded as "path below the category: description" and
// clustered (cluster-names.ts, cosine ≥ threshold); each cluster becomes one node named by its
// canonical name, and the candidates of its members continue one level down under it.
// one embedding request per level (per 256 new texts).
import { TAXONOMY_CATEGORIES, VALUE_KINDS, type ValueKind } from "../taxonomy-schema.js";
import type { CandidatePath } from "./candidate-paths.js";
import { clusterNames } from "./cluster-names.js";
import type { MinedLeafInfo, MinedNode } from "./mined-node.js";
import type { TextEmbedder } from "./text-embedder.js";

export interface BuildMinedTreeResult {
  categories: MinedNode[];
  /** per depth below the category (index 0 = facets): distinct names and the clusters they formed */
  levels: { names: number; clusters: number }[];
}

interface Group {
  parent: MinedNode;
  /** names below the category (its length is the depth) */
  path: string[];
  items: CandidatePath[];
}

const supportOf = (items: readonly CandidatePath[]) => new Set(items.map((i) => i.conversationId)).size;

/** the most frequent value (ties: shortest, then alphabetical); undefined when none */
function mostFrequent(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0]?.[0];
}

export function leafInfo(items: readonly CandidatePath[]): MinedLeafInfo {
  const kinds = new Map<ValueKind, number>();
  for (const i of items) kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
  const kind = [...kinds].sort((a, b) => b[1] - a[1] || VALUE_KINDS.indexOf(a[0]) - VALUE_KINDS.indexOf(b[0]))[0]?.[0] ?? "text";
  const same = items.filter((i) => i.kind === kind);
  const optionCounts = new Map<string, { label: string; n: number; first: number }>();
  let order = 0;
  for (const i of same) {
    for (const o of i.options) {
      const k = o.toLowerCase();
      const hit = optionCounts.get(k);
      if (hit) hit.n++;
      else optionCounts.set(k, { label: o, n: 1, first: order++ });
    }
  }
  const options =
    kind === "category"
      ? [...optionCounts.values()]
          .sort((a, b) => b.n - a.n || a.first - b.first)
          .slice(0, 8)
          .map((o) => o.label)
      : [];
  const unit = kind === "quantity" ? (mostFrequent(same.map((i) => i.unit)) ?? "") : "";
  return { kind, options, unit, support: supportOf(items) };
}

export async function buildMinedTree(
  candidates: readonly CandidatePath[],
  options: { embedder: TextEmbedder; threshold: number },
): Promise<BuildMinedTreeResult> {
  const categories: MinedNode[] = [];
  let groups: Group[] = [];
  for (const name of TAXONOMY_CATEGORIES) {
    const items = candidates.filter((c) => c.category === name);
    if (items.length === 0) continue;
    const node: MinedNode = { name, description: "", support: supportOf(items), children: [], aliases: [] };
    categories.push(node);
    groups.push({ parent: node, path: [], items });
  }
  const levels: BuildMinedTreeResult["levels"] = [];
  while (groups.length > 0) {
    const prepared = groups.map((g) => {
      const byName = new Map<string, CandidatePath[]>();
      for (const item of g.items) {
        const name = item.parts[g.path.length] as string;
        byName.set(name, [...(byName.get(name) ?? []), item]);
      }
      const names = [...byName].map(([name, items]) => {
        const description = mostFrequent(items.map((i) => i.descriptions[g.path.length] ?? "")) ?? "";
        return { name, items, description, text: `${[...g.path, name].join(" > ")}${description ? `: ${description}` : ""}` };
      });
      return { group: g, names };
    });
    const vectors = await options.embedder.embed(prepared.flatMap((p) => p.names.map((n) => n.text)));
    let at = 0;
    const next: Group[] = [];
    const level = { names: 0, clusters: 0 };
    for (const { group, names } of prepared) {
      const items = names.map((n) => ({ name: n.name, count: supportOf(n.items), vector: vectors[at++] as Float32Array }));
      const clusters = clusterNames(items, options.threshold);
      level.names += names.length;
      level.clusters += clusters.length;
      for (const cluster of clusters) {
        const members = cluster.members.map((m) => names.find((n) => n.name === m.name)).filter((n) => n !== undefined);
        const clusterItems = members.flatMap((m) => m.items);
        const node: MinedNode = {
          name: cluster.canonical,
          description: mostFrequent(members.map((m) => m.description)) ?? "",
          support: supportOf(clusterItems),
          children: [],
          aliases: members.map((m) => m.name).filter((n) => n !== cluster.canonical),
        };
        const ending = clusterItems.filter((i) => i.parts.length === group.path.length + 1);
        if (ending.length > 0) node.leaf = leafInfo(ending);
        const deeper = clusterItems.filter((i) => i.parts.length > group.path.length + 1);
        if (deeper.length > 0) next.push({ parent: node, path: [...group.path, cluster.canonical], items: deeper });
        group.parent.children.push(node);
      }
      group.parent.children.sort((a, b) => b.support - a.support || a.name.localeCompare(b.name));
    }
    levels.push(level);
    groups = next;
  }
  return { categories, levels };
}
