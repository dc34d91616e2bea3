// `deeppersona demo`: offline, no key; exits 0 with the summary table, also on a second run
// (its default run directory is replaced).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, readRows } from "./survey-cli.js";
import { tempDir } from "./temp-dir.js";

const cwd = tempDir("dp-demo-");

describe("demo", () => {
  it("runs a small offline survey, prints the summary table, and works again on a second invocation", async () => {
    for (let run = 0; run < 2; run++) {
      const r = await cli(["demo", "--per-country", "3"], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/arm\s+rows\s+ok\s+refused\s+invalid\s+fidelity \[95% CI\]/);
      for (const arm of ["deep", "cultural-prompting", "demographics"]) expect(r.stdout).toMatch(new RegExp(`${arm}\\s+54\\s`));
      expect(r.stdout).toContain(join(cwd, "runs", "demo-1", "report.md"));
      expect(r.stderr).toMatch(/offline/);
    }
    expect(readRows(join(cwd, "runs", "demo-1"))).toHaveLength(3 * 3 * 6 * 3);
    expect(existsSync(join(cwd, "runs", "demo-1", "metrics.json"))).toBe(true);
  });

  it("an explicit --out that holds a run is not overwritten without --force", async () => {
    const out = join(cwd, "mine");
    expect((await cli(["demo", "--per-country", "2", "--out", out], { cwd })).code).toBe(0);
    const again = await cli(["demo", "--per-country", "2", "--out", out], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    expect((await cli(["demo", "--per-country", "2", "--out", out, "--force"], { cwd })).code).toBe(0);
  });
});
