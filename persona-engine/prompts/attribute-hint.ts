// the per-attribute format hint placed in the JSON-schema description of each property.
// machine-readable on purpose: the offline model reads `kind:`, `options:` and `unit:` from it.
import type { TaxonomyLeaf } from "../taxonomy/flatten-taxonomy.js";

export function attributeHint(leaf: TaxonomyLeaf): string {
  const where = leaf.parts.slice(1).join(" > ");
  const desc = leaf.description ? ` (${leaf.description})` : "";
  switch (leaf.kind) {
    case "category":
      return `${where}${desc} | kind: category, examples only; options: ${(leaf.options ?? []).join(" | ")}`;
    case "quantity":
      return `${where}${desc} | kind: quantity; unit: ${leaf.unit ?? "units"}`;
    default:
      return `${where}${desc} | kind: ${leaf.kind}`;
  }
}

/** a short, unique, JSON-safe property key for a leaf within one batch */
export function attributeKey(leaf: TaxonomyLeaf, taken: Set<string>): string {
  const base = leaf.name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 40) || "attribute";
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  taken.add(key);
  return key;
}
