// the tidy tables' building blocks: csv cells (quoting, formula neutralising, numbers untouched),
// typed coercion, and metrics.json flattened generically with its CI conventions.
import { describe, expect, it } from "vitest";
import { csvCell } from "./csv-cell.js";
import { metricsTable } from "./metrics-table.js";
import { tidyCsv } from "./tidy-csv.js";
import { tidyValue } from "./tidy-table.js";

describe("csvCell", () => {
  it("quotes, neutralises formulas in text, leaves numbers and booleans alone, null = empty", () => {
    expect(csvCell("string", 'say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("string", "=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    for (const lead of ["+", "-", "@", "\t", "\r"]) expect(csvCell("string", `${lead}x`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("int", -1)).toBe("-1");
    expect(csvCell("float", -0.5)).toBe("-0.5");
    expect(csvCell("bool", false)).toBe("false");
    expect(csvCell("string", null)).toBe("");
    expect(csvCell("string", "")).toBe('""');
  });

  it("tidyValue keeps types: strings stay strings, numbers numbers, wrong types become null", () => {
    expect(tidyValue("string", 7)).toBe("7");
    expect(tidyValue("int", "33")).toBe(33);
    expect(tidyValue("int", 1.5)).toBeNull();
    expect(tidyValue("float", "n/a")).toBeNull();
    expect(tidyValue("bool", "true")).toBeNull();
    expect(
      tidyCsv({
        columns: [
          { name: "a", type: "string" },
          { name: "b", type: "int" },
        ],
        rows: [["x", null]],
      }),
    ).toBe("a,b\nx,\n");
  });
});

describe("metricsTable", () => {
  it("one row per arm × country × item × metric, CIs from keyed, sibling and ci95_<name> intervals; unknown shapes still flatten", () => {
    const t = metricsTable({
      run_id: "r",
      arms: ["deep", "demographics"],
      countries: ["KEN"],
      items: [{ id: "Q45" }],
      results: { deep: { KEN: { Q45: { n_ok: 7, comparison: { js_distance: 0.3, ci95: { js_distance: [0.1, 0.6] } } } } } },
      per_country: { KEN: 8 },
      overall: { rate: 0.25, ci95: [0.1, 0.4], n: 16 },
      effect: { Q45: { mean_change: 1.5, ci95_change: [1, 2], ci95_change_naive: [0, 3] } },
      brand_new: { deep: { anything: 2 } },
    });
    expect(t.columns.map((c) => c.name)).toEqual(["arm", "country", "item", "scope", "metric", "value", "ci_low", "ci_high"]);
    const find = (metric: string, scope: string) => t.rows.find((r) => r[4] === metric && r[3] === scope);
    expect(find("js_distance", "results.comparison")).toEqual(["deep", "KEN", "Q45", "results.comparison", "js_distance", 0.3, 0.1, 0.6]);
    expect(find("n_ok", "results")).toEqual(["deep", "KEN", "Q45", "results", "n_ok", 7, null, null]);
    expect(find("per_country", "")).toEqual([null, "KEN", null, "", "per_country", 8, null, null]);
    expect(find("rate", "overall")).toEqual([null, null, null, "overall", "rate", 0.25, 0.1, 0.4]);
    expect(find("n", "overall")?.[6]).toBeNull();
    expect(find("mean_change", "effect")).toEqual([null, null, "Q45", "effect", "mean_change", 1.5, 1, 2]);
    expect(find("ci95_change_naive", "effect")).toEqual([null, null, "Q45", "effect", "ci95_change_naive", null, 0, 3]);
    expect(find("anything", "brand_new")).toEqual(["deep", null, null, "brand_new", "anything", 2, null, null]);
    expect(t.rows.some((r) => r[4] === "run_id")).toBe(false);
  });
});
