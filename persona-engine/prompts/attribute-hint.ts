// the per-attribute format hint placed in the JSON-schema description of each property: the
// facet it sits in plus a kind hint, kept short because every character is a prompt token.
// machine-readable on purpose: the offline model reads `kind:`, `options:` and `unit:` from it
// (core/model/description-hints.ts). free text needs no hint; yes-no is an enum.
import type { TaxonomyLeaf } from "../taxonomy/flatten-taxonomy.js";

export const MAX_HINT_OPTIONS = 4;

export function attributeHint(leaf: TaxonomyLeaf): string {
  // the attribute's name, then its description or (when it has none) the facet it sits in
  const facet = leaf.parts[leaf.parts.length - 2] ?? leaf.category;
  const where = `${leaf.name} (${leaf.description ?? facet})`;
  switch (leaf.kind) {
    case "category":
      return `${where}; options: ${(leaf.options ?? []).slice(0, MAX_HINT_OPTIONS).join("|")}`;
    case "quantity":
      return `${where}; kind: quantity; unit: ${leaf.unit ?? "units"}`;
    case "text":
    case "yes-no":
      return where;
    default:
      return `${where}; kind: ${leaf.kind}`;
  }
}

/**
 * the property key of the i-th attribute of a batch: "a1", "a2", … — short on purpose, since every
 * key is sent twice (properties and required) in every strict schema; the name is in the hint.
 */
export function attributeKey(position: number): string {
  return `a${position + 1}`;
}
