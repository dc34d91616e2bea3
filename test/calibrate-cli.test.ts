// `deeppersona calibrate` end to end, offline: a small survey run of DEU personas, a pilot of
// n = 100 respondents drawn from the real DEU WVS-7 distributions (known truth), persona twins
// generated and answered by the real command. the corrected 95% intervals must contain the
// reference shares for ≥ 90% of codes, and be closer to the reference than the raw simulation.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./survey-cli.js";
import { drawReferencePilot } from "./helpers/draw-reference-pilot.js";
import { CalibrationFileSchema } from "../scenarios/calibrate/calibrate-shares.js";
import { referenceCoverage, totalVariation } from "../scenarios/calibrate/calibration-report.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";

const cwd = tempDir("dp-calibrate-");
const ITEMS = ["Q45", "Q46", "Q47", "Q57"];

describe("calibrate", () => {
  it("corrects an offline DEU run with a 100-respondent pilot drawn from the reference", async () => {
    const run = join(cwd, "run");
    const r = await cli(
      argv`survey run --instrument wvs --countries DEU --per-country 20 --attributes 25 --items ${ITEMS.join(",")} --seed 3
        --bootstrap 0 --no-dashboard --out ${run}`,
      { cwd },
    );
    expect(r.code, r.stderr).toBe(0);
    const pilot = join(cwd, "pilot.csv");
    writeFileSync(pilot, drawReferencePilot("DEU", ITEMS, 100, "calibrate-test"));

    // bad input: one line, exit 2, nothing written
    const bad = await cli(["calibrate", run, "--pilot", join(cwd, "nope.csv"), "--out", join(cwd, "bad")], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--pilot .*does not exist/);
    expect(existsSync(join(cwd, "bad"))).toBe(false);
    const badWeights = await cli(["calibrate", run, "--pilot", pilot, "--weights", "post", "--out", join(cwd, "bad")], { cwd });
    expect(badWeights.code).toBe(2);
    expect(badWeights.stderr).toMatch(/--weights 'post' must be none or rake/);
    const badStrata = await cli(["calibrate", run, "--pilot", pilot, "--strata", "sex,income", "--out", join(cwd, "bad")], { cwd });
    expect(badStrata.code).toBe(2);
    expect(badStrata.stderr).toMatch(/--strata 'income' is not a subgroup dimension/);
    expect(existsSync(join(cwd, "bad"))).toBe(false);

    const out = join(cwd, "cal");
    const c = await cli(["calibrate", run, "--pilot", pilot, "--out", out], { cwd });
    expect(c.code, c.stderr).toBe(0);
    const file = CalibrationFileSchema.parse(readJson(out, "calibration.json"));
    expect(file.pilot_n).toBe(100);
    // default: personas raked to the population tables, bias per age band where the pilot allows
    expect(file.weights).toBe("rake");
    expect(file.raking!.DEU!.dimensions).toEqual(["sex_age", "education_level", "settlement"]);
    expect(file.raking!.DEU!.kish_n).toBeLessThanOrEqual(20);
    expect(file.strata).toEqual({ by: ["age3"], min_pilot_n: 30 });
    expect(file.cells.map((x) => x.item)).toEqual(ITEMS);
    const cov = referenceCoverage(file.cells);
    expect(cov.total).toBe(3 + 4 + 5 + 2);
    expect(cov.covered / cov.total).toBeGreaterThanOrEqual(0.9);
    for (const cell of file.cells) {
      expect(Object.keys(cell.corrected)).toEqual(Object.keys(cell.reference!));
      expect(cell.n_simulated).toBeGreaterThan(0);
      expect(Object.keys(cell.raw_unweighted!)).toEqual(Object.keys(cell.raw));
      expect(cell.kish_n).toBeLessThanOrEqual(cell.n_simulated);
      // every stratum but a pooled remainder has ≥ 30 pilot respondents; shares sum to 1
      expect(cell.strata!.reduce((a, x) => a + x.population_share, 0)).toBeCloseTo(1, 5);
      if (cell.strata!.length > 1) expect(cell.strata!.every((x) => x.n_pilot >= 30)).toBe(true);
      expect(totalVariation(cell.corrected, cell.reference!)).toBeLessThan(totalVariation(cell.raw, cell.reference!));
    }
    const md = readFileSync(join(out, "calibration.md"), "utf8");
    expect(md).toMatch(/### Improvement: corrected vs raw/);
    expect(md).toMatch(/\| DEU \| Q46 \|/);
    expect(c.stdout).toMatch(/corrected 95% CIs contain the reference share for \d+\/14 codes/);
  }, 600_000);
});
