import { defineCommand, printJson } from "../command.js";

export const command = defineCommand({
  name: "taxonomy validate",
  summary: "validate a taxonomy file or folder (exit 0 when clean, 1 with the list of problems)",
  positionals: [
    {
      name: "FILE_OR_DIR",
      description: "taxonomy folder, category .json, mined tree .json or .txt source (default: the shipped data/taxonomy)",
    },
  ],
  options: {
    json: { type: "boolean", description: "print the problems as JSON" },
  },
  examples: [
    "deeppersona taxonomy validate",
    "deeppersona taxonomy validate data/taxonomy/src",
    "deeppersona taxonomy validate mined.json",
  ],
  async run(ctx) {
    const { dataPath } = await import("../../core/package-root.js");
    const { readTaxonomyPath } = await import("../../persona-engine/taxonomy/read-taxonomy-path.js");
    const { validateTaxonomy } = await import("../../persona-engine/taxonomy/validate-taxonomy.js");
    const { resolve } = await import("node:path");
    const shipped = dataPath("taxonomy");
    const target = ctx.positionals[0] ? resolve(ctx.cwd, ctx.positionals[0]) : shipped;
    const read = readTaxonomyPath(target);
    // the 12-category rule applies to full taxonomies (the shipped one or its sources)
    const full = target === shipped || target === resolve(shipped, "src") || read.categories.length >= 12;
    const problems = [...read.problems, ...validateTaxonomy(read.categories, { requireCategories: full })];
    if (!printJson(ctx, { path: target, problems }, 2)) {
      for (const p of problems) ctx.stdout.write(`${p.path}: [${p.rule}] ${p.message}\n`);
      ctx.stdout.write(
        problems.length === 0 ? `${target}: ok (${read.categories.length} categories)\n` : `${problems.length} problem(s) in ${target}\n`,
      );
    }
    return problems.length === 0 ? 0 : 1;
  },
});
