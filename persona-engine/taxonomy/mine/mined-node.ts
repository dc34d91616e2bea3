// the mined tree before and after cleaning: like a taxonomy node, plus support counts, the
// names merged into each node, and leaf information that may coexist with children until the
// cleaning step resolves the conflict (a node seen both as leaf and as facet becomes a facet).
import type { TaxonomyNode, ValueKind } from "../taxonomy-schema.js";

export interface MinedLeafInfo {
  kind: ValueKind;
  options: string[];
  unit: string;
  /** conversations in which the path ended here */
  support: number;
}

export interface MinedNode {
  name: string;
  /** "" when none */
  description: string;
  /** conversations supporting this node or anything below it */
  support: number;
  leaf?: MinedLeafInfo | undefined;
  children: MinedNode[];
  /** other names merged into this node by similarity */
  aliases: string[];
}

/** a node of the --out file: a taxonomy node (readTaxonomyPath accepts it) with its support */
export type MinedTaxonomyNode = TaxonomyNode & { support?: number; children?: MinedTaxonomyNode[] | undefined };

/** cleaned mined nodes → taxonomy nodes; `support` kept only when asked (the --out file) */
export function toTaxonomyNode(node: MinedNode, options: { support?: boolean } = {}): MinedTaxonomyNode {
  const out: MinedTaxonomyNode = { name: node.name };
  if (node.description) out.description = node.description;
  if (node.children.length > 0) {
    out.children = node.children.map((c) => toTaxonomyNode(c, options));
  } else if (node.leaf) {
    out.kind = node.leaf.kind;
    if (node.leaf.kind === "category") out.options = [...node.leaf.options];
    if (node.leaf.kind === "quantity") out.unit = node.leaf.unit;
  }
  if (options.support) out.support = node.support;
  return out;
}

export function countMinedNodes(nodes: readonly MinedNode[]): { nodes: number; leaves: number } {
  let n = 0;
  let leaves = 0;
  const walk = (x: MinedNode) => {
    n++;
    if (x.children.length === 0) leaves++;
    x.children.forEach(walk);
  };
  nodes.forEach(walk);
  return { nodes: n, leaves };
}
