// --merge-into: adds a cleaned mined tree to an existing taxonomy without touching existing
// nodes. level by level, each mined node is matched among the children of the existing node it
// lands under: same name (case-insensitive), else the most similar name by embedding of the path
// below the category (cosine ≥ threshold). matched facets are merged recursively, matched leaves
// are already covered; a mined facet matching an existing leaf hands its children to that leaf's
// parent; anything unmatched is added (a new facet with its subtree, or a new leaf). new subtrees
// are capped at maxDepth; siblings are never duplicated.
import { DeepPersonaError, ERROR_CODES } from "../../../core/errors.js";
import { TAXONOMY_CATEGORIES, type TaxonomyNode } from "../taxonomy-schema.js";
import { MAX_DEPTH_BELOW_CATEGORY, validateTaxonomy } from "../validate-taxonomy.js";
import { cosine, type TextEmbedder } from "./text-embedder.js";

export interface MergeIntoTaxonomyResult {
  categories: TaxonomyNode[];
  /** names of the categories that changed */
  changed: string[];
  added: { nodes: number; facets: number; leaves: number; categories: number };
  /** mined nodes that matched an existing node */
  matched: number;
  /** mined facets that matched an existing leaf (their children were merged one level up) */
  hoisted: number;
}

interface Work {
  category: string;
  target: TaxonomyNode;
  /** names below the category (its length is the depth) */
  path: string[];
  incoming: TaxonomyNode[];
}

const isFacet = (n: TaxonomyNode) => (n.children?.length ?? 0) > 0;

/** a copy of `node` placed at `depth` with nothing deeper than maxDepth (facets at the limit give way to their leaves) */
export function capDepth(node: TaxonomyNode, depth: number, maxDepth: number): TaxonomyNode[] {
  if (!isFacet(node)) return [{ ...node }];
  if (depth >= maxDepth) return (node.children ?? []).flatMap((c) => capDepth(c, depth, maxDepth));
  const children: TaxonomyNode[] = [];
  for (const c of (node.children ?? []).flatMap((c) => capDepth(c, depth + 1, maxDepth))) {
    if (!children.some((x) => x.name.toLowerCase() === c.name.toLowerCase())) children.push(c);
  }
  return [{ ...node, children }];
}

function count(node: TaxonomyNode, added: MergeIntoTaxonomyResult["added"]): void {
  added.nodes++;
  if (isFacet(node)) {
    added.facets++;
    for (const c of node.children ?? []) count(c, added);
  } else added.leaves++;
}

export async function mergeIntoTaxonomy(
  existing: readonly TaxonomyNode[],
  mined: readonly TaxonomyNode[],
  options: { embedder: TextEmbedder; threshold: number; maxDepth?: number },
): Promise<MergeIntoTaxonomyResult> {
  const maxDepth = options.maxDepth ?? MAX_DEPTH_BELOW_CATEGORY;
  const categories = structuredClone([...existing]);
  const result: MergeIntoTaxonomyResult = {
    categories,
    changed: [],
    added: { nodes: 0, facets: 0, leaves: 0, categories: 0 },
    matched: 0,
    hoisted: 0,
  };
  const changed = new Set<string>();
  let level: Work[] = [];
  for (const m of mined) {
    const target = categories.find((c) => c.name.toLowerCase() === m.name.toLowerCase());
    if (target) level.push({ category: target.name, target, path: [], incoming: [...(m.children ?? [])] });
    else {
      const [copy] = capDepth(m, 0, maxDepth);
      if (!copy) continue;
      categories.push(copy);
      count(copy, result.added);
      result.added.nodes--; // the category itself is counted apart
      result.added.facets--;
      result.added.categories++;
      changed.add(copy.name);
    }
  }
  const text = (path: string[], name: string) => [...path, name].join(" > ");
  while (level.length > 0) {
    // one batch of embeddings for the level: incoming names and the existing siblings they may match
    await options.embedder.embed(
      level.flatMap((w) =>
        w.incoming.some((m) => !exact(w.target, m)) ? [...w.incoming, ...(w.target.children ?? [])].map((n) => text(w.path, n.name)) : [],
      ),
    );
    const next: Work[] = [];
    for (const w of level) {
      const siblings = [...(w.target.children ?? [])];
      const queue = [...w.incoming];
      for (let m = queue.shift(); m; m = queue.shift()) {
        let match = exact(w.target, m);
        if (!match && siblings.length > 0) {
          const [mv, ...sv] = await options.embedder.embed([text(w.path, m.name), ...siblings.map((s) => text(w.path, s.name))]);
          let best = -Infinity;
          sv.forEach((v, i) => {
            const sim = cosine(mv as Float32Array, v);
            if (sim >= options.threshold && sim > best) {
              best = sim;
              match = siblings[i];
            }
          });
        }
        if (match) {
          result.matched++;
          if (!isFacet(m)) continue;
          if (isFacet(match))
            next.push({
              category: w.category,
              target: match,
              path: [...w.path, match.name],
              incoming: [...(m.children ?? [])],
            });
          else {
            result.hoisted++;
            queue.push(...(m.children ?? []));
          }
          continue;
        }
        for (const copy of capDepth(m, w.path.length + 1, maxDepth)) {
          if (exact(w.target, copy)) continue;
          (w.target.children ??= []).push(copy);
          count(copy, result.added);
          changed.add(w.category);
        }
      }
    }
    level = next;
  }
  result.changed = [...changed];
  const full = TAXONOMY_CATEGORIES.every((n) => existing.some((c) => c.name === n));
  const problems = validateTaxonomy(categories, { requireCategories: full });
  if (problems.length > 0) {
    const shown = problems
      .slice(0, 5)
      .map((p) => `${p.path}: ${p.message}`)
      .join("; ");
    throw new DeepPersonaError(
      ERROR_CODES.dataInvalid,
      `merging would leave ${problems.length} problem(s) in the taxonomy (${shown}); nothing was written`,
      { details: { problems } },
    );
  }
  return result;
}

function exact(target: TaxonomyNode, m: TaxonomyNode): TaxonomyNode | undefined {
  const name = m.name.toLowerCase();
  return target.children?.find((c) => c.name.toLowerCase() === name);
}
