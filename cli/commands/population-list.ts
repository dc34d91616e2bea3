import { defineCommand, printJson } from "../command.js";

export const command = defineCommand({
  name: "population list",
  summary: "list countries with population tables",
  description:
    "Each country has adult age × sex (UN WPP 2019, 2020), religion by age (Pew 2020 margin, WVS-7 age pattern) and WVS-7\n" +
    "conditional tables (education, marital status, employment, occupation, subjective income step, urban/rural, household size;\n" +
    "M = modelled from donor countries, D = another country's table standing in, e.g. France ← Germany).\n" +
    "Tables that do not exist for a country are listed as 'unavailable' and drawn as null.",
  options: {
    json: { type: "boolean", description: "print [{country, name, adult_population, tables, donors}] as JSON" },
  },
  examples: ["deeppersona population list", "deeppersona population list --json"],
  async run(ctx) {
    const { listPopulations, loadPopulationIndex } = await import("../../persona-engine/population/load-population-table.js");
    const countries = listPopulations();
    const json = countries.map((c) => ({
      country: c.country,
      name: c.name,
      adult_population: c.adult_population,
      tables: c.tables,
      donors: c.donors,
    }));
    if (printJson(ctx, json, 1)) return 0;
    const index = loadPopulationIndex();
    const lines = [
      `${countries.length} countries (population data ${index.data_version}); status per table: R reference, S survey proxy, D donor proxy, M modelled, - unavailable`,
    ];
    const vars = countries[0]?.tables.map((t) => t.variable) ?? [];
    const mark = { reference: "R", survey_proxy: "S", donor_proxy: "D", modelled: "M", unavailable: "-" } as const;
    const short: Record<string, string> = {
      age_sex: "age",
      education_level: "lvl",
      education: "isc",
      marital_status: "mar",
      employment: "emp",
      occupation_group: "occ",
      income_decile: "inc",
      religion: "rel",
      religious_denomination: "den",
      settlement: "set",
      household_size: "hh",
      region: "reg",
    };
    lines.push(
      `${"ISO3".padEnd(5)}${"name".padEnd(20)}${"adults (M)".padStart(11)}  ${vars.map((v) => (short[v] ?? v.slice(0, 3)).padEnd(3)).join(" ")}`,
    );
    for (const c of countries) {
      const cells = c.tables.map((t) => mark[t.status].padEnd(3)).join(" ");
      lines.push(`${c.country.padEnd(5)}${c.name.slice(0, 19).padEnd(20)}${(c.adult_population / 1e6).toFixed(2).padStart(11)}  ${cells}`);
    }
    lines.push(`columns: ${vars.map((v) => `${short[v] ?? v} = ${v}`).join(", ")}`);
    ctx.stdout.write(lines.join("\n") + "\n");
    return 0;
  },
});
