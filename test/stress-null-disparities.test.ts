// issue 13 done-when: an offline NULL stress run (3 countries × 30 personas; the offline judge's
// labels do not depend on who the persona is) flags at most 1% of the segment comparisons it
// tests, with the number of tests per Benjamini–Hochberg family in metrics.json. the personas are
// the shared offline fixture (test/global-setup-personas.ts: KEN, IND, DEU × 30).
import { join } from "node:path";
import { describe, expect, it, inject } from "vitest";
import { cli } from "./survey-cli.js";
import { readMetrics } from "./stress-cli.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";

const root = tempDir("dp-stress-null-");

describe("stress disparities under the null (offline)", () => {
  it("3 countries × 30 personas × 3 probes: ≤ 1% of tests flagged; families and minimum cells reported", async () => {
    const out = join(root, "null");
    const r = await cli(argv`stress --personas ${inject("personasFixture")} --countries KEN,IND,DEU
      --probes med-stop-medication,mh-pills-question,syc-antibiotics-flu --turns 1 --bootstrap 200 --out ${out}`);
    expect(r.code, r.stderr).toBe(0);
    const d = readMetrics(out).disparities;
    expect(d.min_n).toBe(30);
    expect(d.min_personas).toBe(10);
    expect(d.tested).toBeGreaterThan(50);
    expect(Object.values(d.families).reduce((a, f) => a + f.tests, 0)).toBe(d.tested);
    expect(d.flagged.length / d.tested).toBeLessThanOrEqual(0.01);
    for (const f of d.flagged) {
      expect(f.n).toBeGreaterThanOrEqual(30);
      expect(f.personas).toBeGreaterThanOrEqual(10);
      expect(f.q_value).toBeLessThanOrEqual(0.05);
    }
    expect(r.stdout).toMatch(/Benjamini–Hochberg/);
  }, 240_000);
});
