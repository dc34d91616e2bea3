// stress end to end, offline (users, target and judge all the built-in model): outputs and
// counts, determinism (two runs byte-identical, whatever the concurrency), ctrl-c + --resume
// byte-identical to an uninterrupted run, and bad input (one line, exit 2, nothing written).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProbeSet } from "../scenarios/stress/load-probes.js";
import { cli } from "./survey-cli.js";
import { outputBytes, readConversations, readExchanges, readJudgements, readMetrics } from "./stress-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-stress-");
const PROBES = ["med-stop-medication", "mh-pills-question", "syc-antibiotics-flu"];
const base = ["stress", "--countries", "KEN,IND", "--per-country", "4", "--probes", PROBES.join(","), "--turns", "2", "--bootstrap", "200"];

describe("stress (offline)", () => {
  const dir = join(root, "a", "run");
  it("KEN,IND × 4 personas × 3 probes × 2 turns → personas, exchanges, conversations, judgements, metrics with CIs per category and segment, report", async () => {
    const r = await cli([...base, "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "personas.jsonl"), "utf8").trim().split("\n")).toHaveLength(8);
    const exchanges = readExchanges(dir);
    expect(exchanges).toHaveLength(8 * 3 * 2);
    expect(new Set(exchanges.map((e) => e.key)).size).toBe(48);
    expect(exchanges[0]).toMatchObject({
      turn: 1,
      probe_id: PROBES[0],
      user: { model: "offline", latency_ms: 0, prompt_version: "speak-system@1+speak@1+stress-user@1" },
      assistant: { model: "offline", prompt_version: "stress-target@1" },
    });
    const conversations = readConversations(dir);
    expect(conversations).toHaveLength(24);
    for (const c of conversations) {
      expect(c.turns.map((t) => t.role)).toEqual(["user", "assistant", "user", "assistant"]);
      expect(c).toMatchObject({ target: "offline", user_model: "offline", probe_set: "stress-probes@1" });
      expect(c.usage.user.total_tokens).toBeGreaterThan(0);
    }
    const judgements = readJudgements(dir);
    expect(judgements).toHaveLength(24);
    const rubric = new Map(loadProbeSet().probes.map((p) => [p.id, p.rubric]));
    for (const j of judgements) {
      expect(j).toMatchObject({ status: "ok", reason: null, judge: "offline", prompt_version: "stress-judge@1" });
      expect(Object.keys(j.labels ?? {})).toEqual(rubric.get(j.probe_id));
      expect(Object.keys(j.reasons ?? {})).toEqual(rubric.get(j.probe_id));
    }
    const m = readMetrics(dir);
    expect(m.synthetic).toEqual({ users: true, target: true, judge: true, any: true });
    expect(Object.keys(m.categories)).toEqual(["medical", "mental-health", "sycophancy"]);
    expect(m.counts).toEqual({ personas: 8, conversations: 24, judged_ok: 24, judged_invalid: 0 });
    expect(m.categories.medical?.any_failure.ci95).toHaveLength(2);
    expect(m.categories.medical?.dimensions.safety?.labels.safe?.ci95).toHaveLength(2);
    expect(Object.keys(m.segments)).toEqual(["country", "sex", "age_group", "religion", "education_level"]);
    expect(Object.keys(m.segments.country ?? {})).toEqual(["KEN", "IND"]);
    const ken = m.segments.country?.KEN;
    expect(ken?.personas).toBe(4);
    expect(ken?.overall.conversations).toBe(12);
    expect(ken?.overall.any_failure.ci95).toHaveLength(2);
    expect(ken?.categories.sycophancy?.dimensions.sycophancy?.failure.ci95).toHaveLength(2);
    expect(m.disparities).toMatchObject({ min_personas: 10, min_n: 30, tested: 0 }); // 4 personas per country: too small to test
    const report = readFileSync(join(dir, "report.md"), "utf8");
    expect(report).toContain("Synthetic run");
    expect(report).toContain("## Results by category");
    expect(report).toContain("## Disparities between persona segments");
    expect(report).toMatch(/## Example transcripts by failure label[\s\S]*> \*\*User:\*\*/);
    expect(r.stdout).toMatch(/^mental-health\s+8\s+0\s/m);
    expect(r.stdout).toMatch(/^all\s+24\s+0\s/m);
    expect(r.stderr).toMatch(/exchanges 48\/48/);
    expect(r.stderr).toMatch(/judgements 24\/24/);
    expect(readJson(dir, "manifest.json")).toMatchObject({
      status: "complete",
      command: "stress",
      models: { users: "offline", target: "offline", judge: "offline" },
    });
  });

  it("the same seed gives byte-identical outputs, whatever the concurrency; --resume of a complete run changes nothing", async () => {
    const again = join(root, "b", "run");
    expect((await cli([...base, "--concurrency", "1", "--out", again])).code).toBe(0);
    expect(outputBytes(again)).toEqual(outputBytes(dir));
    const resumed = await cli([...base, "--concurrency", "1", "--out", again, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(outputBytes(again)).toEqual(outputBytes(dir));
  });

  it("ctrl-c during the exchanges (exit 130, resumable); --resume ends byte-identical to an uninterrupted run", async () => {
    const personas = testPersonasFile(join(root, "p-cancel.jsonl"), { KEN: "Kenya", IND: "India" }, 3);
    const args = argv`stress --personas ${personas} --probes ${PROBES.join(",")} --turns 2 --concurrency 2 --seed 5
      --bootstrap 100`;
    const full = join(root, "full", "run");
    expect((await cli([...args, "--out", full])).code).toBe(0);
    const out = join(root, "cancel", "run");
    const r = await cli([...args, "--out", out], { abortOn: /exchanges \d+\/36/ });
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/--resume/);
    const partial = readExchanges(out).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(36);
    expect(existsSync(join(out, "judgements.jsonl"))).toBe(false);
    expect(readJson(out, "manifest.json").status).toBe("incomplete");
    const resumed = await cli([...args, "--out", out, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(outputBytes(out)).toEqual(outputBytes(full));
  });

  it("bad input → one line, exit 2, nothing written", async () => {
    const promptDir = join(root, "prompt-dir");
    mkdirSync(promptDir, { recursive: true });
    const cases: [string[], RegExp][] = [
      [["--probes", "medical,vibes"], /unknown probe or category 'vibes'/],
      [["--probes", "med-stop-medicaton"], /did you mean med-stop-medication/],
      [["--target-system", "prompts/missing.txt"], /cannot read --target-system file 'prompts\/missing.txt'/],
      [["--target-system", promptDir], /is a directory/],
      [["--target", "gpt-4o"], /--target: invalid model spec 'gpt-4o'/],
      [["--judge", "openai:"], /--judge: invalid model spec/],
      [["--model", "bogus:claude"], /--model: invalid model spec/],
      [["--turns", "0"], /--turns must be an integer from 1 to 10/],
      [["--countries", "XX"], /XX/],
    ];
    for (const [args, message] of cases) {
      const out = join(root, "bad");
      const r = await cli(["stress", "--countries", "KEN", "--per-country", "2", ...args, "--out", out]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("--target-system FILE is the target's prompt, recorded by source and hash", async () => {
    const file = join(root, "system.txt");
    writeFileSync(file, "You are Aya, a cautious health assistant.\n");
    const personas = testPersonasFile(join(root, "p-sys.jsonl"), { KEN: "Kenya" }, 1);
    const out = join(root, "sys");
    const r = await cli(argv`stress --personas ${personas} --probes med-meal-plan --turns 1 --target-system ${file} --out ${out}`);
    expect(r.code, r.stderr).toBe(0);
    const m = readMetrics(out);
    expect(m.target_system).toMatchObject({ source: `file:${file}`, chars: 41 });
    expect(readJson(out, "manifest.json").config.targetSystem.text).toBe("You are Aya, a cautious health assistant.");
  });
});
