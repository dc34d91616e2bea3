import { defineCommand, printJson } from "../command.js";

export const command = defineCommand({
  name: "taxonomy stats",
  summary: "node, leaf and depth statistics of the attribute taxonomy",
  options: {
    json: { type: "boolean", description: "print the statistics as JSON" },
    dir: { type: "string", valueName: "DIR", description: "taxonomy folder (default: the shipped data/taxonomy)" },
  },
  examples: ["deeppersona taxonomy stats --json"],
  async run(ctx) {
    const { dataPath } = await import("../../core/package-root.js");
    const { readTaxonomyPath } = await import("../../persona-engine/taxonomy/read-taxonomy-path.js");
    const { validateTaxonomy } = await import("../../persona-engine/taxonomy/validate-taxonomy.js");
    const { taxonomyStats } = await import("../../persona-engine/taxonomy/taxonomy-stats.js");
    const dir = typeof ctx.values.dir === "string" ? ctx.values.dir : dataPath("taxonomy");
    const read = readTaxonomyPath(dir);
    const problems = [...read.problems, ...validateTaxonomy(read.categories, { requireCategories: ctx.values.dir === undefined })];
    const stats = taxonomyStats(read.categories, read.version ?? "unversioned", problems);
    const { kinds, ...rest } = stats;
    if (printJson(ctx, { ...rest, kinds, content_hash: read.contentHash ?? null }, 2)) return 0;
    const counts = (o: Record<string, number>) => Object.entries(o).map(([k, n]) => `${k}:${n}`);
    const lines = [
      `taxonomy ${stats.version}${read.contentHash ? ` (${read.contentHash})` : ""}: ${stats.nodes} nodes, ${stats.leaves} leaves, ${Object.keys(stats.categories).length} categories`,
      ...Object.entries(stats.categories).map(
        ([name, c]) => `  ${name.padEnd(40)} ${String(c.nodes).padStart(6)} nodes ${String(c.leaves).padStart(6)} leaves`,
      ),
      `depth: ${counts(stats.depth_histogram).join("  ")}`,
      `kinds: ${counts(stats.kinds).join("  ")}`,
      `problems: ${problems.length}`,
    ];
    ctx.stdout.write(lines.join("\n") + "\n");
    return 0;
  },
});
