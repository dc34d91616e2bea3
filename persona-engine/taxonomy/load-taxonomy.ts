import { DeepPersonaError, ERROR_CODES } from "../../core/errors.js";
import { dataPath } from "../../core/package-root.js";
import { readTaxonomyPath } from "./read-taxonomy-path.js";
import { validateTaxonomy } from "./validate-taxonomy.js";
import { flattenTaxonomy, type FlatTaxonomy } from "./flatten-taxonomy.js";

const cache = new Map<string, FlatTaxonomy>();

/**
 * loads and validates the shipped taxonomy (or the one in `dir`), flattened for sampling.
 * throws ONE error listing every problem with its path.
 */
export function loadTaxonomy(options: { dir?: string } = {}): FlatTaxonomy {
  const dir = options.dir ?? dataPath("taxonomy");
  const hit = cache.get(dir);
  if (hit) return hit;
  const read = readTaxonomyPath(dir);
  const problems = [...read.problems, ...validateTaxonomy(read.categories, { requireCategories: true })];
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`);
    throw new DeepPersonaError(
      ERROR_CODES.dataInvalid,
      `taxonomy '${dir}' has ${problems.length} problem(s): ${shown.join("; ")}${problems.length > 20 ? "; …" : ""}`,
      { details: { problems } },
    );
  }
  const flat = flattenTaxonomy(read.categories, { version: read.version ?? "unversioned", contentHash: read.contentHash ?? "" });
  cache.set(dir, flat);
  return flat;
}
