// a survey run killed with SIGKILL mid-way and restarted with --resume ends with exactly the rows
// of an uninterrupted run with the same seed: no duplicates, no losses. spawns the built bin.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./fake-openai-server.js";
import { TEST_CACHE_DIR, cli, comparable, readRows, writeTestPersonas } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(repo, "dist", "cli", "main.js");
const root = mkdtempSync(join(tmpdir(), "dp-survey-crash-"));
const personas = join(root, "personas.jsonl");
let srv: FakeOpenAIServer;
const TOTAL = 36;

beforeAll(async () => {
  srv = await startFakeOpenAIServer({ latencyMs: 25 });
  writeTestPersonas(personas, { KEN: "Kenya", DEU: "Germany" }, 6);
});
afterAll(async () => {
  await srv?.close();
  rmSync(root, { recursive: true, force: true });
});

const args = (out: string) => argv`survey run --personas ${personas} --items Q45,Q46,Q57 --seed 9 --concurrency 2
  --model openai:fake@${srv.url} --out ${out}`;
const lineCount = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0);

/** runs the bin and SIGKILLs it once `killAfter` rows are on disk */
function runAndKill(out: string, killAfter: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [bin, ...args(out)], {
    cwd: repo,
    env: { ...process.env, DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setInterval(() => {
    if (lineCount(join(out, "responses.jsonl")) >= killAfter) child.kill("SIGKILL");
  }, 5);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearInterval(timer);
      if (signal === "SIGKILL") resolve(signal);
      else reject(new Error(`survey run exited with ${code} before it was killed: ${stderr}`));
    });
  });
}

function runToEnd(argv: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...argv], {
    cwd: repo,
    env: { ...process.env, DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stderr }));
  });
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
    const resumed = await runToEnd([...args(out), "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = readRows(out);
    expect(after).toHaveLength(TOTAL);
    expect(new Set(after.map((r) => r.key)).size).toBe(TOTAL);
    expect(comparable(after)).toEqual(comparable(readRows(reference)));
  }, 120_000); // three CLI runs (reference, killed, resumed): slow on a loaded 2-core machine
});
