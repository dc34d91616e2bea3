// `metrics compare` on a run's wide CSV: one comparison per arm × country when those columns
// exist (never silently pooled), --pool for the pooled comparison.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "./run-cli-captured.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";

const root = tempDir("dp-compare-groups-");
const sim = join(root, "responses-wide.csv");
const ref = join(root, "ref.csv");
// deep answers 1, the baseline 4: pooled they look like a 50/50 mix
writeFileSync(
  sim,
  [
    "persona_id,country,arm,sample,Q46",
    "a,KEN,deep,0,1",
    "b,KEN,deep,0,1",
    "a,KEN,demographics,0,4",
    "b,KEN,demographics,0,4",
    "c,DEU,deep,0,1",
    "c,DEU,demographics,0,4",
  ].join("\n") + "\n",
);
writeFileSync(ref, "Q46\n1\n1\n1\n1\n");

describe("metrics compare groups by arm and country", () => {
  it("one result per arm × country, each with only its own rows", async () => {
    const r = await runCliCaptured(argv`metrics compare --simulated ${sim} --reference ${ref} --questions Q46 --bootstrap 0
      --json`);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      grouped_by: string[];
      groups: { arm: string; country: string; rows_simulated: number; questions: { Q46: { mean_simulated: number } } }[];
    };
    expect(out.grouped_by).toEqual(["arm", "country"]);
    expect(out.groups.map((g) => `${g.arm}/${g.country}/${g.rows_simulated}/${g.questions.Q46.mean_simulated}`)).toEqual([
      "deep/KEN/2/1",
      "demographics/KEN/2/4",
      "deep/DEU/1/1",
      "demographics/DEU/1/4",
    ]);
    const text = await runCliCaptured(argv`metrics compare --simulated ${sim} --reference ${ref} --questions Q46 --bootstrap 0`);
    expect(text.stdout).toMatch(/## arm deep · country KEN/);
  });

  it("--pool compares every row together", async () => {
    const r = await runCliCaptured(argv`metrics compare --simulated ${sim} --reference ${ref} --questions Q46 --bootstrap 0
      --json --pool`);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { rows_simulated: number; questions: { Q46: { mean_simulated: number } } };
    expect(out.rows_simulated).toBe(6);
    expect(out.questions.Q46.mean_simulated).toBe(2.5);
  });
});
