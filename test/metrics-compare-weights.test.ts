// `metrics compare --weights rake` against known truth: simulated rows that over-represent the 50+
// (70% of rows) answer Q57 "1" with a share that depends on the age band. raked to the DEU
// population tables, the weighted share of "1" must be the population share (Σ over sex × age
// cells of population share × cell share), the unweighted one is shown alongside and misses it;
// intervals are taken at Kish's n < n. bad input: one line, exit 2.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { runCliCaptured } from "./run-cli-captured.js";
import { populationRakeTargets } from "../scenarios/calibrate/population-rake-targets.js";
import { argv } from "./argv.js";
import { tempDir } from "./temp-dir.js";

const dir = tempDir("dp-metrics-weights-");
const cli = (argv: string[]) => runCliCaptured(["metrics", "compare", ...argv], { cwd: dir });

const YES: Record<string, number> = { "18-29": 0.6, "30-49": 0.35, "50+": 0.1 };
const AGES: Record<string, number> = { "18-29": 24, "30-49": 40, "50+": 63 };

function biasedCsv(n: number): string {
  const rng = createRng("metrics-weights");
  const lines = ["id,country,sex,age,Q57"];
  for (let i = 0; i < n; i++) {
    const band = (["18-29", "30-49", "50+"] as const)[rng.weightedIndex([0.1, 0.2, 0.7])] as string;
    const sex = rng.next() < 0.5 ? "female" : "male";
    lines.push(`${i},DEU,${sex},${AGES[band]},${rng.next() < (YES[band] as number) ? 1 : 2}`);
  }
  return lines.join("\n") + "\n";
}

describe("metrics compare --weights rake", () => {
  const sim = join(dir, "sim.csv");
  writeFileSync(sim, biasedCsv(3000));

  it("weighted shares recover the population share; unweighted alongside; Kish n < n", async () => {
    const r = await cli(argv`--simulated ${sim} --reference wvs:DEU --questions Q57 --weights rake --bootstrap 200 --json`);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      weights: { kind: string; by_country: Record<string, { kish_n: number; n: number }> };
      questions: Record<
        string,
        {
          support: number[];
          simulated_shares: number[];
          kish_n_simulated: number;
          n_simulated: number;
          unweighted: { simulated_shares: number[]; fidelity: unknown };
          fidelity: { value: number };
        }
      >;
      average: { fidelity: unknown; unweighted_fidelity: unknown };
    };
    const t = populationRakeTargets("DEU").sex_age!;
    const truth = Object.entries(t).reduce((s, [cell, p]) => s + p * (YES[cell.split("|")[1] as string] as number), 0);
    const q = out.questions.Q57!;
    const i1 = q.support.indexOf(1);
    expect(Math.abs(q.simulated_shares[i1]! - truth)).toBeLessThan(0.02);
    expect(Math.abs(q.unweighted.simulated_shares[i1]! - truth)).toBeGreaterThan(0.05);
    expect(out.weights.kind).toBe("rake");
    expect(out.weights.by_country.DEU!.n).toBe(3000);
    expect(q.kish_n_simulated).toBeLessThan(3000);
    expect(q.kish_n_simulated).toBeCloseTo(out.weights.by_country.DEU!.kish_n, 0);
    expect(q.n_simulated).toBe(3000);
    expect(q.unweighted.fidelity).toBeDefined();
    expect(out.average.unweighted_fidelity).toBeDefined();
    const text = await cli(["--simulated", sim, "--reference", "wvs:DEU", "--questions", "Q57", "--weights", "rake", "--bootstrap", "0"]);
    expect(text.stdout).toMatch(
      /weights: rows raked to the DEU population \(sex_age, education_level, settlement\), Kish n \d+\.\d of 3000/,
    );
  });

  it("bad input: one line, exit 2", async () => {
    const noAge = join(dir, "no-age.csv");
    writeFileSync(noAge, "sex,Q57\nfemale,1\nmale,2\n");
    const a = await cli(["--simulated", noAge, "--reference", "wvs:DEU", "--weights", "rake"]);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split("\n")).toHaveLength(1);
    expect(a.stderr).toMatch(/--weights rake needs sex and age columns/);
    const b = await cli(["--simulated", sim, "--reference", "wvs:DEU", "--weights", "post"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--weights 'post' must be none or rake/);
    const c = await cli(["--simulated", sim, "--reference", "wvs:DEU", "--weights", "rake", "--recipe", "deeppersona-official"]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/categorical recipe only/);
  });
});
