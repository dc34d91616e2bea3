// the sampler on the shipped tables: determinism, TVD ≤ 0.012 at n = 100,000 for a sample of
// countries, conditioning, unavailable fields, designs, quotas and weights. (the chain, the guards
// and plausibility: plausible-population.test.ts)
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { checkPopulation, TVD_THRESHOLD } from "./check-population.js";
import { DemographicRecordSchema, type DemographicRecord } from "./demographic-record.js";
import { loadPopulationTable } from "./load-population-table.js";
import { planPopulationSample, sampleDemographics, samplePopulation } from "./sample-population.js";

const take = (opts: Parameters<typeof samplePopulation>[0]): DemographicRecord[] => [...samplePopulation(opts)];

describe("samplePopulation: reproducibility", () => {
  it("same seed → identical records; different seed → different records", () => {
    const a = take({ countries: ["DEU", "KEN"], count: 2000, seed: 7 });
    const b = take({ countries: ["DEU", "KEN"], count: 2000, seed: 7 });
    const c = take({ countries: ["DEU", "KEN"], count: 2000, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    const ages = (rs: DemographicRecord[]) => rs.map((r) => r.age).join(",");
    expect(ages(a)).not.toBe(ages(c));
  });

  it("a country's records do not depend on which other countries are sampled with it", () => {
    const solo = take({ countries: ["DEU"], count: 500, seed: 3 });
    const mixed = take({ countries: ["DEU", "JPN"], perCountry: 500, seed: 3 }).filter((r) => r.country === "DEU");
    const strip = (r: DemographicRecord) => JSON.stringify({ ...r, index: 0, weight: 0 });
    expect(mixed.map(strip)).toEqual(solo.map(strip));
  });
});

describe("samplePopulation: records", () => {
  it("every record validates against DemographicRecordSchema, cites its tables, ages 18-104", () => {
    const rs = take({ countries: ["DEU", "USA", "IND", "AND", "NIR", "URY", "KOR", "EGY"], count: 4000, seed: 1, design: "equal" });
    const ages = new Set<number>();
    for (const r of rs) {
      DemographicRecordSchema.parse(r);
      ages.add(r.age);
      expect(r.sources.sex).toMatch(/age_sex$/);
      for (const [field, table] of Object.entries(r.sources)) {
        const value = r[field as keyof typeof r.sources];
        expect(value === null, `${r.country}.${field}=${String(value)} from ${table}`).toBe(table === "unavailable");
      }
    }
    expect(ages.has(18)).toBe(true);
    expect(ages.has(19)).toBe(true);
    expect(Math.min(...ages)).toBe(18);
  });

  it("IND and USA draw education, employment, marital status and income from their own WVS-7 tables; FRA from flagged donor tables; missing tables give null", () => {
    const usa = take({ countries: ["USA"], count: 2000, seed: 1 });
    for (const r of usa) {
      expect(r.sources.education_level).toBe("wvs7.education_by_age");
      expect(r.sources.education).toBe("wvs7-donor.education_isced");
      expect(r.sources.marital_status).toBe("wvs7.marital_by_sex_age");
      expect(r.sources.employment).toBe("wvs7.employment_by_sex_age");
      expect(r.sources.income_decile).toBe("wvs7.income_by_edu_age");
      expect(r.sources.religion).toBe("pew2020.religion_by_age");
      // no occupation or household-size table for the USA (neither real nor modelled): null, cited as unavailable
      expect(r.occupation_group).toBeNull();
      expect(r.sources.household_size).toBe("unavailable");
    }
    const [fra] = take({ countries: ["FRA"], count: 1, seed: 1 });
    expect(fra!.sources.employment).toBe("wvs7-donor.employment_by_sex_age");
    expect(fra!.sources.education).toBe("wvs7-donor.education_isced");
    expect(fra!.sources.religion).toBe("pew2020.religion");
    const t = loadPopulationTable("FRA").tables.employment;
    expect(t.status).toBe("donor_proxy");
    expect(t.provenance.note).toMatch(/NOT figures for France/);
  });

  it("education is drawn conditionally on sex and age group", () => {
    const t = loadPopulationTable("KEN").tables.education_level;
    if (t.kind !== "conditional") throw new Error("conditional expected");
    const rs = take({ countries: ["KEN"], count: 60_000, seed: 11 });
    for (const [key, row] of Object.entries(t.rows)) {
      const [sex, group] = key.split("|") as [string, string];
      const [lo, hi] = group.endsWith("+") ? [Number(group.slice(0, -1)), 200] : group.split("-").map(Number);
      const cell = rs.filter((r) => r.sex === sex && r.age >= lo! && r.age <= hi!);
      const higher = cell.filter((r) => r.education_level === "higher").length / cell.length;
      expect(Math.abs(higher - row[2]!), key).toBeLessThan(0.02);
    }
  });

  it("sampleDemographics draws one record from an rng", () => {
    const a = sampleDemographics("JPN", createRng("x"));
    const b = sampleDemographics("JPN", createRng("x"));
    expect(a).toEqual(b);
    expect(a.country).toBe("JPN");
    expect(a.weight).toBe(1);
  });
});

describe("population check: TVD ≤ 0.012 at n = 100,000", () => {
  for (const iso of ["DEU", "KEN", "USA", "IND", "JPN", "BRA", "AND", "NIR", "URY", "MAC"]) {
    it(`${iso}: every variable within ${TVD_THRESHOLD}`, () => {
      const r = checkPopulation({ country: iso, count: 100_000, seed: 1 });
      expect(r.count).toBe(100_000);
      for (const v of r.variables) {
        if (v.table === "unavailable") expect(v.tvd, `${iso}.${v.variable}`).toBeNull();
        else expect(v.tvd!, `${iso}.${v.variable}`).toBeLessThanOrEqual(TVD_THRESHOLD);
      }
      expect(r.pass).toBe(true);
      expect(r.variables.find((v) => v.variable === "age_sex")!.cells).toBe(36);
    });
  }
  it("FRA (donor tables) and GBR (its own WVS-7 file)", () => {
    expect(checkPopulation({ country: "FRA", count: 100_000, seed: 2 }).pass).toBe(true);
    expect(checkPopulation({ country: "GBR", count: 100_000, seed: 2 }).pass).toBe(true);
  });
});

describe("designs and weights", () => {
  it("proportional: counts follow adult population; weights ≈ 1", () => {
    const plan = planPopulationSample({ countries: ["DEU", "USA", "KEN"], count: 10_000, seed: 1 });
    const pops = plan.countries.map((c) => c.adult_population);
    plan.countries.forEach((c, i) => {
      expect(Math.abs(c.count - (10_000 * pops[i]!) / pops.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(1);
      expect(Math.abs(c.weight_factor - 1)).toBeLessThan(1e-3);
    });
    expect(plan.total).toBe(10_000);
  });

  it("equal: same count per country; weights bring countries back to population shares", () => {
    const rs = take({ countries: ["DEU", "USA", "KEN"], count: 9_000, seed: 1, design: "equal" });
    const plan = planPopulationSample({ countries: ["DEU", "USA", "KEN"], count: 9_000, seed: 1, design: "equal" });
    for (const c of plan.countries) {
      const mine = rs.filter((r) => r.country === c.country);
      expect(mine.length).toBe(3_000);
      const w = mine.reduce((t, r) => t + r.weight, 0) / rs.length;
      expect(w).toBeCloseTo(c.population_share, 9);
    }
    expect(take({ countries: ["DEU", "KEN"], perCountry: 10, seed: 1 }).length).toBe(20);
  });

  it("quotas: exact counts, and weights reproduce the table shares", () => {
    const rs = take({ countries: ["DEU"], count: 1000, seed: 5, quotas: ["sex=female:0.3,male:0.7"] });
    expect(rs.filter((r) => r.sex === "female").length).toBe(300);
    const t = loadPopulationTable("DEU").tables.age_sex;
    if (t.kind !== "age_sex") throw new Error("age_sex expected");
    const female = t.female.reduce((a, b) => a + b, 0) / (t.female.reduce((a, b) => a + b, 0) + t.male.reduce((a, b) => a + b, 0));
    const wf = rs.filter((r) => r.sex === "female").reduce((s, r) => s + r.weight, 0);
    const wAll = rs.reduce((s, r) => s + r.weight, 0);
    expect(wf / wAll).toBeCloseTo(female, 9);
  });

  it("quotas on age bands, education and independent variables are met to within rounding", () => {
    const rs = take({
      countries: ["KEN"],
      count: 2000,
      seed: 9,
      quotas: ["age=18-29:0.5,30+:0.5", "education_level=lower:0.2,middle:0.3,higher:0.5", "employment=full time:0.6,unemployed:0.4"],
    });
    const share = (f: (r: DemographicRecord) => boolean) => rs.filter(f).length / rs.length;
    expect(Math.abs(share((r) => r.age <= 29) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(share((r) => r.education_level === "higher") - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(share((r) => r.employment === "full time") - 0.6)).toBeLessThan(0.01);
    expect(share((r) => r.employment === "retired")).toBe(0);
  });

  it("bad input fails with one-line usage errors before drawing", () => {
    expect(() => planPopulationSample({ countries: ["XXX"], count: 1, seed: 1 })).toThrow(/unknown country 'XXX'/);
    expect(() => planPopulationSample({ countries: ["DEU"], count: 0, seed: 1 })).toThrow(/positive integer/);
    expect(() => planPopulationSample({ countries: ["DEU"], count: 2.5, seed: 1 })).toThrow(/positive integer/);
    expect(() => planPopulationSample({ countries: ["DEU"], count: 5, seed: 1, quotas: ["sex=female:0.5"] })).toThrow(/sum to 1/);
    expect(() => planPopulationSample({ countries: ["DEU"], count: 5, seed: 1, quotas: ["colour=red:1"] })).toThrow(
      /unknown variable 'colour'/,
    );
    expect(() => planPopulationSample({ countries: ["DEU"], count: 5, seed: 1, quotas: ["religion=jedi:1"] })).toThrow(
      /unknown level 'jedi'/,
    );
    expect(() => planPopulationSample({ countries: ["USA"], count: 5, seed: 1, quotas: ["household_size=1:1"] })).toThrow(/unavailable/);
    expect(() => planPopulationSample({ countries: ["DEU"], count: 5, seed: 1, quotas: ["age=18-30:0.5,25-40:0.5"] })).toThrow(/overlap/);
    for (const bad of [
      () => planPopulationSample({ countries: ["XXX"], count: 1, seed: 1 }),
      () => planPopulationSample({ countries: ["DEU"], count: 5, seed: 1, quotas: ["sex=x"] }),
    ]) {
      try {
        bad();
      } catch (err) {
        expect((err as Error).message.includes("\n")).toBe(false);
        expect((err as { exitCode?: number }).exitCode).toBe(2);
      }
    }
  });
});
