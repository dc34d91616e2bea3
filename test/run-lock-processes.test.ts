// issue 14, defects 2 and 9 with real processes (`node dist/cli/main.js`, built by npm test) against
// the fake server with latency (a run that takes a few seconds):
// - two processes started on the same --out (fresh, resume, force): exactly one runs, the other
//   exits 2 naming the holder; no record is duplicated (was: both "complete", 43% duplicated);
// - SIGTERM and SIGHUP behave like ctrl-c: stop scheduling, flush, manifest "incomplete", no lock
//   left, exit 143 / 129, and --resume completes with every record exactly once.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./fake-openai-server.js";
import { TEST_CACHE_DIR, writeTestPersonas } from "./survey-cli.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(repo, "dist", "cli", "main.js");
const root = mkdtempSync(join(tmpdir(), "dp-lock-proc-"));
const personas = join(root, "personas.jsonl");
writeTestPersonas(personas, { KEN: "Kenya" }, 4);
const TOTAL = 4 * 3;
// the cases run concurrently (each waits on server latency, not on the CPU); the live-run case has
// a slow server of its own
let srv: FakeOpenAIServer;
let slow: FakeOpenAIServer;
beforeAll(async () => {
  [srv, slow] = await Promise.all([startFakeOpenAIServer({ latencyMs: 250 }), startFakeOpenAIServer({ latencyMs: 1500 })]);
});
afterAll(async () => {
  await Promise.all([srv.close(), slow.close()]);
  rmSync(root, { recursive: true, force: true });
});

interface Child {
  pid: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

function start(out: string, extra: string[] = [], server: FakeOpenAIServer = srv): Child {
  const args = [
    main,
    "survey",
    "run",
    "--instrument",
    "wvs",
    "--personas",
    personas,
    "--items",
    "Q45,Q46,Q57",
    "--concurrency",
    "1",
    "--model",
    `openai:fake@${server.url}`,
    "--no-cache",
    "--out",
    out,
    ...extra,
  ]; // no response cache: each run must take its time
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: { ...process.env, DEEPPERSONA_CACHE_DIR: TEST_CACHE_DIR, CI: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { pid: child.pid as number, stderr: () => stderr, exited, kill: (s) => child.kill(s) };
}

async function until(what: () => boolean, child: Child): Promise<void> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (!what()) {
    if (exited) throw new Error(`the child exited first: ${child.stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const keys = (out: string) =>
  readFileSync(join(out, "responses.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { key: string }).key);
const manifest = (out: string) => JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { status: string; reason: string | null };
const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

/** start two writers on `out` at once; exactly one may run */
async function race(out: string, extra: string[]): Promise<void> {
  const a = start(out, extra);
  const b = start(out, extra);
  const [ra, rb] = await Promise.all([a.exited, b.exited]);
  const codes = [ra.code, rb.code].sort();
  expect(codes, `${a.stderr()}\n---\n${b.stderr()}`).toEqual([0, 2]);
  const loser = ra.code === 2 ? a : b;
  const winner = ra.code === 2 ? b : a;
  const last = lines(loser.stderr()).at(-1) ?? "";
  expect(last).toMatch(
    new RegExp(
      `^deeppersona survey run: (run directory '.*' is in use by pid ${winner.pid} on .* \\(survey run, since .*\\); wait for it to finish or stop it, or choose another --out|run directory '.*' exists; pass --resume to continue it or --force to overwrite)$`,
    ),
  );
  expect(loser.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  const k = keys(out);
  expect(k).toHaveLength(TOTAL);
  expect(new Set(k).size).toBe(TOTAL);
  expect(manifest(out).status).toBe("complete");
  expect(existsSync(join(out, "run.lock"))).toBe(false);
}

describe.skipIf(!existsSync(main))("two writers on one --out (real processes)", { timeout: 180_000, concurrent: true }, () => {
  it("a second writer on a live run is refused naming the holder, for every mode", async () => {
    const out = join(root, "live");
    const a = start(out, [], slow); // a run of ~18 s: the second writers all start while it is live
    await until(() => /responses \d+\//.test(a.stderr()), a);
    const others = [[], ["--resume"], ["--force"]].map((extra) => start(out, extra));
    for (const b of others) {
      expect((await b.exited).code).toBe(2);
      expect(lines(b.stderr())).toEqual([
        expect.stringMatching(new RegExp(`^deeppersona survey run: run directory '.*' is in use by pid ${a.pid} on `)),
      ]);
    }
    slow.set({ latencyMs: 250 });
    expect((await a.exited).code, a.stderr()).toBe(0);
    const k = keys(out);
    expect(k).toHaveLength(TOTAL);
    expect(new Set(k).size).toBe(TOTAL);
  });

  it("fresh: two started at once, exactly one runs", async () => {
    await race(join(root, "fresh"), []);
  });

  it("resume: two --resume of an interrupted run started at once, exactly one runs, no duplicate", async () => {
    const out = join(root, "resume");
    const first = start(out);
    await until(() => /responses 2\//.test(first.stderr()), first);
    first.kill("SIGTERM");
    expect((await first.exited).code).toBe(143);
    expect(manifest(out).status).toBe("incomplete");
    await race(out, ["--resume"]);
  });

  it("force: two --force over a finished run started at once, exactly one runs", async () => {
    const out = join(root, "force");
    const first = start(out);
    expect((await first.exited).code, first.stderr()).toBe(0);
    await race(out, ["--force"]);
  });
});

describe.skipIf(!existsSync(main))("SIGTERM and SIGHUP behave like ctrl-c (defect 9)", { timeout: 180_000, concurrent: true }, () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("%s: stop scheduling, flush, manifest incomplete, no lock, exit %i; --resume completes", async (signal, code) => {
    const out = join(root, `signal-${signal}`);
    const child = start(out);
    await until(() => /responses 2\//.test(child.stderr()), child);
    child.kill(signal);
    const exit = await child.exited;
    expect(exit.code, child.stderr()).toBe(code);
    expect(manifest(out)).toMatchObject({ status: "incomplete" });
    expect(manifest(out).reason).toMatch(/cancelled/);
    expect(existsSync(join(out, "run.lock"))).toBe(false);
    const partial = keys(out);
    expect(partial.length).toBeGreaterThanOrEqual(2);
    expect(partial.length).toBeLessThan(TOTAL);

    const resumed = start(out, ["--resume"]);
    expect((await resumed.exited).code, resumed.stderr()).toBe(0);
    const k = keys(out);
    expect(k).toHaveLength(TOTAL);
    expect(new Set(k).size).toBe(TOTAL);
  });
});
