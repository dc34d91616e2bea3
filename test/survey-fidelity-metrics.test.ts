// an offline survey's metrics.json holds the methodologist's sections (issue 13): fidelity with
// floor/uniform per arm × country × item, paired contrasts deep vs every other arm with verdicts
// decided by CIs, subgroups vs the conditional references, country_rank, sd_ratio, entropy_ratio,
// country-mean correlation — and it parses with its zod schema.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SurveyMetricsSchema } from "../scenarios/survey/survey-metrics-schema.js";
import type { ItemDistributionMetrics } from "../scenarios/survey/item-distribution-metrics.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";

const root = tempDir("dp-survey-fid-");
const ITEMS = ["Q45", "Q46", "Q57"];
const COUNTRIES = ["KEN", "DEU", "JPN"];

describe("survey metrics.json: fidelity, contrasts, subgroups, ranks, spread", () => {
  it("offline run with two baselines has every section per arm × country (× item)", async () => {
    const dir = join(root, "fid");
    const r = await cli(argv`survey run --countries ${COUNTRIES.join(",")} --per-country 12 --items ${ITEMS.join(",")}
      --baseline cultural-prompting,demographics --out ${dir}`);
    expect(r.code, r.stderr).toBe(0);
    const raw = readJson(dir, "metrics.json");
    expect(SurveyMetricsSchema.safeParse(raw).success).toBe(true);
    const m = raw as ItemDistributionMetrics;
    expect(m.contrasts.focal).toBe("deep");
    expect(Object.keys(m.contrasts.arms).sort()).toEqual(["cultural-prompting", "demographics"]);
    for (const arm of m.arms) {
      expect(m.fidelity.pooled[arm]?.overall.ci, arm).toHaveLength(2);
      for (const c of COUNTRIES) {
        expect(m.country_rank[arm]?.[c]?.of, `${arm} ${c}`).toBeGreaterThan(30);
        expect(m.country_rank[arm]?.[c]?.rank).toEqual(expect.any(Number));
        for (const item of ITEMS) {
          const cell = m.fidelity.cells[arm]?.[c]?.[item];
          expect(cell?.n_units, `${arm} ${c} ${item}`).toBeGreaterThanOrEqual(8);
          expect(cell?.n_units).toBeLessThanOrEqual(12);
          const js = cell?.metrics.js_distance;
          expect(js?.floor).toBeGreaterThan(0);
          expect(js?.uniform).toBeGreaterThan(0);
          expect(cell?.fidelity.ci).toHaveLength(2);
          expect(m.entropy_ratio[arm]?.[c]?.[item]).toEqual(expect.any(Number));
          expect(m.sd_ratio[arm]?.[c]).toHaveProperty(item);
        }
      }
      expect(m.country_mean_correlation[arm]?.countries).toBe(3);
    }
    for (const [other, con] of Object.entries(m.contrasts.arms)) {
      for (const c of COUNTRIES)
        for (const item of ITEMS) {
          const x = con.by_cell[c]?.[item];
          expect(x?.ci, `${other} ${c} ${item}`).toHaveLength(2);
          // a verdict other than tie needs a CI that excludes 0
          if (x?.verdict === "better") expect(x.ci![0]).toBeGreaterThan(0);
          if (x?.verdict === "worse") expect(x.ci![1]).toBeLessThan(0);
          if (x?.verdict === "tie") expect(x.ci![0] <= 0 && x.ci![1] >= 0).toBe(true);
        }
    }
    // closest is decided by paired CIs: a single arm only when it is decided
    for (const c of COUNTRIES)
      for (const item of ITEMS) {
        const cell = m.closest[c]?.[item];
        expect(cell?.decided).toBe(cell?.arms.length === 1);
      }
    // subgroups: the test personas carry sex/age/education/settlement anchors
    const sub = m.subgroups.deep?.DEU?.Q57;
    expect(sub).toBeDefined();
    const any = Object.values(sub ?? {})[0];
    expect(any?.real.value).toEqual(expect.any(Number));
    expect(any?.levels.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
