// anchors from a drawn record: every anchor names its table and whether it is census-based,
// survey-based or modelled; income is presented as the subjective 10-step scale it is.
import { describe, expect, it } from "vitest";
import { samplePopulation } from "../population/sample-population.js";
import { renderAnchors } from "../prompts/render-anchors.js";
import { anchorsFromRecord, INCOME_ANCHOR_FIELD, sourceOfTable } from "./anchors-from-record.js";

const first = (country: string) => samplePopulation({ countries: [country], count: 1, seed: 3 }).next().value!;

describe("anchorsFromRecord", () => {
  it("classifies tables: census (WPP, Pew), survey (WVS-7), modelled (wvs7-model, wvs7-donor), unavailable", () => {
    expect(sourceOfTable("wpp2019.age_sex")).toBe("census");
    expect(sourceOfTable("pew2020.religion_by_age")).toBe("census");
    expect(sourceOfTable("wvs7.employment_by_sex_age")).toBe("survey-table");
    expect(sourceOfTable("wvs7-model.occupation_by_sex_edu")).toBe("modelled");
    expect(sourceOfTable("wvs7-donor.employment_by_sex_age")).toBe("modelled");
    expect(sourceOfTable("unavailable")).toBe("unavailable");
  });

  it("every non-null anchor names its table; the income anchor is the subjective WVS Q288 scale, not a decile", () => {
    const r = first("DEU");
    const { anchors, core } = anchorsFromRecord(r, r.country_name);
    for (const a of anchors) if (a.field !== "country" && a.value !== null) expect(a.table, a.field).toBeTruthy();
    const income = anchors.find((a) => a.field === INCOME_ANCHOR_FIELD)!;
    expect(income.value).toMatch(/^step \d+ of 10 on the subjective income scale \(self-placed, WVS Q288/);
    expect(income.value).toMatch(/not a measured decile/);
    expect(income.table).toBe("wvs7.income_by_edu_age");
    expect(anchors.some((a) => a.field === "income_decile")).toBe(false);
    expect(anchors.find((a) => a.field === "occupation_group")!.source).toBe("modelled");
    expect(core.find((c) => c.path.endsWith("Household Income Decile"))!.value).toMatch(/subjective/);
    expect(renderAnchors(anchors)).toMatch(/subjective income: step \d+ of 10 on the subjective income scale/);
  });

  it("France's WVS-based anchors are marked modelled and cite the donor tables", () => {
    const r = first("FRA");
    const { anchors } = anchorsFromRecord(r, r.country_name);
    for (const f of ["education", "marital_status", "employment", INCOME_ANCHOR_FIELD]) {
      const a = anchors.find((x) => x.field === f)!;
      expect(a.source, f).toBe("modelled");
      expect(a.table, f).toMatch(/^wvs7-donor\./);
    }
    expect(anchors.find((a) => a.field === "religion")!.source).toBe("census");
  });
});
