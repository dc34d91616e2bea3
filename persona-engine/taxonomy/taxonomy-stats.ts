import type { TaxonomyNode, TaxonomyProblem } from "./taxonomy-schema.js";

export interface TaxonomyStats {
  version: string;
  nodes: number;
  leaves: number;
  categories: Record<string, { nodes: number; leaves: number }>;
  depth_histogram: Record<string, number>;
  kinds: Record<string, number>;
  problems: TaxonomyProblem[];
}

/** counts over category trees; depth is measured below the category (category = 0) */
export function taxonomyStats(categories: TaxonomyNode[], version: string, problems: TaxonomyProblem[]): TaxonomyStats {
  const stats: TaxonomyStats = { version, nodes: 0, leaves: 0, categories: {}, depth_histogram: {}, kinds: {}, problems };
  for (const cat of categories) {
    const c = { nodes: 0, leaves: 0 };
    const walk = (n: TaxonomyNode, depth: number) => {
      c.nodes++;
      stats.depth_histogram[String(depth)] = (stats.depth_histogram[String(depth)] ?? 0) + 1;
      if (!n.children?.length) {
        c.leaves++;
        const k = n.kind ?? "(none)";
        stats.kinds[k] = (stats.kinds[k] ?? 0) + 1;
      }
      for (const ch of n.children ?? []) walk(ch, depth + 1);
    };
    walk(cat, 0);
    stats.categories[cat.name] = c;
    stats.nodes += c.nodes;
    stats.leaves += c.leaves;
  }
  return stats;
}
