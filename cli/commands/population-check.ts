import { defineCommand, printJson } from "../command.js";

export const command = defineCommand({
  name: "population check",
  summary: "total-variation distance of a sample vs the tables, per conditional, and a plausibility count",
  description:
    "Draws N records and prints, per variable, the total-variation distance (TVD) between the sampled marginal\n" +
    "and the marginal the tables imply (each record's conditional row given what was drawn before it; `tvd_tables`:\n" +
    "the tables alone). Per conditional the sampler uses (employment | sex × age group, income | education × age\n" +
    "group, …): the weighted mean TVD of the sampled rows vs the table rows, and the worst row. Plausibility: the\n" +
    "share of records breaking a rule of the documented list (doctorate before 25, retired before 30, …).\n" +
    "Exit 1 when a marginal TVD exceeds the bound (0.012 at n = 100,000).",
  options: {
    country: { type: "string", valueName: "ISO3", description: "country (ISO3 or name), a comma-separated list, or 'all'" },
    count: { type: "string", valueName: "N", description: "records to draw", default: "100000", range: { min: 1, max: 10000000 } },
    seed: { type: "string", valueName: "SEED", description: "random seed", default: "1" },
    fallback: { type: "string", valueName: "MODE", description: "none or proxy (check the donor-proxy tables too)", default: "none" },
    json: { type: "boolean", description: "print the report as JSON" },
  },
  examples: ["deeppersona population check --country DEU --count 100000 --seed 1 --json", "deeppersona population check --country all"],
  async run(ctx) {
    const { UsageError, ERROR_CODES } = await import("../../core/errors.js");
    const { parseCount, parseCountryList } = await import("../../persona-engine/population/parse-population-args.js");
    const { checkPopulation, TVD_THRESHOLD } = await import("../../persona-engine/population/check-population.js");
    const v = ctx.values;
    const countryText = typeof v.country === "string" ? v.country : undefined;
    if (countryText === undefined) throw new UsageError("give --country ISO3 (a list, or 'all')", { code: ERROR_CODES.invalidInput });
    const countries = parseCountryList(countryText);
    const count = parseCount("--count", typeof v.count === "string" ? v.count : "100000");
    const seed = typeof v.seed === "string" ? v.seed : "1";
    const fallback = typeof v.fallback === "string" ? v.fallback : "none";
    if (fallback !== "none" && fallback !== "proxy")
      throw new UsageError(`unknown --fallback '${fallback}'; use none or proxy`, { code: ERROR_CODES.invalidInput });

    const reports = [];
    for (const c of countries) {
      if (ctx.signal.aborted) return 130;
      reports.push(checkPopulation({ country: c, count, seed, fallback }));
    }
    const pass = reports.every((r) => r.pass);
    const maxTvd = Math.max(...reports.map((r) => r.max_tvd));
    const worst = reports.reduce((a, b) => (b.max_tvd > a.max_tvd ? b : a)).country;
    const all = { count, seed, fallback, threshold: TVD_THRESHOLD, countries: reports.length, max_tvd: maxTvd, worst, pass, reports };
    if (printJson(ctx, reports.length === 1 ? reports[0] : all, 1)) return pass ? 0 : 1;
    const f = (x: number | null) => (x === null ? "     —" : x.toFixed(4));
    const lines: string[] = [];
    const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
    for (const r of reports) {
      const worstCond = r.conditionals.reduce((a, b) => Math.max(a, b.weighted_mean_tvd), 0);
      lines.push(
        `${r.country} ${r.name}: n = ${r.count}, seed ${r.seed}, max TVD ${r.max_tvd.toFixed(4)} (bound ${r.threshold}) ${r.pass ? "ok" : "FAIL"}; ` +
          `conditionals: worst weighted mean TVD ${worstCond.toFixed(4)}; implausible records ${pct(r.plausibility.share)}`,
      );
      if (reports.length === 1) {
        lines.push(`  ${"variable".padEnd(24)}${"tvd".padStart(7)}${"tvd_tables".padStart(12)}${"cells".padStart(7)}  table (status)`);
        for (const x of r.variables) {
          lines.push(
            `  ${x.variable.padEnd(24)}${f(x.tvd).padStart(7)}${f(x.tvd_tables).padStart(12)}${String(x.cells).padStart(7)}  ${x.table} (${x.status})`,
          );
        }
        lines.push(`  ${"conditional".padEnd(48)}${"mean tvd".padStart(9)}${"max tvd".padStart(9)}  worst row (≥ 1,000 records)`);
        for (const c of r.conditionals) {
          lines.push(
            `  ${c.conditional.padEnd(48)}${c.weighted_mean_tvd.toFixed(4).padStart(9)}${c.max_tvd.toFixed(4).padStart(9)}  ${c.max_row ?? "—"}`,
          );
        }
        lines.push(`  plausibility (records breaking a rule): ${r.plausibility.count} of ${r.count} (${pct(r.plausibility.share)})`);
        for (const p of r.plausibility.rules) lines.push(`    ${p.id.padEnd(26)}${String(p.count).padStart(7)}  ${p.description}`);
      }
    }
    if (reports.length > 1) {
      lines.push(
        `${reports.length} countries: max TVD ${maxTvd.toFixed(4)} (${worst}); ${pass ? "all within" : "NOT all within"} ${TVD_THRESHOLD}`,
      );
    }
    ctx.stdout.write(lines.join("\n") + "\n");
    return pass ? 0 : 1;
  },
});
