import { defineCommand, printJson } from "../command.js";

export const command = defineCommand({
  name: "personas stats",
  summary: "depth, category coverage, tier shares, value sources, diversity and unfilled counts of personas",
  positionals: [{ name: "DIR", description: "run directory (or personas.jsonl file)", required: true }],
  options: { json: { type: "boolean", description: "print JSON" } },
  examples: ["deeppersona personas stats runs/ken --json"],
  async run(ctx) {
    const { readPersonasFile } = await import("../../scenarios/read-personas-file.js");
    const { personaStats } = await import("../../persona-engine/persona/persona-stats.js");
    const personas = readPersonasFile(ctx.cwd, ctx.positionals[0] as string);
    const s = personaStats(personas);
    if (printJson(ctx, s, 2)) return 0;
    const f = (x: number) => x.toFixed(2);
    const list = (o: Record<string, number>, item: (k: string, n: number) => string, sep: string) =>
      Object.entries(o)
        .map(([k, n]) => item(k, n))
        .join(sep);
    ctx.stdout.write(
      [
        `personas: ${s.personas}  (${list(s.by_country, (c, n) => `${c} ${n}`, ", ")})`,
        `attributes per persona: mean ${f(s.attributes_per_persona.mean)}  min ${s.attributes_per_persona.min}  max ${s.attributes_per_persona.max}`,
        `filled per persona:     mean ${f(s.filled_per_persona.mean)}  min ${s.filled_per_persona.min}  max ${s.filled_per_persona.max}`,
        `categories covered: mean ${f(s.categories_covered.mean)}  min ${s.categories_covered.min}  all 12: ${(s.categories_covered.all_12_share * 100).toFixed(0)}%`,
        `tier shares (sampled): near ${f(s.tier_shares.near)}  mid ${f(s.tier_shares.mid)}  far ${f(s.tier_shares.far)}   core per persona ${f(s.core_per_persona)}`,
        `value sources: ${list(s.source_shares, (k, x) => `${k} ${(x * 100).toFixed(1)}%`, "  ")}`,
        `uniqueness: mean pairwise Jaccard of attribute paths ${s.uniqueness_jaccard.toFixed(3)} (lower = more diverse)`,
        `unfilled: ${s.unfilled}${s.unfilled ? `  (${list(s.unfilled_reasons, (r, n) => `${r}: ${n}`, ", ")})` : ""}`,
      ].join("\n") + "\n",
    );
    return 0;
  },
});
