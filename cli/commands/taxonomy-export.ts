import { defineCommand } from "../command.js";
import { UsageError } from "../../core/errors.js";

export const command = defineCommand({
  name: "taxonomy export",
  summary: "export every node path (one per line) or the whole tree as JSON, for review and diffing",
  options: {
    format: { type: "string", valueName: "paths|json", description: "output format", default: "paths" },
    leaves: { type: "boolean", description: "paths of leaves only (with their value kind)" },
    dir: { type: "string", valueName: "DIR", description: "taxonomy folder (default: the shipped data/taxonomy)" },
  },
  examples: ["deeppersona taxonomy export --format paths > taxonomy.txt", "deeppersona taxonomy export --format json"],
  async run(ctx) {
    const format = ctx.values.format;
    if (format !== "paths" && format !== "json") throw new UsageError(`unknown --format '${String(format)}'; use paths or json`);
    const { dataPath } = await import("../../core/package-root.js");
    const { readTaxonomyPath } = await import("../../persona-engine/taxonomy/read-taxonomy-path.js");
    const { flattenTaxonomy } = await import("../../persona-engine/taxonomy/flatten-taxonomy.js");
    const dir = typeof ctx.values.dir === "string" ? ctx.values.dir : dataPath("taxonomy");
    const read = readTaxonomyPath(dir);
    if (format === "json") {
      ctx.stdout.write(JSON.stringify({ version: read.version, categories: read.categories }, null, 1) + "\n");
      return 0;
    }
    const flat = flattenTaxonomy(read.categories, { version: read.version ?? "", contentHash: read.contentHash ?? "" });
    const out: string[] = [];
    for (const n of flat.nodes) {
      if (ctx.values.leaves && !n.isLeaf) continue;
      out.push(ctx.values.leaves && "kind" in n ? `${n.path}\t${String(n.kind)}` : n.path);
    }
    ctx.stdout.write(out.join("\n") + "\n");
    return 0;
  },
});
