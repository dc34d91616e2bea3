// the shipped data/populations files: coverage, schema, provenance, shares, unavailable markers.
// runs on the shipped files only (no ../shared needed).
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataPath } from "../../core/package-root.js";
import { listPopulations, loadPopulationTable, resolveCountry } from "./load-population-table.js";
import { EDUCATION_LEVELS, POPULATION_VARIABLES } from "./population-labels.js";
import type { PopulationTableEntry } from "./population-table-schema.js";

const WVS_56 =
  "AND ARG ARM AUS BGD BOL BRA CHL COL CYP CZE DEU ECU EGY ETH GRC GTM IRN IRQ JOR JPN KAZ KEN KGZ KOR LBN LBY MAC MAR MDV MEX MMR MNG MYS NGA NIC NIR NZL PAK PER PHL PRI ROU RUS SGP SRB SVK THA TJK TUN TWN UKR URY VEN VNM ZWE".split(
    " ",
  );
const NON_WVS = ["USA", "CAN", "GBR", "IND", "CHN", "IDN"];
const WVS_VARIABLES = [
  "education_level",
  "education",
  "marital_status",
  "employment",
  "occupation_group",
  "income_decile",
  "settlement",
  "household_size",
] as const;
/** every country offered gets these anchors */
const COVERED = ["education_level", "education", "marital_status", "employment", "income_decile", "religion"] as const;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("shipped population tables", () => {
  const countries = listPopulations();

  it("cover the 56 WVS-7 countries plus USA, CAN, GBR, IND, CHN, IDN (≥ 60)", () => {
    const codes = countries.map((c) => c.country);
    expect(codes.length).toBeGreaterThanOrEqual(62);
    for (const c of [...WVS_56, ...NON_WVS]) expect(codes, c).toContain(c);
  });

  it("every file validates, matches its index hash, and the folder stays small", () => {
    let bytes = 0;
    for (const f of readdirSync(dataPath("populations"))) bytes += statSync(dataPath("populations", f)).size;
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
    for (const c of countries) {
      const t = loadPopulationTable(c.country);
      expect(t.country).toBe(c.country);
      const body = readFileSync(dataPath("populations", c.file), "utf8");
      expect(createHash("sha256").update(body).digest("hex"), c.country).toBe(c.sha256);
      expect(Object.keys(t.tables).sort()).toEqual([...POPULATION_VARIABLES].sort());
    }
  });

  it("every table has a provenance block and coherent shares", () => {
    const checkTable = (iso: string, v: string, t: PopulationTableEntry) => {
      const where = `${iso}.${v}`;
      expect(t.provenance.source.length, where).toBeGreaterThan(0);
      expect(t.provenance.licence.length, where).toBeGreaterThan(0);
      expect(String(t.provenance.year).length, where).toBeGreaterThan(0);
      expect(typeof t.provenance.note, where).toBe("string");
      if (t.kind === "unavailable") {
        expect(t.id, where).toBe("unavailable");
        expect(t.provenance.source, where).toBe("unavailable");
        expect(t.provenance.note.length, where).toBeGreaterThan(20);
      } else if (t.kind === "marginal") {
        expect(t.shares.length, where).toBe(t.levels.length);
        expect(Math.abs(sum(t.shares) - 1), where).toBeLessThan(1e-3);
      } else if (t.kind === "conditional") {
        for (const [k, row] of Object.entries(t.rows)) {
          expect(row.length, `${where}[${k}]`).toBe(t.levels.length);
          expect(Math.abs(sum(row) - 1), `${where}[${k}]`).toBeLessThan(1e-3);
        }
      } else {
        expect(t.female.length, where).toBe(t.bands.length);
        expect(t.male.length, where).toBe(t.bands.length);
        expect(t.bands[0], where).toEqual([18, 19]);
        expect(t.bands.at(-1), where).toEqual([100, 104]);
      }
    };
    for (const c of countries) {
      const t = loadPopulationTable(c.country);
      for (const [v, table] of Object.entries(t.tables)) checkTable(c.country, v, table);
      for (const [v, table] of Object.entries(t.donor_proxies?.tables ?? {})) {
        checkTable(c.country, `donor.${v}`, table);
        expect(table.status).toBe("donor_proxy");
        expect(table.provenance.note).toMatch(/NOT figures for/);
      }
    }
  });

  it("WVS tables are flagged: survey proxies, modelled, or donor proxies (FRA); WPP and Pew as references", () => {
    for (const iso of WVS_56) {
      const t = loadPopulationTable(iso);
      for (const v of WVS_VARIABLES) {
        const table = t.tables[v];
        if (table.kind === "unavailable") continue;
        if (table.id.startsWith("wvs7-model.")) {
          expect(table.status, `${iso}.${v}`).toBe("modelled");
          expect(table.provenance.modelled, `${iso}.${v}`).toBe(true);
          expect(table.provenance.note, `${iso}.${v}`).toMatch(/modelled, not observed/);
        } else {
          expect(table.status, `${iso}.${v}`).toBe("survey_proxy");
          expect(table.provenance.note, `${iso}.${v}`).toMatch(/survey-based proxy/);
        }
      }
      const rel = t.tables.religion;
      expect(rel.id.startsWith("pew2020.") ? rel.status === "reference" : rel.status === "survey_proxy", iso).toBe(true);
    }
    expect(loadPopulationTable("DEU").tables.age_sex.status).toBe("reference");
    expect(loadPopulationTable("DEU").tables.religion.id).toBe("pew2020.religion_by_age");
    expect(loadPopulationTable("ARM").tables.religion.id).toBe("wvs7.religion_by_age");
    for (const c of countries) {
      for (const table of Object.values(loadPopulationTable(c.country).tables)) {
        if (table.kind === "unavailable" || table.kind === "age_sex") continue;
        expect(table.id.startsWith("wvs7-donor.") === (table.status === "donor_proxy"), `${c.country} ${table.id}`).toBe(true);
      }
    }
  });

  it("the joint tables carry version, weighting, shrinkage and the modelled flag; approximate weights are labelled", () => {
    const deu = loadPopulationTable("DEU").tables.employment;
    expect(deu.kind).toBe("conditional");
    if (deu.kind !== "conditional") return;
    expect(deu.given).toEqual(["sex", "age_group"]);
    expect(deu.provenance.version).toBe("WVS-7 v6.0");
    expect(deu.provenance.weighting).toMatch(/self-weighting|W_WEIGHT|raked/);
    expect(deu.provenance.shrinkage).toMatch(/pseudo-count k = 10/);
    expect(deu.provenance.modelled).toBe(false);
    expect(Object.keys(deu.n ?? {}).length).toBe(12);
    for (const iso of ["USA", "IND", "CAN", "CHN", "IDN", "NLD"]) {
      expect(loadPopulationTable(iso).tables.marital_status.provenance.weighting, iso).toMatch(/^APPROXIMATE/);
    }
    expect(loadPopulationTable("GBR").tables.marital_status.provenance.weighting).toMatch(/W_WEIGHT/);
    const occ = loadPopulationTable("BRA").tables.occupation_group;
    expect(occ.status).toBe("modelled");
    expect(loadPopulationTable("GBR").tables.occupation_group.status).toBe("survey_proxy");
  });

  it("income is the subjective 10-step scale (WVS Q288), conditioned on education and age", () => {
    const t = loadPopulationTable("IND").tables.income_decile;
    if (t.kind !== "conditional") throw new Error("conditional expected");
    expect(t.given).toEqual(["education_level", "age_group"]);
    expect(t.provenance.source).toMatch(/SUBJECTIVE 10-step income scale/);
    expect(t.levels).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  });

  it("every country offered has education, employment, marital status, income and religion tables", () => {
    for (const c of countries) {
      const t = loadPopulationTable(c.country);
      for (const v of COVERED) expect(t.tables[v].kind, `${c.country}.${v}`).not.toBe("unavailable");
    }
  });

  it("education depends on sex and age group (joint cells)", () => {
    const t = loadPopulationTable("DEU").tables.education_level;
    expect(t.kind).toBe("conditional");
    if (t.kind !== "conditional") return;
    expect(t.given).toEqual(["sex", "age_group"]);
    expect(t.levels).toEqual([...EDUCATION_LEVELS]);
    expect(Object.keys(t.rows).sort()).toEqual(["female|18-29", "female|30-49", "female|50+", "male|18-29", "male|30-49", "male|50+"]);
    // German women 50+ are less often highly educated than men 50+ (WVS-7 cells)
    expect(t.rows["female|50+"]![2]!).toBeLessThan(t.rows["male|50+"]![2]!);
  });

  it("the countries outside the WVS microdata aggregates use their own WVS-7 joint tables (ISCED split from donors); FRA is donor-based", () => {
    for (const iso of [...NON_WVS, "NLD", "TUR", "HKG", "UZB"]) {
      const t = loadPopulationTable(iso);
      expect(t.tables.age_sex.id, iso).toBe("wpp2019.age_sex");
      expect(t.tables.employment.id, iso).toBe("wvs7.employment_by_sex_age");
      expect(t.tables.education.id, iso).toBe("wvs7-donor.education_isced");
      expect(t.tables.education.provenance.note, iso).toMatch(/NOT figures for/);
    }
    const fra = loadPopulationTable("FRA");
    for (const v of ["education_level", "education", "marital_status", "employment", "income_decile"] as const) {
      expect(fra.tables[v].status, v).toBe("donor_proxy");
      expect(fra.tables[v].provenance.note, v).toMatch(/NOT figures for France/);
    }
    expect(fra.tables.religion.id).toBe("pew2020.religion");
  });

  it("defective WVS tables found on inspection ship as unavailable with the reason", () => {
    expect(loadPopulationTable("URY").tables.household_size.kind).toBe("unavailable");
    expect(loadPopulationTable("URY").tables.household_size.provenance.note).toMatch(/defective/);
    expect(loadPopulationTable("KOR").tables.settlement.kind).toBe("unavailable");
    for (const c of countries) expect(loadPopulationTable(c.country).tables.region.kind).toBe("unavailable");
  });

  it("adult populations are plausible (USA ≈ 255 M adults of 331.0 M; NIR and AND scaled, flagged)", () => {
    const usa = loadPopulationTable("USA");
    expect(usa.adult_population).toBeGreaterThan(250e6);
    expect(usa.adult_population).toBeLessThan(260e6);
    expect(loadPopulationTable("NIR").tables.age_sex.status).toBe("donor_proxy");
    expect(loadPopulationTable("NIR").adult_population).toBeLessThan(2e6);
    expect(loadPopulationTable("AND").tables.age_sex.status).toBe("survey_proxy");
    expect(loadPopulationTable("AND").adult_population).toBeLessThan(80_000);
  });

  it("resolves codes and names, and lists close matches for unknown countries", () => {
    expect(resolveCountry("deu")).toBe("DEU");
    expect(resolveCountry("Germany")).toBe("DEU");
    expect(() => resolveCountry("DEX")).toThrow(/unknown country 'DEX'; close matches: .*DEU/);
    expect(() => resolveCountry("Germny")).toThrow(/DEU \(Germany\)/);
  });
});
