// the shipped tables against the raw reference files in ../shared/data (skipped when absent):
// adult age × sex equals UN WPP 2020 directly, Pew and WVS figures carried over, the committed
// build script reproduces the shipped files byte for byte, and a 100,000 sample matches WPP.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDataDir } from "../../core/package-root.js";
import { dataPath } from "../../core/package-root.js";
import { buildPopulationFiles, parseCsv } from "../../scripts/build-populations.js";
import { totalVariation } from "./check-population.js";
import { listPopulations, loadPopulationTable } from "./load-population-table.js";
import { samplePopulation } from "./sample-population.js";
import { compilePopulation } from "./compile-population.js";

const shared = sharedDataDir();
const why = "needs ../shared/data (UN WPP 2019, Pew 2020, WVS-7 aggregates); skipped when absent";

function readWpp(file: string): Map<number, Map<string, number>> {
  const lines = readFileSync(file, "utf8").split(/\r?\n/).filter(Boolean);
  const header = (lines[0] as string).split("\t");
  const col = header.indexOf("2020");
  const out = new Map<number, Map<string, number>>();
  for (const l of lines.slice(1)) {
    const f = l.split("\t");
    const code = Number(f[0]);
    if (!out.has(code)) out.set(code, new Map());
    out.get(code)!.set(f[2] as string, Number(f[col]));
  }
  return out;
}

describe.skipIf(!shared)(`population tables vs ../shared/data (${why})`, () => {
  const dir = shared as string;

  it("the README's check: USA 2020 total = 331.0 M in WPP 2019", () => {
    const m = readWpp(join(dir, "wpp2019", "popM.txt")).get(840)!;
    const f = readWpp(join(dir, "wpp2019", "popF.txt")).get(840)!;
    const total = [...m.values(), ...f.values()].reduce((a, b) => a + b, 0);
    expect((total / 1000).toFixed(1)).toBe("331.0");
  });

  it("adult age × sex equals UN WPP 2020 directly for every WPP country (18-19 = 2/5 of 15-19)", () => {
    const m = readWpp(join(dir, "wpp2019", "popM.txt"));
    const f = readWpp(join(dir, "wpp2019", "popF.txt"));
    const bands = [
      "20-24",
      "25-29",
      "30-34",
      "35-39",
      "40-44",
      "45-49",
      "50-54",
      "55-59",
      "60-64",
      "65-69",
      "70-74",
      "75-79",
      "80-84",
      "85-89",
      "90-94",
      "95-99",
      "100+",
    ];
    let checked = 0;
    for (const c of listPopulations()) {
      const t = loadPopulationTable(c.country);
      const as = t.tables.age_sex;
      if (as.kind !== "age_sex" || as.id !== "wpp2019.age_sex") continue;
      const code = t.m49 as number;
      for (const [sex, src] of [
        ["male", m.get(code)!],
        ["female", f.get(code)!],
      ] as const) {
        const shipped = as[sex];
        expect(shipped[0], `${c.country} ${sex} 18-19`).toBeCloseTo((src.get("15-19") as number) * 0.4, 3);
        bands.forEach((b, i) => expect(shipped[i + 1], `${c.country} ${sex} ${b}`).toBeCloseTo(src.get(b) as number, 3));
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(60);
  });

  it("a 100,000 sample reproduces the WPP 2020 adult age × sex cells read straight from popM/popF", () => {
    const m = readWpp(join(dir, "wpp2019", "popM.txt")).get(276)!;
    const f = readWpp(join(dir, "wpp2019", "popF.txt")).get(276)!;
    const expected = new Map<string, number>();
    const band = (age: number) => (age >= 100 ? "100+" : `${Math.floor(age / 5) * 5}-${Math.floor(age / 5) * 5 + 4}`);
    for (const [sex, src] of [
      ["male", m],
      ["female", f],
    ] as const) {
      for (const [b, v] of src) {
        if (b === "15-19") expected.set(`${sex}|18-19`, v * 0.4);
        else if (!["0-4", "5-9", "10-14"].includes(b)) expected.set(`${sex}|${b}`, v);
      }
    }
    const observed = new Map<string, number>();
    for (const r of samplePopulation({ countries: ["DEU"], count: 100_000, seed: 42 })) {
      const k = `${r.sex}|${r.age < 20 ? "18-19" : band(r.age)}`;
      observed.set(k, (observed.get(k) ?? 0) + 1);
    }
    expect(expected.size).toBe(36);
    expect(totalVariation(observed, expected)).toBeLessThanOrEqual(0.012);
  });

  it("Pew 2020 religion shares are the margin of the raked religion | age table (DEU), and FRA's marginal", () => {
    const rows = parseCsv(
      readFileSync(join(dir, "pew_religion", "pew-religious-composition-2010-2020-percentages.subset-2020.csv"), "utf8"),
    );
    const deu = rows.find((r) => r.Countrycode === "276")!;
    const cp = compilePopulation("DEU");
    const rel = cp.chain.religion!;
    expect(rel.tableId).toBe("pew2020.religion_by_age");
    expect(rel.shares[rel.levels.indexOf("christian")]!).toBeCloseTo(Number(deu.Christians) / 100, 3);
    expect(rel.shares[rel.levels.indexOf("unaffiliated (no religion)")]!).toBeCloseTo(Number(deu.Religiously_unaffiliated) / 100, 3);
    const fraRow = rows.find((r) => r.Countrycode === "250")!;
    const fra = loadPopulationTable("FRA").tables.religion;
    if (fra.kind !== "marginal") throw new Error("marginal expected");
    expect(fra.shares[fra.levels.indexOf("christian")]).toBeCloseTo(Number(fraRow.Christians) / 100, 5);
  });

  it("WVS-7 share_adj rows are carried over, shrunk toward the age group's row by n/(n+10) (DEU marital status)", () => {
    const rows = parseCsv(readFileSync(join(dir, "wvs7_joint", "wvs7_joint_marital_by_sex_age.csv"), "utf8")).filter(
      (r) => r.country_iso3 === "DEU",
    );
    const t = loadPopulationTable("DEU").tables.marital_status;
    if (t.kind !== "conditional") throw new Error("conditional expected");
    for (const key of ["female|45-54", "male|65+"]) {
      const [sex, age] = key.split("|");
      const raw = rows.find((r) => r.sex === sex && r.age_group === age && r.code === "1")!;
      const n = Number(raw.n_unweighted);
      expect(t.n![key]).toBe(n);
      // |shrunk - raw| ≤ k/(n+k): the shrinkage can move a share at most that far
      expect(Math.abs(t.rows[key]![0]! - Number(raw.share_adj))).toBeLessThanOrEqual(10 / (n + 10) + 1e-6);
    }
  });

  it("scripts/build-populations.ts reproduces the shipped files byte for byte", () => {
    const { files, warnings } = buildPopulationFiles(dir);
    expect(warnings).toEqual([]);
    for (const [name, body] of files) expect(readFileSync(dataPath("populations", name), "utf8"), name).toBe(body);
  });
});
