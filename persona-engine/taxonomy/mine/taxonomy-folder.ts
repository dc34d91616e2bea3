// a taxonomy folder to merge into: compiled json (index.json + one file per category, optionally
// with the indented sources in src/ next to it, like data/taxonomy) or a folder of .txt sources.
// writing replaces only the changed category files (json and their sources) and index.json:
// every file is first written to a temp file, then all are renamed into place.
import { categoryFileBody, taxonomyContentHash } from "../compiled-taxonomy-format.js";
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../../../core/errors.js";
import { parseTaxonomySource } from "../parse-taxonomy-source.js";
import { readTaxonomyPath } from "../read-taxonomy-path.js";
import { TaxonomyIndexSchema, categorySlug, type TaxonomyIndex, type TaxonomyNode, type TaxonomyProblem } from "../taxonomy-schema.js";
import { taxonomyStats } from "../taxonomy-stats.js";
import { validateTaxonomy } from "../validate-taxonomy.js";
import { serializeTaxonomySource } from "./serialize-taxonomy-source.js";

export interface TaxonomyFolder {
  dir: string;
  format: "json" | "txt";
  index: TaxonomyIndex | undefined;
  /** category name → its file in `dir` */
  files: Map<string, string>;
  /** json folders with sources in src/: category name → source file path */
  sources: Map<string, string>;
  sourceDir: string | undefined;
  categories: TaxonomyNode[];
  problems: TaxonomyProblem[];
}

function sourceFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith(".txt"))
    .sort()) {
    const parsed = parseTaxonomySource(readFileSync(join(dir, f), "utf8"), f);
    if (parsed.category) out.set(parsed.category.name, join(dir, f));
  }
  return out;
}

export function readTaxonomyFolder(dir: string, shownAs = dir): TaxonomyFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(
      `--merge-into '${shownAs}' is not a folder; pass a taxonomy folder (index.json + category files, or .txt sources)`,
    );
  }
  const read = readTaxonomyPath(dir);
  const indexFile = join(dir, "index.json");
  let index: TaxonomyIndex | undefined;
  const files = new Map<string, string>();
  let sources = new Map<string, string>();
  let sourceDir: string | undefined;
  if (existsSync(indexFile)) {
    const parsed = TaxonomyIndexSchema.safeParse(JSON.parse(readFileSync(indexFile, "utf8")));
    if (parsed.success) {
      index = parsed.data;
      for (const c of index.categories) files.set(c.name, join(dir, c.file));
    }
    const src = join(dir, "src");
    if (existsSync(src) && statSync(src).isDirectory() && readdirSync(src).some((f) => f.endsWith(".txt"))) {
      sourceDir = src;
      sources = sourceFiles(src);
    }
  } else {
    for (const [name, file] of sourceFiles(dir)) files.set(name, file);
  }
  if (read.categories.length === 0) {
    throw new UsageError(
      `--merge-into '${shownAs}' holds no taxonomy categories; pass a folder with index.json + category files or .txt sources`,
    );
  }
  const problems = [...read.problems, ...validateTaxonomy(read.categories, { requireCategories: read.categories.length >= 12 })];
  return { dir, format: index ? "json" : "txt", index, files, sources, sourceDir, categories: read.categories, problems };
}

/** writes the changed categories (and index.json); returns the files written */
export function writeTaxonomyFolder(folder: TaxonomyFolder, categories: readonly TaxonomyNode[], changed: readonly string[]): string[] {
  const writes: { file: string; text: string }[] = [];
  const byName = new Map(categories.map((c) => [c.name, c]));
  if (folder.format === "json" && folder.index) {
    const index = folder.index;
    const bodies = new Map<string, string>();
    const entries: TaxonomyIndex["categories"] = [];
    const names = [...index.categories.map((c) => c.name), ...categories.map((c) => c.name).filter((n) => !folder.files.has(n))];
    for (const name of names) {
      const cat = byName.get(name);
      if (!cat) continue;
      const file = folder.files.get(name) ?? join(folder.dir, `${categorySlug(name)}.json`);
      // compiled files are `JSON.stringify({version, category})` + "\n"; the hash runs over the bodies
      const body =
        changed.includes(name) || !existsSync(file) ? categoryFileBody(index.version, cat) : readFileSync(file, "utf8").replace(/\n$/, "");
      bodies.set(name, body);
      if (changed.includes(name)) {
        writes.push({ file, text: body + "\n" });
        if (folder.sourceDir)
          writes.push({
            file: folder.sources.get(name) ?? join(folder.sourceDir, `${categorySlug(name)}.txt`),
            text: serializeTaxonomySource(cat),
          });
      }
      const s = taxonomyStats([cat], index.version, []);
      entries.push({ name, file: file.slice(folder.dir.length + 1), nodes: s.nodes, leaves: s.leaves });
    }
    const next: TaxonomyIndex = { ...index, content_hash: taxonomyContentHash(bodies.values()), categories: entries };
    if (writes.length > 0) writes.push({ file: join(folder.dir, "index.json"), text: JSON.stringify(next, null, 1) + "\n" });
  } else {
    for (const name of changed) {
      const cat = byName.get(name);
      if (cat)
        writes.push({ file: folder.files.get(name) ?? join(folder.dir, `${categorySlug(name)}.txt`), text: serializeTaxonomySource(cat) });
    }
  }
  const temps = writes.map((w) => `${w.file}.tmp-${process.pid}`);
  try {
    writes.forEach((w, i) => writeFileSync(temps[i] as string, w.text));
  } catch (err) {
    for (const t of temps) rmSync(t, { force: true });
    throw err;
  }
  writes.forEach((w, i) => renameSync(temps[i] as string, w.file));
  return writes.map((w) => w.file);
}
