// a survey run killed with SIGKILL mid-way and restarted with --resume ends with exactly the rows
// of an uninterrupted run with the same seed: no duplicates, no losses. spawns the built bin.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { TEST_CACHE_DIR, cli, comparable, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { runBin } from "./run-bin.js";
import { suiteServer } from "./suite-server.js";
import { tempDir } from "./temp-dir.js";
import { testPersonasFile } from "./test-personas-file.js";

const root = tempDir("dp-survey-crash-");
const personas = testPersonasFile(join(root, "personas.jsonl"), { KEN: "Kenya", DEU: "Germany" }, 6);
const srv = suiteServer(() => startFakeOpenAIServer({ latencyMs: 25 }));
const TOTAL = 36;

const args = (out: string) => argv`survey run --personas ${personas} --items Q45,Q46,Q57 --seed 9 --concurrency 2
  --model openai:fake@${srv.url} --out ${out}`;
const lineCount = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0);
const env = { ...process.env, DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR };

/** runs the bin and SIGKILLs it once `killAfter` rows are on disk */
async function runAndKill(out: string, killAfter: number): Promise<NodeJS.Signals | null> {
  const { code, signal, stderr } = await runBin(args(out), {
    env,
    killWhen: () => lineCount(join(out, "responses.jsonl")) >= killAfter,
    pollMs: 5,
  });
  if (signal === "SIGKILL") return signal;
  throw new Error(`survey run exited with ${code} before it was killed: ${stderr}`);
}

describe("survey run: SIGKILL and --resume", () => {
  it("ends with exactly the rows of an uninterrupted run", async () => {
    const reference = join(root, "reference", "run");
    expect((await cli(args(reference))).code).toBe(0);
    const out = join(root, "killed", "run");
    expect(await runAndKill(out, 8)).toBe("SIGKILL");
    const before = readRows(out).length;
    expect(before).toBeGreaterThanOrEqual(8);
    expect(before).toBeLessThan(TOTAL);
    expect(readJson(out, "manifest.json").status).toBe("running");
    // async spawn: the fake server lives in this process and must keep answering
    const resumed = await runBin([...args(out), "--resume"], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = readRows(out);
    expect(after).toHaveLength(TOTAL);
    expect(new Set(after.map((r) => r.key)).size).toBe(TOTAL);
    expect(comparable(after)).toEqual(comparable(readRows(reference)));
  }, 120_000); // three CLI runs (reference, killed, resumed): slow on a loaded 2-core machine
});
