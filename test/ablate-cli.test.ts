// `deeppersona ablate` offline: 2 countries × 3 items, the seven rungs on the same personas, the
// ladder with paired CIs on stdout and ablation.json; bad input exits 2 without writing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, readRows } from "./survey-cli.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";

const cwd = tempDir("dp-ablate-");
const LADDER = ["uniform", "empty", "demographics", "deep-25", "deep-50", "deep-100", "deep-220"];

describe("ablate", () => {
  it("prints the depth ladder with paired CIs for 2 countries × 3 items", async () => {
    const out = join(cwd, "abl");
    const r = await cli(
      ["ablate", "--countries", "DEU,KEN", "--items", "Q45,Q46,Q47", "--per-country", "6", "--bootstrap", "100", "--out", out],
      { cwd },
    );
    expect(r.code, r.stderr).toBe(0);
    for (const arm of LADDER) expect(r.stdout).toMatch(new RegExp(`^${arm}\\s+-?\\d\\.\\d{3}\\s+\\[`, "m"));
    expect(r.stdout).toMatch(/smallest rung not beaten by a deeper rung: (uniform|empty|demographics|deep-\d+)/);
    const file = readJson(out, "ablation.json") as {
      rungs: { arm: string; fidelity: { value: number; ci: [number, number] | null } }[];
      contrasts: { ci: [number, number] | null }[];
      cells: number;
      comparisons: number;
      contrast_confidence: number;
    };
    expect(file.rungs.map((x) => x.arm)).toEqual(LADDER);
    expect(
      file.rungs.every((x) => x.fidelity.ci !== null && x.fidelity.ci[0] <= x.fidelity.value && x.fidelity.value <= x.fidelity.ci[1]),
    ).toBe(true);
    expect(file.contrasts).toHaveLength((7 * 6) / 2);
    expect(file.contrasts.every((c) => c.ci !== null)).toBe(true);
    expect(file.comparisons).toBe(21);
    expect(file.contrast_confidence).toBeCloseTo(1 - 0.05 / 21, 10);
    expect(r.stdout).toMatch(/Bonferroni over the 21 rung pairs/);
    expect(file.cells).toBeGreaterThanOrEqual(4);
    // the same personas answer in every persona arm
    const rows = readRows(join(out, "survey"));
    const personasOf = (arm: string) => new Set(rows.filter((x) => x.arm === arm).map((x) => x.persona_id));
    expect([...personasOf("deep-25")].sort()).toEqual([...personasOf("demographics")].sort());
  }, 600_000);

  it("names a missing flag in one line, exit 2, nothing written", async () => {
    const r = await cli(["ablate", "--countries", "DEU", "--out", join(cwd, "bad")], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--items is required/);
    const w = await cli(["ablate", "--countries", "DEU", "--items", "Q57", "--weights", "census", "--out", join(cwd, "bad")], { cwd });
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/--weights 'census' must be none or rake/);
    expect(existsSync(join(cwd, "bad"))).toBe(false);
  });
});
