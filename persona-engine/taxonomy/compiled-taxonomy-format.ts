// the compiled taxonomy format, in one place for the compiler script and the miner's merge:
// a category file is `JSON.stringify({version, category})` + "\n"; the index's content hash is the
// first 16 hex digits of sha256 over the category file bodies (without newlines), in index order.
import { createHash } from "node:crypto";
import type { TaxonomyNode } from "./taxonomy-schema.js";

export function categoryFileBody(version: string, category: TaxonomyNode): string {
  return JSON.stringify({ version, category });
}

export function taxonomyContentHash(bodies: Iterable<string>): string {
  const hash = createHash("sha256");
  for (const body of bodies) hash.update(body);
  return hash.digest("hex").slice(0, 16);
}
