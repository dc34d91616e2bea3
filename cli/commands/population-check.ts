import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "population check",
  summary: "total-variation distance of a sample vs the tables",
  description:
    "Draws N records and prints, per variable, the total-variation distance (TVD) between the sampled marginal\n" +
    "and the marginal the tables imply. A conditionally drawn variable (education | sex × age group, ISCED |\n" +
    "education level, denomination | religion) is compared with its conditional table weighted by the drawn joint;\n" +
    "`tvd_tables` compares with the tables alone. Exit 1 when any TVD exceeds the bound (0.012 at n = 100,000).",
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
    if (fallback !== "none" && fallback !== "proxy") throw new UsageError(`unknown --fallback '${fallback}'; use none or proxy`, { code: ERROR_CODES.invalidInput });

    const reports = [];
    for (const c of countries) {
      if (ctx.signal.aborted) return 130;
      reports.push(checkPopulation({ country: c, count, seed, fallback }));
    }
    const pass = reports.every((r) => r.pass);
    const maxTvd = Math.max(...reports.map((r) => r.max_tvd));
    if (v.json) {
      const body =
        reports.length === 1
          ? reports[0]
          : {
              count,
              seed,
              fallback,
              threshold: TVD_THRESHOLD,
              countries: reports.length,
              max_tvd: maxTvd,
              worst: reports.reduce((a, b) => (b.max_tvd > a.max_tvd ? b : a)).country,
              pass,
              reports,
            };
      ctx.stdout.write(JSON.stringify(body, null, 1) + "\n");
      return pass ? 0 : 1;
    }
    const f = (x: number | null) => (x === null ? "     —" : x.toFixed(4));
    const lines: string[] = [];
    for (const r of reports) {
      lines.push(`${r.country} ${r.name}: n = ${r.count}, seed ${r.seed}, max TVD ${r.max_tvd.toFixed(4)} (bound ${r.threshold}) ${r.pass ? "ok" : "FAIL"}`);
      if (reports.length === 1) {
        lines.push(`  ${"variable".padEnd(24)}${"tvd".padStart(7)}${"tvd_tables".padStart(12)}${"cells".padStart(7)}  table (status)`);
        for (const x of r.variables) {
          lines.push(`  ${x.variable.padEnd(24)}${f(x.tvd).padStart(7)}${f(x.tvd_tables).padStart(12)}${String(x.cells).padStart(7)}  ${x.table} (${x.status})`);
        }
      }
    }
    if (reports.length > 1) {
      lines.push(`${reports.length} countries: max TVD ${maxTvd.toFixed(4)} (${reports.reduce((a, b) => (b.max_tvd > a.max_tvd ? b : a)).country}); ${pass ? "all within" : "NOT all within"} ${TVD_THRESHOLD}`);
    }
    ctx.stdout.write(lines.join("\n") + "\n");
    return pass ? 0 : 1;
  },
});
