// the per-attribute format hint placed in the JSON-schema description of each property: the
// facet it sits in plus a kind hint, kept short because every character is a prompt token.
// machine-readable on purpose: the offline model reads `kind:` and `unit:` from it
// (core/model/description-hints.ts). kinds the schema itself can enforce carry no kind hint:
// category options are an enum, yes-no a boolean, a quantity a number with bounds (the unit
// stays in the hint: it says what the number counts).
import type { TaxonomyLeaf } from "../taxonomy/flatten-taxonomy.js";

export function attributeHint(leaf: TaxonomyLeaf): string {
  // the attribute's name, then its description or (when it has none) the facet it sits in
  const facet = leaf.parts[leaf.parts.length - 2] ?? leaf.category;
  const where = `${leaf.name} (${leaf.description ?? facet})`;
  switch (leaf.kind) {
    case "category":
      return leaf.options?.length ? where : `${where}; kind: text`;
    case "quantity":
      return `${where}; unit: ${leaf.unit ?? "units"}`;
    case "text":
    case "yes-no":
      return where;
    default:
      return `${where}; kind: ${leaf.kind}`;
  }
}

/** plausible bounds of a quantity, from its unit (a number outside them is not a real answer) */
export function quantityBounds(unit: string | undefined, referenceYear = 2025): { minimum: number; maximum: number } {
  const u = (unit ?? "").toLowerCase();
  if (/calendar year|^year$/.test(u)) return { minimum: 1900, maximum: referenceYear };
  if (/percent|%/.test(u)) return { minimum: 0, maximum: 100 };
  if (/per day|a day|per night/.test(u)) return { minimum: 0, maximum: /minute/.test(u) ? 1440 : /hour/.test(u) ? 24 : 1000 };
  if (/hours? per week/.test(u)) return { minimum: 0, maximum: 168 };
  if (/days? per week/.test(u)) return { minimum: 0, maximum: 7 };
  if (/days? per month/.test(u)) return { minimum: 0, maximum: 31 };
  if (/days? per year/.test(u)) return { minimum: 0, maximum: 366 };
  if (/hours? per month/.test(u)) return { minimum: 0, maximum: 744 };
  if (/^years( of age)?$|^age/.test(u)) return { minimum: 0, maximum: 120 };
  if (/currency/.test(u)) return { minimum: 0, maximum: 1e9 };
  return { minimum: 0, maximum: 1e6 };
}

/**
 * the property key of the i-th attribute of a batch: "a1", "a2", … — short on purpose, since every
 * key is sent twice (properties and required) in every strict schema; the name is in the hint.
 */
export function attributeKey(position: number): string {
  return `a${position + 1}`;
}
