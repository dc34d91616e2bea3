// the taxonomy as flat arrays for fast sampling: every node with its path, depth and parent;
// leaves carry their value kind and format hints.
import type { TaxonomyNode, ValueKind } from "./taxonomy-schema.js";

export const PATH_SEPARATOR = " > ";

export interface FlatNode {
  index: number;
  name: string;
  path: string;
  parts: string[];
  depth: number;
  category: string;
  parent: number | -1;
  children: number[];
  description: string | undefined;
  isLeaf: boolean;
}

export interface TaxonomyLeaf extends FlatNode {
  kind: ValueKind;
  options: string[] | undefined;
  unit: string | undefined;
}

export interface FlatTaxonomy {
  version: string;
  contentHash: string;
  categories: string[];
  roots: number[];
  nodes: FlatNode[];
  leaves: TaxonomyLeaf[];
  byPath: Map<string, FlatNode>;
}

export function flattenTaxonomy(categories: TaxonomyNode[], meta: { version: string; contentHash: string }): FlatTaxonomy {
  const nodes: FlatNode[] = [];
  const leaves: TaxonomyLeaf[] = [];
  const byPath = new Map<string, FlatNode>();
  const roots: number[] = [];
  const add = (node: TaxonomyNode, parents: string[], parent: number, category: string): number => {
    const parts = [...parents, node.name];
    const isLeaf = !node.children?.length;
    const base: FlatNode = {
      index: nodes.length,
      name: node.name,
      path: parts.join(PATH_SEPARATOR),
      parts,
      depth: parts.length - 1,
      category,
      parent,
      children: [],
      description: node.description,
      isLeaf,
    };
    const flat: FlatNode =
      isLeaf && node.kind ? ({ ...base, kind: node.kind, options: node.options, unit: node.unit } as TaxonomyLeaf) : base;
    nodes.push(flat);
    byPath.set(flat.path, flat);
    if (isLeaf && node.kind) leaves.push(flat as TaxonomyLeaf);
    for (const c of node.children ?? []) flat.children.push(add(c, parts, flat.index, category));
    return flat.index;
  };
  for (const c of categories) roots.push(add(c, [], -1, c.name));
  return { ...meta, categories: categories.map((c) => c.name), roots, nodes, leaves, byPath };
}
