// the "deeppersona-official" recipe reproduces every numeric cell of the authors' published
// Canada tables (../shared/data/deeppersona-official-canada, MIT): metrics_results.csv to 3
// decimals (their Python round of the float) and can_vs_wvs_ind_stats.csv to 1e-6.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDataDir } from "../core/package-root.js";
import { officialMetrics, type OfficialMetrics } from "../surveys/metrics/official-recipe.js";
import { toTally } from "../surveys/metrics/tally.js";
import { parseCsvText } from "../surveys/parse-csv-text.js";

const shared = sharedDataDir();
const dir = shared ? join(shared, "deeppersona-official-canada") : undefined;
const QUESTIONS = ["Q45", "Q46", "Q57", "Q184", "Q218", "Q254"];

function columns(file: string): Record<string, number[]> {
  const t = parseCsvText(readFileSync(join(dir as string, file), "utf8"));
  const out: Record<string, number[]> = {};
  for (const q of QUESTIONS) {
    const i = t.header.indexOf(q);
    out[q] = t.rows.map((r) => Number(r[i]));
  }
  return out;
}

function metrics(a: number[], b: number[]): OfficialMetrics {
  return officialMetrics(toTally(a, { keepRaw: true }), toTally(b, { keepRaw: true }));
}

/** Python's round(x, 3) of a float: correctly rounded decimal of the exact binary value */
const round3 = (x: number) => Number(x.toFixed(3));

describe.skipIf(!dir)("deeppersona-official recipe reproduces the authors' Canada numbers", () => {
  if (!dir) it.skip("../shared/data is absent: conformance skipped", () => {});
  it("metrics_results.csv: every numeric cell to 3 decimals (ours vs first 40 WVS rows, LLM vs first 100, OC vs all)", () => {
    const wvs = columns("all_Canda_survey_responses.csv");
    const ours = columns("our_responses.csv");
    const llm = columns("llm_responses.csv");
    const oc = columns("opencharacter_responses.csv");
    const table = parseCsvText(readFileSync(join(dir as string, "metrics_results.csv"), "utf8"));
    const col = (name: string) => {
      const i = table.header.indexOf(name);
      if (i < 0) throw new Error(`column ${name} missing`);
      return i;
    };
    let cells = 0;
    const mismatches: string[] = [];
    for (const row of table.rows) {
      const q = row[0] as string;
      const w = wvs[q] as number[];
      const O = metrics(ours[q] as number[], w.slice(0, 40));
      const L = metrics(llm[q] as number[], w.slice(0, 100));
      const C = metrics(oc[q] as number[], w);
      const expected: Record<string, number> = {
        "Ours-WVS KS": O.ks,
        "Ours-WVS KS_pvalue": O.ks_pvalue as number,
        "Ours-WVS Wasserstein": O.wasserstein,
        "Ours-WVS JS": O.js_distance,
        "Ours Mean": O.mean_simulated,
        "WVS Mean": O.mean_reference,
        "Ours-WVS Mean Diff": O.mean_diff,
        "LLM-WVS KS": L.ks,
        "LLM-WVS KS_pvalue": L.ks_pvalue as number,
        "LLM-WVS Wasserstein": L.wasserstein,
        "LLM-WVS JS": L.js_distance,
        "LLM Mean": L.mean_simulated,
        "LLM-WVS Mean Diff": L.mean_diff,
        "OC-WVS Mean Diff": C.mean_diff,
        "CAN- Mean": C.mean_simulated,
        "WVS Canada Mean": C.mean_reference,
        "OC-WVS KS": C.ks,
        "OC-WVS KS_pvalue": C.ks_pvalue as number,
        "OC-WVS Wasserstein": C.wasserstein,
        "OC-WVS JS": C.js_distance,
      };
      expect(Object.keys(expected).length).toBe(table.header.length - 1);
      for (const [name, value] of Object.entries(expected)) {
        cells++;
        const published = Number(row[col(name)]);
        if (round3(value) !== published) mismatches.push(`${q} ${name}: ours ${value} → ${round3(value)}, published ${published}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(120);
  });

  it("can_vs_wvs_ind_stats.csv: every numeric cell to 1e-6 (OpenCharacter vs all 4,018 WVS rows)", () => {
    const wvs = columns("all_Canda_survey_responses.csv");
    const oc = columns("opencharacter_responses.csv");
    const table = parseCsvText(readFileSync(join(dir as string, "can_vs_wvs_ind_stats.csv"), "utf8"));
    let cells = 0;
    const mismatches: string[] = [];
    for (const row of table.rows) {
      const q = row[0] as string;
      const m = metrics(oc[q] as number[], wvs[q] as number[]);
      const expected: Record<string, number> = {
        "CAN- Mean": m.mean_simulated,
        "WVS Canada Mean": m.mean_reference,
        "CAN- Std": m.std_simulated,
        "WVS Canada Std": m.std_reference,
        Mean_Diff: m.mean_diff,
        KS_Statistic: m.ks,
        KS_pvalue: m.ks_pvalue as number,
        Wasserstein_Distance: m.wasserstein,
        JS_Divergence: m.js_distance,
      };
      expect(Object.keys(expected).length).toBe(table.header.length - 1);
      for (const [name, value] of Object.entries(expected)) {
        cells++;
        const published = Number(row[table.header.indexOf(name)]);
        if (!(Math.abs(value - published) <= 1e-6)) mismatches.push(`${q} ${name}: ours ${value}, published ${published}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(54);
  });
});
