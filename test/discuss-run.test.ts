// discuss end to end, offline (the built-in model): outputs and counts, byte-identical reruns,
// ctrl-c + --resume = the uninterrupted run, a stance-only control run, bad input.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DiscussionMetrics } from "../scenarios/discussion/discussion-metrics.js";
import type { MeasureRecord } from "../scenarios/discussion/measure-record.js";
import type { TurnRecord } from "../scenarios/discussion/turn-record.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-discuss-");
const TOPIC = argv`--topic ${"Should my town ban cars from the centre?"}
  --treatment ${"Moderator: a study found the ban cut asthma admissions by 20%."}`;
const bytes = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 8);

describe("discuss (offline)", () => {
  // personas from a file keep the test fast; generation is the survey's personas phase, tested there
  it("KEN,DEU × 8 personas, groups of 4, 2 rounds, both arms, Q46 → every file, turn and measure", async () => {
    const dir = join(root, "gen");
    const r = await cli(["discuss", "--personas", personas, ...TOPIC, "--measure", "Q46", "--rounds", "2", "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ["manifest.json", "events.jsonl", "personas.jsonl", "turns.jsonl", "measures.jsonl", "metrics.json", "report.md"])
      expect(existsSync(join(dir, f)), f).toBe(true);
    const turns = readJsonl<TurnRecord>(dir, "turns.jsonl");
    expect(turns).toHaveLength(4 * 2 * 4); // groups × rounds × group size
    expect(turns[0]).toMatchObject({
      run_id: expect.stringMatching(/^discuss-[0-9a-f]{8}$/),
      round: 1,
      turn: 1,
      model: "offline",
      latency_ms: 0,
      prompt_version: "speak-system@1+speak@1+discussion-turn@1",
    });
    for (const k of ["arm", "group", "persona_id", "text", "usage"]) expect(turns[0]).toHaveProperty(k);
    const measures = readJsonl<MeasureRecord>(dir, "measures.jsonl");
    const ids = readJsonl<{ id: string }>(dir, "personas.jsonl").map((p) => p.id);
    expect(ids).toHaveLength(16);
    for (const phase of ["pre", "post"])
      expect(
        measures
          .filter((m) => m.phase === phase)
          .map((m) => m.persona_id)
          .sort(),
      ).toEqual([...ids].sort());
    expect(measures.find((m) => m.phase === "post")?.prompt_version).toBe("survey-system@1+answer-item@1+discussion-memory@1");
    // a group's members share its arm; each arm holds two groups, one per country
    const arms = new Map<string, Set<string>>();
    for (const t of turns) arms.set(t.group, (arms.get(t.group) ?? new Set()).add(t.arm));
    expect([...arms.values()].every((s) => s.size === 1)).toBe(true);
    const m = JSON.parse(bytes(dir, "metrics.json")) as DiscussionMetrics;
    expect(m.design.groups).toEqual({ control: 2, treatment: 2 });
    expect(m.synthetic).toBe(true);
    for (const arm of ["control", "treatment"])
      expect(m.results[arm]?.Q46).toMatchObject({ n_groups: 2, mean_change: expect.any(Number), share_changed: expect.any(Number) });
    expect(m.treatment_effect?.Q46?.estimate).toEqual(expect.any(Number));
    expect(m.treatment_effect?.Q46?.ci95).toHaveLength(2);
    expect(m.bootstrap.unit).toBe("group");
    const report = bytes(dir, "report.md");
    expect(report).toContain("Synthetic run");
    expect(report).toContain("## Treatment effect");
    expect(report).toContain("## Transcript excerpts");
    expect(report).toContain("A study found the ban cut asthma admissions by 20%.");
    expect(r.stdout).toMatch(/treatment\s+Q46\s+2\s+8/);
    expect(r.stdout).toMatch(/treatment effect/);
    expect(r.stderr).toMatch(/turns 32\/32/);
    expect(JSON.parse(bytes(dir, "manifest.json"))).toMatchObject({ status: "complete", command: "discuss" });
  });

  const args = ["discuss", "--personas", personas, ...TOPIC, "--measure", "Q46,Q57", "--rounds", "2", "--concurrency", "2", "--seed", "5"];
  it("the same seed twice → byte-identical turns.jsonl and measures.jsonl", async () => {
    const a = join(root, "a", "run");
    const b = join(root, "b", "run");
    expect((await cli([...args, "--out", a])).code).toBe(0);
    expect((await cli([...args, "--concurrency", "7", "--out", b])).code).toBe(0);
    for (const f of ["turns.jsonl", "measures.jsonl", "personas.jsonl"]) expect(bytes(b, f), f).toBe(bytes(a, f));
    expect(readJsonl(a, "measures.jsonl")).toHaveLength(2 * 16 * 2);
  });

  it("ctrl-c mid-discussion (exit 130) + --resume → exactly the files of the uninterrupted run", async () => {
    const out = join(root, "cancel", "run");
    const r = await cli([...args, "--out", out], { abortOn: /turns \d+\/32/ });
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/--resume/);
    const partial = readJsonl(out, "turns.jsonl").length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(32);
    expect(JSON.parse(bytes(out, "manifest.json")).status).toBe("incomplete");
    const resumed = await cli([...args, "--out", out, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const full = join(root, "a", "run");
    for (const f of ["turns.jsonl", "measures.jsonl"]) expect(bytes(out, f), f).toBe(bytes(full, f));
  });

  it("--stance alone with the control arm only: item STANCE on 1–10, no treatment effect", async () => {
    const small = testPersonasFile(join(root, "small.jsonl"), { KEN: "Kenya" }, 4);
    const out = join(root, "stance");
    const r = await cli(argv`discuss --personas ${small} --topic ${"Ban cars?"} --arms control
      --stance ${"Should cars be banned from the centre?"} --group-size 2 --rounds 1 --post-memory none --out ${out}`);
    expect(r.code, r.stderr).toBe(0);
    expect(readJsonl(out, "turns.jsonl")).toHaveLength(4);
    const measures = readJsonl<MeasureRecord>(out, "measures.jsonl");
    expect(measures).toHaveLength(8);
    expect(
      measures.every((x) => x.item === "STANCE" && x.instrument === "custom" && (x.value === null || (x.value >= 1 && x.value <= 10))),
    ).toBe(true);
    expect(measures.every((x) => x.prompt_version === "survey-system@1+answer-item@1")).toBe(true);
    const m = JSON.parse(bytes(out, "metrics.json")) as DiscussionMetrics;
    expect(m.treatment_effect).toBeNull();
    expect(m.warnings.join(" ")).toMatch(/noise floor/);
  });

  it("bad input → one line, exit 2, nothing written", async () => {
    const one = testPersonasFile(join(root, "one.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 1);
    const gen = ["--countries", "KEN", "--per-country", "8"];
    const cases: [string[], RegExp][] = [
      [[...gen, "--measure", "Q46"], /--topic/],
      [[...gen, ...TOPIC], /--measure Q46.*--stance/],
      [[...gen, ...TOPIC, "--measure", "Q999"], /unknown item 'Q999'/],
      [[...gen, "--topic", "x", "--measure", "Q46"], /treatment arm needs --treatment/],
      [[...gen, ...TOPIC, "--measure", "Q46", "--arms", "control,placebo"], /unknown arm 'placebo'/],
      [[...gen, ...TOPIC, "--measure", "Q46", "--arms", "control"], /--treatment is only shown in the treatment arm/],
      [[...gen, ...TOPIC, "--measure", "Q46", "--group-size", "1"], /--group-size must be an integer from 2/],
      [[...gen, ...TOPIC, "--measure", "Q46", "--post-memory", "all"], /--post-memory/],
      [["--countries", "KEN", "--per-country", "4", ...TOPIC, "--measure", "Q46"], /1 discussion group cannot fill 2 arms/],
      [["--personas", one, ...TOPIC, "--measure", "Q46"], /has 1 persona; a discussion group needs at least 2/],
      [["--countries", "XX", "--per-country", "4", ...TOPIC, "--measure", "Q46"], /XX/],
    ];
    for (const [a, message] of cases) {
      const out = join(root, "bad");
      const r = await cli(["discuss", ...a, "--out", out]);
      expect(r.code, a.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});
