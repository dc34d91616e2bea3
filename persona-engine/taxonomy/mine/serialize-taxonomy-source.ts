// a category tree → the indented source format of data/taxonomy/README.md (the inverse of
// parseTaxonomySource; a parsed source file serialises back to the same text).
import type { TaxonomyNode } from "../taxonomy-schema.js";

function line(node: TaxonomyNode, level: number): string {
  let kind = "";
  if (node.kind) {
    const detail = node.kind === "category" ? (node.options ?? []).join(" | ") : node.kind === "quantity" ? (node.unit ?? "") : "";
    kind = ` [${node.kind}${detail ? `: ${detail}` : ""}]`;
  }
  return `${"  ".repeat(level)}${node.name}${kind}${node.description ? ` :: ${node.description}` : ""}`;
}

export function serializeTaxonomySource(category: TaxonomyNode): string {
  const out: string[] = [];
  const walk = (n: TaxonomyNode, level: number) => {
    out.push(line(n, level));
    for (const c of n.children ?? []) walk(c, level + 1);
  };
  walk(category, 0);
  return out.join("\n") + "\n";
}
