// SIGKILL a child process that is writing a run, resume in-process, and check the records equal
// those of an uninterrupted run: no duplicates, no losses.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runKeyedTasks } from "../core/run/run-keyed-tasks.js";
import { openRunStore, type RunStoreMode } from "../core/store/open-run-store.js";
import { createFakeClock } from "./fake-clock.js";
import { crashManifest, crashTasks } from "./fixtures/crash-tasks.js";

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, "fixtures", "crash-writer.ts");
const TOTAL = 60;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "dp-crash-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** start the writer, wait until it reports `killAfter` appended records, then SIGKILL it */
function runAndKill(dir: string, args: string[], killAfter: number): Promise<{ appended: number; signal: NodeJS.Signals | null }> {
  // node --import tsx rather than `npx tsx`: npx and tsx's cli are wrapper processes, and killing
  // the wrapper would leave the writer running
  const child = spawn(process.execPath, ["--import", "tsx", writer, dir, ...args], {
    cwd: join(here, ".."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let appended = 0;
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    appended += (chunk.toString().match(/^appended /gm) ?? []).length;
    if (appended >= killAfter) child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ appended, signal });
      else reject(new Error(`writer exited with code ${code} before it was killed: ${stderr}`));
    });
  });
}

const open = (dir: string, mode: RunStoreMode) => openRunStore({ dir, mode, manifest: crashManifest, clock: createFakeClock().now });
const lines = async (path: string) =>
  (await readFile(path, "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { key: string });
const sorted = <T extends { key: string }>(records: T[]) => [...records].sort((a, b) => a.key.localeCompare(b.key));

async function reference(): Promise<Array<{ key: string }>> {
  const dir = join(root, "reference");
  await runKeyedTasks({ store: await open(dir, "create"), file: "responses.jsonl", tasks: crashTasks(TOTAL), concurrency: 4 });
  return lines(join(dir, "responses.jsonl"));
}

describe("crash (SIGKILL) and resume", () => {
  it("a killed writer's run resumes to exactly the records of an uninterrupted run", async () => {
    const dir = join(root, "run");
    const killed = await runAndKill(dir, [String(TOTAL), "40", "4"], 20);
    expect(killed.signal).toBe("SIGKILL");
    const before = await lines(join(dir, "responses.jsonl")).catch(() => []);
    expect(before.length).toBeGreaterThanOrEqual(20);
    expect(before.length).toBeLessThan(TOTAL);
    expect(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"))).toMatchObject({ status: "running" });

    const summary = await runKeyedTasks({
      store: await open(dir, "resume"),
      file: "responses.jsonl",
      tasks: crashTasks(TOTAL),
      concurrency: 4,
    });
    expect(summary).toMatchObject({ status: "complete", alreadyDone: before.length, completed: TOTAL - before.length });
    const after = await lines(join(dir, "responses.jsonl"));
    expect(after).toHaveLength(TOTAL);
    expect(new Set(after.map((r) => r.key)).size).toBe(TOTAL);
    expect(sorted(after)).toEqual(sorted(await reference()));
  });

  it("a writer killed in the middle of a line leaves a torn tail that resume truncates", async () => {
    const dir = join(root, "run");
    await runAndKill(dir, [String(TOTAL), "25", "1", "tear"], 25);
    const raw = await readFile(join(dir, "responses.jsonl"), "utf8");
    expect(raw.endsWith('"text":"half a rec')).toBe(true);

    const store = await open(dir, "resume");
    expect(store.recovered).toMatchObject([{ file: "responses.jsonl", line: 26, reason: "torn-tail", action: "truncated" }]);
    const summary = await runKeyedTasks({ store, file: "responses.jsonl", tasks: crashTasks(TOTAL), concurrency: 4 });
    expect(summary).toMatchObject({ status: "complete", alreadyDone: 25, completed: TOTAL - 25 });
    const after = await lines(join(dir, "responses.jsonl"));
    expect(after.map((r) => r.key)).not.toContain("item-999");
    expect(sorted(after)).toEqual(sorted(await reference()));
  });
});
