// reads a taxonomy from a file or folder: compiled json (index.json + category files, or one
// category file, or a mined tree {categories:[…]}) or indented sources (*.txt). never throws for
// content problems: they come back in `problems`.
import { existsSync, readdirSync, statSync } from "node:fs";
import { readUtf8File } from "../../core/input/read-utf8-file.js";
import { basename, join } from "node:path";
import { UsageError } from "../../core/errors.js";
import { parseTaxonomySource } from "./parse-taxonomy-source.js";
import {
  TaxonomyCategoryFileSchema,
  TaxonomyIndexSchema,
  TaxonomyNodeSchema,
  type TaxonomyNode,
  type TaxonomyProblem,
} from "./taxonomy-schema.js";
import { z } from "zod";

export interface ReadTaxonomyResult {
  version: string | undefined;
  contentHash: string | undefined;
  categories: TaxonomyNode[];
  problems: TaxonomyProblem[];
}

const MinedTreeSchema = z.object({ version: z.string().optional(), categories: z.array(TaxonomyNodeSchema) });

function zodProblems(err: z.ZodError, where: string): TaxonomyProblem[] {
  return err.issues.map((i) => ({
    path: `${where}${i.path.length ? ":" + i.path.join(".") : ""}`,
    rule: "structure" as const,
    message: i.message,
  }));
}

/** a JSON file the user named, or a one-line UsageError (invalid UTF-8, invalid JSON) */
function parseJsonFile(file: string): unknown {
  const text = readUtf8File(file, file, "taxonomy file");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: invalid JSON (${(err as Error).message}); fix the file or run 'deeppersona taxonomy validate'`);
  }
}

function readJsonFile(file: string, out: ReadTaxonomyResult): void {
  let data: unknown;
  const text = readUtf8File(file, file, "taxonomy file");
  try {
    data = JSON.parse(text);
  } catch (err) {
    out.problems.push({ path: basename(file), rule: "syntax", message: `invalid JSON: ${(err as Error).message}` });
    return;
  }
  const asCategory = TaxonomyCategoryFileSchema.safeParse(data);
  if (asCategory.success) {
    out.version ??= asCategory.data.version;
    out.categories.push(asCategory.data.category);
    return;
  }
  const asTree = MinedTreeSchema.safeParse(data);
  if (asTree.success) {
    out.version ??= asTree.data.version;
    out.categories.push(...asTree.data.categories);
    return;
  }
  out.problems.push(...zodProblems(asCategory.error, basename(file)));
}

export function readTaxonomyPath(target: string): ReadTaxonomyResult {
  if (!existsSync(target))
    throw new UsageError(`taxonomy path '${target}' does not exist; pass a taxonomy folder, a .json file or a .txt source`);
  const out: ReadTaxonomyResult = { version: undefined, contentHash: undefined, categories: [], problems: [] };
  if (statSync(target).isDirectory()) {
    const indexFile = join(target, "index.json");
    if (existsSync(indexFile)) {
      const parsed = TaxonomyIndexSchema.safeParse(parseJsonFile(indexFile));
      if (!parsed.success) {
        out.problems.push(...zodProblems(parsed.error, "index.json"));
        return out;
      }
      out.version = parsed.data.version;
      out.contentHash = parsed.data.content_hash;
      for (const c of parsed.data.categories) {
        const f = join(target, c.file);
        if (!existsSync(f))
          out.problems.push({ path: c.file, rule: "structure", message: `category file '${c.file}' listed in index.json is missing` });
        else readJsonFile(f, out);
      }
      return out;
    }
    const files = readdirSync(target).sort();
    const txt = files.filter((f) => f.endsWith(".txt"));
    const json = files.filter((f) => f.endsWith(".json"));
    if (txt.length === 0 && json.length === 0) throw new UsageError(`taxonomy folder '${target}' has no index.json, .json or .txt files`);
    for (const f of txt) readSourceFile(join(target, f), out);
    for (const f of json) readJsonFile(join(target, f), out);
    return out;
  }
  if (target.endsWith(".txt")) readSourceFile(target, out);
  else readJsonFile(target, out);
  return out;
}

function readSourceFile(file: string, out: ReadTaxonomyResult): void {
  const parsed = parseTaxonomySource(readUtf8File(file, file, "taxonomy source"), basename(file));
  out.problems.push(...parsed.problems);
  if (parsed.category) out.categories.push(parsed.category);
}
