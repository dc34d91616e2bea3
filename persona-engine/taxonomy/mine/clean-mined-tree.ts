// stage 1(d): validate and clean the merged tree so it passes validateTaxonomy:
// - names failing nameProblems are dropped (meta-labels such as "User Preferences", invalid
//   names); their children are orphans and are attached to the dropped node's parent;
// - siblings with the same name (after re-attaching orphans) are merged;
// - a node seen both as leaf and as facet becomes a facet (its leaf kind is dropped);
// - depth ≤ maxDepth below the category: facets at the limit are replaced by their leaves;
// - facets left without children become leaves when they were also seen as leaves, else go;
// - leaves get a valid kind: category needs 3–8 options, quantity a unit, else they become text;
// - facets get a description ("includes A, B and C" when the model gave none).
// a final validateTaxonomy pass removes whatever still fails, so the result always validates.
import { TAXONOMY_CATEGORIES } from "../taxonomy-schema.js";
import { nameProblems } from "../validate-node-name.js";
import { MAX_DEPTH_BELOW_CATEGORY, validateTaxonomy } from "../validate-taxonomy.js";
import { toTaxonomyNode, type MinedNode } from "./mined-node.js";

export interface CleanReport {
  /** nodes removed, by reason */
  dropped: Record<string, number>;
  /** repairs made, by rule */
  fixed: Record<string, number>;
}

const bump = (m: Record<string, number>, k: string, n = 1) => {
  if (n > 0) m[k] = (m[k] ?? 0) + n;
};

export function facetDescription(node: MinedNode): string {
  const names = node.children.slice(0, 3).map((c) => c.name);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? node.name);
  return `includes ${list}`;
}

function mergeInto(a: MinedNode, b: MinedNode): void {
  a.children.push(...b.children);
  a.support += b.support;
  if (!a.description) a.description = b.description;
  if (b.leaf && (!a.leaf || b.leaf.support > a.leaf.support)) a.leaf = b.leaf;
  a.aliases.push(...b.aliases.filter((x) => !a.aliases.includes(x)));
}

function dedupe(nodes: MinedNode[], r: CleanReport): MinedNode[] {
  const byName = new Map<string, MinedNode>();
  for (const n of nodes) {
    const hit = byName.get(n.name.toLowerCase());
    if (hit) {
      mergeInto(hit, n);
      bump(r.fixed, "duplicate siblings merged");
    } else byName.set(n.name.toLowerCase(), n);
  }
  return [...byName.values()];
}

/** the leaves under facets that sit at the depth limit (the facets in between are dropped) */
function leavesOf(nodes: MinedNode[], r: CleanReport): MinedNode[] {
  return nodes.flatMap((node) => {
    if (node.children.length === 0) return [node];
    bump(r.dropped, "depth limit");
    return leavesOf(node.children, r);
  });
}

function fixLeaf(node: MinedNode, r: CleanReport): void {
  const leaf = node.leaf;
  if (!leaf) return;
  if (leaf.kind === "category") {
    if (leaf.options.length < 3) {
      node.leaf = { ...leaf, kind: "text", options: [] };
      bump(r.fixed, "category leaf with < 3 options → text");
    } else if (leaf.options.length > 8) node.leaf = { ...leaf, options: leaf.options.slice(0, 8) };
  } else if (leaf.kind === "quantity" && !leaf.unit.trim()) {
    node.leaf = { ...leaf, kind: "text", unit: "" };
    bump(r.fixed, "quantity leaf without unit → text");
  }
}

function cleanChildren(children: MinedNode[], depth: number, maxDepth: number, r: CleanReport): MinedNode[] {
  const queue = [...children];
  let kept: MinedNode[] = [];
  for (let c = queue.shift(); c; c = queue.shift()) {
    const problems = nameProblems(c.name);
    if (problems.length > 0) {
      bump(r.dropped, problems.some((p) => p.rule === "meta-label") ? "meta-label" : "invalid name");
      bump(r.fixed, "orphans attached to grandparent", c.children.length);
      queue.push(...c.children);
      continue;
    }
    kept.push(c);
  }
  kept = dedupe(kept, r);
  if (depth >= maxDepth) kept = dedupe(leavesOf(kept, r), r);
  const out: MinedNode[] = [];
  for (const c of kept) {
    if (c.children.length > 0) c.children = cleanChildren(c.children, depth + 1, maxDepth, r);
    if (c.children.length > 0) {
      if (c.leaf) {
        c.leaf = undefined;
        bump(r.fixed, "leaf-vs-facet → facet");
      }
      if (!c.description) {
        c.description = facetDescription(c);
        bump(r.fixed, "facet description added");
      }
      out.push(c);
    } else if (c.leaf) {
      fixLeaf(c, r);
      out.push(c);
    } else bump(r.dropped, "empty facet");
  }
  return out;
}

function removeAt(categories: MinedNode[], parts: string[]): boolean {
  let siblings = categories;
  for (let i = 0; i < parts.length; i++) {
    const at = siblings.findIndex((n) => n.name === parts[i]);
    const node = siblings[at];
    if (!node) return false;
    if (i === parts.length - 1) {
      siblings.splice(at, 1);
      return true;
    }
    siblings = node.children;
  }
  return false;
}

export function cleanMinedTree(
  input: readonly MinedNode[],
  options: { maxDepth?: number } = {},
): { categories: MinedNode[]; report: CleanReport } {
  const maxDepth = options.maxDepth ?? MAX_DEPTH_BELOW_CATEGORY;
  const report: CleanReport = { dropped: {}, fixed: {} };
  let categories: MinedNode[] = structuredClone([...input]);
  for (let round = 0; ; round++) {
    const out: MinedNode[] = [];
    for (const cat of dedupe(categories, report)) {
      if (!(TAXONOMY_CATEGORIES as readonly string[]).includes(cat.name)) {
        bump(report.dropped, "unknown category");
        continue;
      }
      cat.leaf = undefined;
      cat.children = cleanChildren(cat.children, 1, maxDepth, report);
      if (cat.children.length === 0) {
        bump(report.dropped, "empty category");
        continue;
      }
      if (!cat.description) cat.description = facetDescription(cat);
      out.push(cat);
    }
    categories = out;
    const problems = validateTaxonomy(categories.map((c) => toTaxonomyNode(c)));
    if (problems.length === 0) break;
    if (round >= 4) {
      // cannot happen with the rules above; never hand out an invalid tree anyway
      const bad = new Set(problems.map((p) => p.path.split(" > ")[0]));
      bump(report.dropped, "invalid category", categories.filter((c) => bad.has(c.name)).length);
      categories = categories.filter((c) => !bad.has(c.name));
      break;
    }
    for (const p of problems) if (removeAt(categories, p.path.split(" > "))) bump(report.dropped, `invalid (${p.rule})`);
  }
  return { categories, report };
}
