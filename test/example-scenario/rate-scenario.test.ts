// the example scenario (rate-scenario.ts) runs through the generic scenario command: offline to
// completion, and interrupted (ctrl-c) then resumed to the same bytes as the uninterrupted run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioCommand } from "../../cli/scenario-command.js";
import { runCliCaptured } from "../run-cli-captured.js";
import { rateScenario } from "./rate-scenario.js";
import { tempDir } from "../temp-dir.js";
import { testPersonasFile } from "../test-personas-file.js";
import { readJsonl } from "../read-jsonl.js";

const tmp = tempDir("deeppersona-example-scenario-");
const personas = testPersonasFile(join(tmp, "personas.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 6);

const command = scenarioCommand({
  name: "example rate",
  summary: "each persona rates one statement 1–5",
  description: "test only",
  examples: [],
  flags: rateScenario.flags,
  load: async () => rateScenario,
});
const commands = [{ name: "example rate", summary: command.summary, load: async () => ({ command }) }];
const rate = (out: string, extra: string[] = [], signal?: AbortController) =>
  runCliCaptured(["example", "rate", "--personas", personas, "--seed", "3", "--concurrency", "1", "--out", out, ...extra], {
    commands,
    ...(signal ? { signal: signal.signal, onStderr: (text: string) => /ratings 4\/12/.test(text) && signal.abort() } : {}),
  });
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("an example scenario through the generic command", () => {
  it("runs offline to completion: records, metrics, the manifest config is the parsed spec", async () => {
    const res = await rate(join(tmp, "full"));
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/example rate: complete — 12 ratings, mean [1-5]\.\d\d/);
    const rows = readJsonl<{ rating: number; model: string; prompt_version: string }>(tmp, "full", "ratings.jsonl");
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r).toMatchObject({ model: "offline", prompt_version: "rate@1" });
    const manifest = JSON.parse(read(join(tmp, "full"), "manifest.json")) as { command: string; config: Record<string, unknown> };
    expect(manifest.command).toBe("example rate");
    expect(manifest.config).toMatchObject({
      statement: "My town should ban cars from its centre.",
      seed: 3,
      attributes: null,
      concurrency: 1,
      temperature: 1,
      top_p: 1,
    });
  }, 60_000);

  it("ctrl-c mid-phase (exit 130), then --resume → byte-identical to the uninterrupted run", async () => {
    const dir = join(tmp, "cut");
    const cut = await rate(dir, [], new AbortController());
    expect(cut.code).toBe(130);
    const partial = read(dir, "ratings.jsonl").trim().split("\n").length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(12);
    const resumed = await rate(dir, ["--resume"]);
    expect(resumed.code).toBe(0);
    for (const file of ["personas.jsonl", "ratings.jsonl", "metrics.json"])
      expect(read(dir, file), file).toBe(read(join(tmp, "full"), file));
  }, 60_000);

  it("bad input → one line, exit 2, nothing written", async () => {
    const res = await rate(join(tmp, "bad"), ["--statement", ""]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(() => read(join(tmp, "bad"), "manifest.json")).toThrow();
  });
});
