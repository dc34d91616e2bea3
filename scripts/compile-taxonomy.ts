// compiles data/taxonomy/src/*.txt (the reviewable sources) into data/taxonomy/<slug>.json +
// index.json (what the code loads). refuses to write when any problem is found.
//   npx tsx scripts/compile-taxonomy.ts            compile all 12 categories
//   npx tsx scripts/compile-taxonomy.ts --check F  check one source file, print its counts
import { categoryFileBody, taxonomyContentHash } from "../persona-engine/taxonomy/compiled-taxonomy-format.js";
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { dataPath } from "../core/package-root.js";
import { parseTaxonomySource } from "../persona-engine/taxonomy/parse-taxonomy-source.js";
import { validateTaxonomy } from "../persona-engine/taxonomy/validate-taxonomy.js";
import { taxonomyStats } from "../persona-engine/taxonomy/taxonomy-stats.js";
import { TAXONOMY_CATEGORIES, categorySlug, type TaxonomyIndex } from "../persona-engine/taxonomy/taxonomy-schema.js";

export const TAXONOMY_VERSION = "1.0.0";

const args = process.argv.slice(2);
if (args[0] === "--check") {
  const file = args[1];
  if (!file) throw new Error("usage: compile-taxonomy.ts --check FILE");
  const parsed = parseTaxonomySource(readFileSync(file, "utf8"), basename(file));
  const problems = [...parsed.problems, ...(parsed.category ? validateTaxonomy([parsed.category]) : [])];
  const stats = taxonomyStats(parsed.category ? [parsed.category] : [], TAXONOMY_VERSION, problems);
  console.log(
    JSON.stringify(
      { nodes: stats.nodes, leaves: stats.leaves, depth_histogram: stats.depth_histogram, kinds: stats.kinds, problems: problems.length },
      null,
      1,
    ),
  );
  for (const p of problems.slice(0, 200)) console.log(`  ${p.path}: [${p.rule}] ${p.message}`);
  process.exit(problems.length ? 1 : 0);
}

const srcDir = dataPath("taxonomy", "src");
const outDir = dataPath("taxonomy");
const files = readdirSync(srcDir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const categories = [];
const problems = [];
for (const f of files) {
  const parsed = parseTaxonomySource(readFileSync(join(srcDir, f), "utf8"), f);
  problems.push(...parsed.problems);
  if (parsed.category) {
    if (categorySlug(parsed.category.name) + ".txt" !== f) {
      problems.push({ path: f, rule: "structure" as const, message: `file name should be ${categorySlug(parsed.category.name)}.txt` });
    }
    categories.push(parsed.category);
  }
}
problems.push(...validateTaxonomy(categories, { requireCategories: true }));
if (problems.length) {
  for (const p of problems.slice(0, 100)) console.error(`${p.path}: [${p.rule}] ${p.message}`);
  console.error(`compile-taxonomy: ${problems.length} problem(s); nothing written`);
  process.exit(1);
}
categories.sort((a, b) => TAXONOMY_CATEGORIES.indexOf(a.name as never) - TAXONOMY_CATEGORIES.indexOf(b.name as never));
const bodies: string[] = [];
const entries: TaxonomyIndex["categories"] = [];
for (const cat of categories) {
  const file = `${categorySlug(cat.name)}.json`;
  const body = categoryFileBody(TAXONOMY_VERSION, cat);
  bodies.push(body);
  const tmp = join(outDir, `.${file}.tmp`);
  writeFileSync(tmp, body + "\n");
  renameSync(tmp, join(outDir, file));
  const s = taxonomyStats([cat], TAXONOMY_VERSION, []);
  entries.push({ name: cat.name, file, nodes: s.nodes, leaves: s.leaves });
}
const index: TaxonomyIndex = {
  version: TAXONOMY_VERSION,
  content_hash: taxonomyContentHash(bodies),
  provenance: {
    source: "deeppersona project (written for this project; structure follows the 12 categories of DeepPersona, NeurIPS 2025)",
    year: 2026,
    licence: "MIT",
    note: "compiled from data/taxonomy/src/*.txt by scripts/compile-taxonomy.ts",
  },
  categories: entries,
};
writeFileSync(join(outDir, "index.json"), JSON.stringify(index, null, 1) + "\n");
const total = taxonomyStats(categories, TAXONOMY_VERSION, []);
console.log(`compile-taxonomy: ${categories.length} categories, ${total.nodes} nodes, ${total.leaves} leaves → ${outDir}`);
