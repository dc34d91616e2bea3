// discuss with the message-only arm (issue 13): its personas read the treatment message and answer
// it alone (one turn each, no group), its effects against control and treatment are reported with
// small-cluster t intervals and the minimum detectable effect.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DiscussionMetrics } from "../scenarios/discussion/discussion-metrics.js";
import type { TurnRecord } from "../scenarios/discussion/turn-record.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-discuss-mo-");

describe("discuss: message-only arm, MDE", () => {
  it("three arms offline: message-only personas speak once, alone; effects carry t intervals and the MDE", async () => {
    const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 12);
    const dir = join(root, "run");
    const r = await cli(argv`discuss --personas ${personas} --topic ${"Should my town ban cars from the centre?"}
      --treatment ${"A study found the ban cut asthma admissions by 20%."} --arms control,treatment,message-only
      --measure Q46 --rounds 2 --bootstrap 300 --out ${dir}`);
    expect(r.code, r.stderr).toBe(0);
    const m = readJson(dir, "metrics.json") as DiscussionMetrics;
    expect(m.arms).toEqual(["control", "treatment", "message-only"]);
    const turns = readJsonl<TurnRecord>(dir, "turns.jsonl");
    const mo = turns.filter((t) => t.arm === "message-only");
    expect(mo.length).toBe(m.design.personas["message-only"]);
    expect(mo.every((t) => t.round === 1 && t.turn === 1)).toBe(true);
    expect(new Set(mo.map((t) => t.group)).size).toBe(mo.length); // each alone
    for (const label of ["treatment − control", "message-only − control", "treatment − message-only"]) {
      const e = m.effects[label]?.Q46;
      expect(e?.estimate, label).toEqual(expect.any(Number));
      expect(e?.mde, label).toBeGreaterThanOrEqual(0);
      expect(e?.df, label).toEqual(expect.any(Number));
    }
    expect(m.results["message-only"]?.Q46?.share_changed_chance).toEqual(expect.any(Number));
    const report = readFileSync(join(dir, "report.md"), "utf8");
    expect(report).toContain("MDE");
    expect(report).toContain("message-only − control");
    expect(r.stdout).toMatch(/MDE/);
  }, 120_000);
});
