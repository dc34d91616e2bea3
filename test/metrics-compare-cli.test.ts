// `deeppersona metrics compare` end to end (in-process runCli): the JSON shape of the issue,
// hand-checked values, wvs: references, the official recipe on the authors' files, and one-line
// exit-2 errors for bad input.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";
import { runCliCaptured } from "./run-cli-captured.js";
import { sharedDataDir } from "../core/package-root.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";

const dir = tempDir("dp-metrics-cli-");

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const cli = (argv: string[]) => runCliCaptured(["metrics", "compare", ...argv], { cwd: dir });

// sim Q254 = [1,1,2,3] (+ a blank and a "not a national" 5), ref = [1,2,2,2,3,4]: KS 1/3, W1 7/12
const sim = file("sim.csv", 'id,country,Q254,Q46\n1,"DEU, West",1,1\n2,DEU,1,2\n3,DEU,2,2\n4,DEU,3,\n5,DEU,,3\n6,DEU,5,2\n');
const ref = file("ref.csv", "Q254,Q46,extra\n1,1,x\n2,2,x\n2,2,x\n2,3,x\n3,4,x\n4,2,x\n");

describe("metrics compare", () => {
  it("--json has the issue's shape and hand-checked values", async () => {
    const r = await cli(["--simulated", sim, "--reference", ref, "--questions", "Q254,Q46", "--json", "--bootstrap", "200"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.recipe).toBe("categorical");
    expect(j.js_log_base).toBe(2);
    expect(Object.keys(j.questions)).toEqual(["Q254", "Q46"]);
    const q = j.questions.Q254;
    for (const k of [
      "n_simulated",
      "n_reference",
      "ks",
      "wasserstein",
      "js_divergence",
      "js_distance",
      "total_variation",
      "mean_simulated",
      "mean_reference",
      "mean_diff",
      "ci95",
    ]) {
      expect(q, k).toHaveProperty(k);
    }
    expect(q.n_simulated).toBe(4);
    expect(q.missing_simulated).toBe(2); // blank + code 5
    expect(q.n_reference).toBe(6);
    expect(q.ks).toBeCloseTo(1 / 3, 12);
    expect(q.wasserstein).toBeCloseTo(7 / 12, 12);
    expect(q.mean_diff).toBeCloseTo(7 / 12, 12);
    expect(q.ci95.mean_simulated).toHaveLength(2);
    expect(q.ci95.ks).toBeUndefined(); // distances get no interval
    for (const k of ["ks", "wasserstein", "js_divergence", "js_distance", "mean_diff"]) expect(j.average, k).toHaveProperty(k);
    expect(j.average.ks).toBeCloseTo((q.ks + j.questions.Q46.ks) / 2, 12);
  });

  it("default questions: shared item columns (ids and extra columns ignored); table output says log base 2", async () => {
    const r = await cli(["--simulated", sim, "--reference", ref, "--bootstrap", "0"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("log base 2");
    expect(r.stdout).toMatch(/Q254\s+4\s+6\s+0\.333\s+0\.583/);
    expect(r.stdout).toContain("average");
  });

  it("--reference wvs:DEU compares with the shipped weighted distribution (simulated side resampled)", async () => {
    const r = await cli(["--simulated", sim, "--reference", "wvs:DEU", "--json", "--bootstrap", "100"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.questions).sort()).toEqual(["Q254", "Q46"]);
    expect(j.questions.Q46.n_reference).toBeGreaterThan(1000);
    expect(j.questions.Q46.reference_quality).toBe("high");
    expect(j.questions.Q254.reference_shares).toHaveLength(4);
  });

  it("--reference-rows uses the first N reference rows", async () => {
    const r = await cli(argv`--simulated ${sim} --reference ${ref} --questions Q254 --reference-rows 2 --json --bootstrap 0`);
    expect(JSON.parse(r.stdout).questions.Q254.n_reference).toBe(2);
  });

  const bad: [string, string[], RegExp][] = [
    ["missing file", ["--simulated", "nope.csv", "--reference", ref], /simulated file 'nope.csv' not found/],
    ["unknown question", ["--simulated", sim, "--reference", ref, "--questions", "Q255"], /unknown question 'Q255'.*close matches: Q254/],
    [
      "question absent from the reference",
      ["--simulated", file("s2.csv", "Q1\n1\n"), "--reference", ref, "--questions", "Q1"],
      /unknown question 'Q1': not a column of/,
    ],
    ["unknown country", ["--simulated", sim, "--reference", "wvs:DEX"], /unknown country 'DEX'.*close matches: DEU/],
    [
      "no reference for the item there",
      ["--simulated", file("s3.csv", "Q218\n1\n"), "--reference", "wvs:EGY", "--questions", "Q218"],
      /no WVS-7 reference for 'Q218' in EGY/,
    ],
    ["bad recipe", ["--simulated", sim, "--reference", ref, "--recipe", "oficial"], /unknown recipe 'oficial'/],
    ["bad bootstrap", ["--simulated", sim, "--reference", ref, "--bootstrap", "many"], /--bootstrap must be an integer/],
    [
      "reference rows with wvs:",
      ["--simulated", sim, "--reference", "wvs:DEU", "--reference-rows", "5"],
      /--reference-rows needs a CSV reference/,
    ],
    ["no shared items", ["--simulated", file("s4.csv", "a,b\n1,2\n"), "--reference", ref], /no item columns in common/],
  ];
  for (const [label, argv, message] of bad) {
    it(`bad input (${label}) → one line, exit 2`, async () => {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
});

const canada = sharedDataDir() ? join(sharedDataDir() as string, "deeppersona-official-canada") : undefined;
describe.skipIf(!canada)("metrics compare --recipe deeppersona-official on the authors' Canada files", () => {
  if (!canada) it.skip("../shared/data is absent: skipped", () => {});
  it("reproduces their 'Ours vs WVS' row values (first 40 WVS rows), incl. the Q57 rounding ties", async () => {
    const r = await cli(argv`--simulated ${join(canada as string, "our_responses.csv")}
      --reference ${join(canada as string, "all_Canda_survey_responses.csv")} --reference-rows 40
      --recipe deeppersona-official --json --bootstrap 0`);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.js_log_base).toBe("e");
    const q = j.questions;
    const r3 = (x: number) => Number(x.toFixed(3));
    expect([r3(q.Q45.ks), r3(q.Q45.ks_pvalue), r3(q.Q45.wasserstein), r3(q.Q45.js_distance)]).toEqual([0.2, 0.405, 0.191, 0.405]);
    expect([r3(q.Q57.wasserstein), r3(q.Q57.mean_simulated), r3(q.Q57.mean_diff)]).toEqual([0.858, 2.433, 0.859]);
    expect(r3(q.Q184.wasserstein)).toBe(1.741);
    expect(q.Q45.js_divergence).toBeCloseTo(q.Q45.js_distance ** 2, 14);
  });
});
