// `deeppersona evaluate personas` offline on 20 of the shared generated personas
// (test/global-setup-personas.ts): evaluation.json with
// uniqueness, actionability, recovery and diversity, each with a CI, labelled synthetic; the same
// seed gives the same file; bad input exits 2.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, inject } from "vitest";
import { cli } from "./survey-cli.js";
import { EvaluationFileSchema } from "../scenarios/evaluate/persona-evaluation.js";
import { tempDir } from "./temp-dir.js";

const cwd = tempDir("dp-evaluate-");

describe("evaluate personas", () => {
  it("writes evaluation.json with every metric and its CI for 20 personas", async () => {
    const run = inject("personasFixture");
    const out = join(cwd, "eval");
    const r = await cli(["evaluate", "personas", run, "--sample", "20", "--out", out], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(out, "evaluation.json"), "utf8");
    const f = EvaluationFileSchema.parse(JSON.parse(text));
    expect(f.personas).toBe(20);
    expect(f.synthetic).toBe(true);
    for (const e of [f.uniqueness, f.actionability]) {
      expect(e.mean).toBeGreaterThanOrEqual(1);
      expect(e.mean).toBeLessThanOrEqual(5);
      expect(e.ci![0]).toBeLessThanOrEqual(e.mean);
      expect(e.ci![1]).toBeGreaterThanOrEqual(e.mean);
    }
    expect(f.recovery.ci).not.toBeNull();
    expect(f.recovery.mean).toBeGreaterThanOrEqual(0);
    expect(f.recovery.mean).toBeLessThanOrEqual(1);
    expect(f.diversity.embedding_distance.mean).toBeGreaterThan(0);
    expect(f.diversity.embedding_distance.ci).not.toBeNull();
    expect(f.per_persona).toHaveLength(20);
    expect(readFileSync(join(out, "evaluation.md"), "utf8")).toMatch(/synthetic placeholder output/);
    const again = await cli(["evaluate", "personas", run, "--sample", "20", "--out", out, "--force"], { cwd });
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, "evaluation.json"), "utf8")).toBe(text);
  }, 600_000);

  it("bad input: one line, exit 2, nothing written", async () => {
    const r = await cli(["evaluate", "personas", join(cwd, "missing"), "--out", join(cwd, "bad")], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no personas at/);
    expect(existsSync(join(cwd, "bad"))).toBe(false);
  });
});
