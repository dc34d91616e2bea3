// defects 1 and 2 of issue 14: --force must not empty a folder that is not this tool's run, and
// a run directory has exactly one writer (run.lock), with stale locks of dead writers taken over.
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "../../test/fake-clock.js";
import { UsageError } from "../errors.js";
import { openRunStore, type OpenRunStoreOptions } from "./open-run-store.js";
import { LOCK_FILE, readRunLock } from "./run-lock.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "dp-safety-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const manifest = { command: "survey run", config: { n: 1 }, seed: 1, models: { chat: "offline" } };
const options = (dir: string, mode: OpenRunStoreOptions["mode"], extra: Partial<OpenRunStoreOptions> = {}): OpenRunStoreOptions => ({
  dir,
  mode,
  manifest,
  clock: createFakeClock().now,
  ...extra,
});
const refusal = async (dir: string, mode: OpenRunStoreOptions["mode"] = "force", extra: Partial<OpenRunStoreOptions> = {}) => {
  const err = await openRunStore(options(dir, mode, extra)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UsageError);
  return (err as UsageError).message;
};
/** a pid that is certainly not running: a child that has exited */
const deadPid = (): number => spawnSync(process.execPath, ["-e", "0"]).pid as number;

describe("--force only clears this tool's run directories (defect 1)", () => {
  it("refuses a folder whose manifest.json is a browser-extension manifest, touching nothing", async () => {
    const dir = join(root, "extension");
    await mkdir(join(dir, "src"), { recursive: true });
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ manifest_version: 3, name: "my extension", version: "1.0" }));
    await writeFile(join(dir, "notes.txt"), "precious");
    await writeFile(join(dir, "src", "main.js"), "console.log(1)");
    expect(await refusal(dir)).toBe(
      `refusing to clear '${dir}' with --force: its manifest.json is not a deeppersona run manifest; choose another --out`,
    );
    expect((await readdir(dir)).sort()).toEqual(["manifest.json", "notes.txt", "src"]);
    expect(await readFile(join(dir, "notes.txt"), "utf8")).toBe("precious");
  });

  it("refuses a run of another command", async () => {
    const dir = join(root, "run");
    await (await openRunStore(options(dir, "create", { manifest: { ...manifest, command: "personas generate" } }))).finish("complete");
    expect(await refusal(dir)).toBe(
      `refusing to clear '${dir}' with --force: it holds a 'personas generate' run, not a 'survey run' run; choose another --out`,
    );
  });

  it("refuses a run directory holding a file or folder the tool did not write, naming it", async () => {
    const dir = join(root, "run");
    await (await openRunStore(options(dir, "create"))).finish("complete");
    await writeFile(join(dir, "notes.txt"), "mine");
    expect(await refusal(dir)).toBe(
      `refusing to clear '${dir}' with --force: 'notes.txt' is not a file this tool wrote (move it away first); choose another --out`,
    );
    await rm(join(dir, "notes.txt"));
    await mkdir(join(dir, "extra.jsonl"));
    expect(await refusal(dir)).toContain("'extra.jsonl' is not a file this tool wrote");
  });

  it("clears a previous run of the same command: its jsonl files, outputs and temp files", async () => {
    const dir = join(root, "run");
    const first = await openRunStore(options(dir, "create"));
    await first.append("responses.jsonl", { key: "a" });
    await first.finish("complete");
    for (const name of ["report.md", "report.html", "metrics.json", "responses.csv", "manifest.json.tmp-123"])
      await writeFile(join(dir, name), "x");
    const second = await openRunStore(options(dir, "force"));
    expect(second.count("responses.jsonl")).toBe(0);
    await second.finish("complete");
    expect((await readdir(dir)).sort()).toEqual(["events.jsonl", "manifest.json"]);
  });
});

describe("run.lock: one writer per run directory (defect 2)", () => {
  it("holds pid, host and start time while the run is open and is removed when it finishes", async () => {
    const dir = join(root, "run");
    const store = await openRunStore(options(dir, "create"));
    expect(readRunLock(dir)).toEqual({ pid: process.pid, host: hostname(), started_at: "2025-01-01T00:00:00.000Z", command: "survey run" });
    await store.finish("complete");
    expect(readRunLock(dir)).toBeUndefined();
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });

  it("a second writer (resume, force or create) is refused naming the holder, and writes nothing", async () => {
    const dir = join(root, "run");
    const store = await openRunStore(options(dir, "create"));
    await store.append("responses.jsonl", { key: "a" });
    const before = (await readdir(dir)).sort();
    for (const mode of ["resume", "force", "create"] as const) {
      const err = await openRunStore(options(dir, mode)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).code).toBe("E_RUN_LOCKED");
      expect((err as UsageError).message).toBe(
        `run directory '${dir}' is in use by pid ${process.pid} on ${hostname()} (survey run, since 2025-01-01T00:00:00.000Z); wait for it to finish or stop it, or choose another --out`,
      );
    }
    expect((await readdir(dir)).sort()).toEqual(before);
    await store.finish("complete");
    expect(await readFile(join(dir, "responses.jsonl"), "utf8")).toBe('{"key":"a"}\n');
  });

  it("two writers racing to create the same directory: exactly one wins", async () => {
    const dir = join(root, "race");
    const results = await Promise.allSettled([openRunStore(options(dir, "create")), openRunStore(options(dir, "create"))]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((lost?.reason as UsageError).exitCode).toBe(2);
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof openRunStore>>>).value.finish("complete");
  });

  it("a stale lock (its pid is gone on this host) is taken over by --resume", async () => {
    const dir = join(root, "run");
    const store = await openRunStore(options(dir, "create"));
    await store.append("responses.jsonl", { key: "a" });
    await store.close();
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), host: hostname(), started_at: "2020-01-01T00:00:00.000Z", command: "survey run" }),
    );
    const resumed = await openRunStore(options(dir, "resume"));
    expect(readRunLock(dir)?.pid).toBe(process.pid);
    expect(resumed.count("responses.jsonl")).toBe(1);
    await resumed.finish("complete");
  });

  it("a lock from another host is never presumed stale; the message says how to remove it", async () => {
    const dir = join(root, "run");
    await (await openRunStore(options(dir, "create"))).finish("complete");
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), host: "other-host.example", started_at: "2020-01-01T00:00:00.000Z", command: "survey run" }),
    );
    expect(await refusal(dir, "resume")).toContain(`if that process is gone delete '${join(dir, LOCK_FILE)}'`);
  });
});
