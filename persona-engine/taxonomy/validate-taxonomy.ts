// semantic validation of taxonomy trees: reports EVERY problem with its path.
import { nameProblems } from "./validate-node-name.js";
import { TAXONOMY_CATEGORIES, VALUE_KINDS, type TaxonomyNode, type TaxonomyProblem } from "./taxonomy-schema.js";

export const MAX_DEPTH_BELOW_CATEGORY = 4;

export interface ValidateTaxonomyOptions {
  /** require exactly the 12 categories of the method (the shipped taxonomy); off for mined trees */
  requireCategories?: boolean;
}

export function validateTaxonomy(categories: TaxonomyNode[], options: ValidateTaxonomyOptions = {}): TaxonomyProblem[] {
  const problems: TaxonomyProblem[] = [];
  if (options.requireCategories) {
    const names = categories.map((c) => c.name);
    for (const want of TAXONOMY_CATEGORIES) {
      if (!names.includes(want)) problems.push({ path: want, rule: "categories", message: `missing category '${want}'` });
    }
    for (const n of names) {
      if (!(TAXONOMY_CATEGORIES as readonly string[]).includes(n))
        problems.push({ path: n, rule: "categories", message: `'${n}' is not one of the 12 categories` });
    }
  }
  const seenCategories = new Set<string>();
  for (const cat of categories) {
    const key = cat.name.toLowerCase();
    if (seenCategories.has(key)) problems.push({ path: cat.name, rule: "duplicate", message: `duplicate category '${cat.name}'` });
    seenCategories.add(key);
    visit(cat, [], 0, problems);
  }
  return problems;
}

function visit(node: TaxonomyNode, parents: string[], depth: number, problems: TaxonomyProblem[]): void {
  const pathParts = [...parents, node.name];
  const path = pathParts.join(" > ");
  // category names carry a comma ("Core Values, Beliefs and Philosophy"): names are checked for every node
  for (const p of nameProblems(node.name)) problems.push({ path, rule: p.rule, message: p.message });
  if (depth > MAX_DEPTH_BELOW_CATEGORY) {
    problems.push({ path, rule: "depth", message: `depth ${depth} below the category exceeds ${MAX_DEPTH_BELOW_CATEGORY}` });
  }
  const children = node.children ?? [];
  if (children.length > 0) {
    if (node.kind !== undefined) problems.push({ path, rule: "kind", message: "a node with children must not have a value kind" });
    if (!node.description?.trim())
      problems.push({ path, rule: "description", message: "a facet (node with children) needs a one-line description" });
    const seen = new Set<string>();
    for (const c of children) {
      const k = c.name.toLowerCase();
      if (seen.has(k)) problems.push({ path: `${path} > ${c.name}`, rule: "duplicate", message: `duplicate sibling '${c.name}'` });
      seen.add(k);
      visit(c, pathParts, depth + 1, problems);
    }
    return;
  }
  if (depth === 0) {
    problems.push({ path, rule: "structure", message: "a category needs children" });
    return;
  }
  if (node.kind === undefined) {
    problems.push({ path, rule: "kind", message: "a leaf needs a value kind" });
  } else if (!(VALUE_KINDS as readonly string[]).includes(node.kind)) {
    problems.push({ path, rule: "kind", message: `unknown value kind '${node.kind}' (known: ${VALUE_KINDS.join(", ")})` });
  }
  if (node.kind === "category") {
    const n = node.options?.length ?? 0;
    if (n < 3 || n > 8) problems.push({ path, rule: "options", message: `a category leaf needs 3–8 example options, has ${n}` });
    const seen = new Set<string>();
    for (const o of node.options ?? []) {
      if (seen.has(o.toLowerCase())) problems.push({ path, rule: "options", message: `duplicate option '${o}'` });
      seen.add(o.toLowerCase());
    }
  } else if (node.options !== undefined) {
    problems.push({ path, rule: "options", message: `only category leaves take options (kind '${node.kind}')` });
  }
  if (node.kind === "quantity" && !node.unit?.trim()) problems.push({ path, rule: "unit", message: "a quantity leaf needs a unit" });
  if (node.kind !== "quantity" && node.unit !== undefined)
    problems.push({ path, rule: "unit", message: `only quantity leaves take a unit (kind '${node.kind}')` });
}
