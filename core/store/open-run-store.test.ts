import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createFakeClock } from "../../test/fake-clock.js";
import { readJson } from "../../test/read-json.js";
import { readJsonl } from "../../test/read-jsonl.js";
import { UsageError } from "../errors.js";
import { openRunStore, type OpenRunStoreOptions } from "./open-run-store.js";
import { runEventSchema } from "./run-event.js";
import { runManifestSchema } from "./run-manifest.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "dp-store-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const manifest = {
  command: "survey run",
  config: { n: 10, countries: ["ARG", "BRA"], budgetUsd: 1 },
  seed: 42,
  models: { chat: "offline" },
};
const options = (dir: string, mode: OpenRunStoreOptions["mode"], extra: Partial<OpenRunStoreOptions> = {}): OpenRunStoreOptions => ({
  dir,
  mode,
  manifest,
  clock: createFakeClock().now,
  ...extra,
});

describe("openRunStore", () => {
  it("creates missing parents; a path the file system refuses (procfs) fails at once instead of hanging", async () => {
    const dir = join(root, "a", "b", "run");
    await (await openRunStore(options(dir, "create"))).finish("complete");
    expect(await readdir(dir)).toContain("manifest.json");
    if (process.platform === "linux")
      await expect(openRunStore(options("/proc/deeppersona-test/run", "create"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("creates a run directory with a manifest and a run-start event", async () => {
    const dir = join(root, "run-a");
    const store = await openRunStore(options(dir, "create", { manifest: { ...manifest, data_versions: { taxonomy: "1.0" } } }));
    const written = runManifestSchema.parse(readJson(dir, "manifest.json"));
    expect(written).toMatchObject({ run_id: "run-a", command: "survey run", seed: 42, status: "running", reason: null });
    expect(written.created_at).toBe("2025-01-01T00:00:00.000Z");
    expect(written.data_versions).toEqual({ taxonomy: "1.0" });
    expect(written.package_version).toMatch(/^\d+\.\d+\.\d+/);
    await store.close();
    const events = readJsonl<Record<string, unknown>>(dir, "events.jsonl").map((e) => runEventSchema.parse(e));
    expect(events).toEqual([
      { seq: 0, ts: Date.UTC(2025, 0, 1), type: "run-start", run_id: "run-a", command: "survey run", resumed: false },
    ]);
  });

  it("refuses to write into an existing non-empty directory without --resume or --force", async () => {
    const dir = join(root, "run");
    await (await openRunStore(options(dir, "create"))).close();
    const err = await openRunStore(options(dir, "create")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).code).toBe("E_RUN_EXISTS");
    expect((err as UsageError).message).toBe(`run directory '${dir}' exists; pass --resume to continue it or --force to overwrite`);
  });

  it("accepts an existing empty directory", async () => {
    const dir = join(root, "empty");
    await mkdir(dir);
    await (await openRunStore(options(dir, "create"))).close();
    expect((await readdir(dir)).sort()).toEqual(["events.jsonl", "manifest.json"]);
  });

  it("--force clears an existing run directory", async () => {
    const dir = join(root, "run");
    const first = await openRunStore(options(dir, "create"));
    await first.append("responses.jsonl", { key: "a", v: 1 });
    await first.finish("complete");
    const second = await openRunStore(options(dir, "force"));
    expect(second.has("responses.jsonl", "a")).toBe(false);
    await second.close();
    expect((await readdir(dir)).sort()).toEqual(["events.jsonl", "manifest.json"]);
    expect(readJsonl<Record<string, unknown>>(dir, "events.jsonl").map((e) => e.type)).toEqual(["run-start"]);
  });

  it("--force refuses to clear a directory that is not a run directory", async () => {
    const dir = join(root, "home");
    await mkdir(dir);
    await writeFile(join(dir, "precious.txt"), "keep me");
    await expect(openRunStore(options(dir, "force"))).rejects.toThrow(/refusing to clear .* not a run directory/);
    expect(await readdir(dir)).toEqual(["precious.txt"]);
  });

  it("--resume needs an existing run directory", async () => {
    await expect(openRunStore(options(join(root, "nope"), "resume"))).rejects.toThrow(/does not exist; drop --resume/);
    const dir = join(root, "plain");
    await mkdir(dir);
    await expect(openRunStore(options(dir, "resume"))).rejects.toThrow(/not a run directory \(no manifest.json\)/);
    await writeFile(join(dir, "manifest.json"), "{not json");
    await expect(openRunStore(options(dir, "resume"))).rejects.toBeInstanceOf(UsageError);
  });

  it("--resume refuses different settings and names every mismatching key", async () => {
    const dir = join(root, "run");
    await (await openRunStore(options(dir, "create"))).finish("incomplete", "cancelled");
    const changed = { ...manifest, seed: 7, config: { ...manifest.config, n: 20, countries: ["ARG"] } };
    const err = (await openRunStore(options(dir, "resume", { manifest: changed })).catch((e: unknown) => e)) as UsageError;
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain("seed (was 42, now 7)");
    expect(err.message).toContain("config.n (was 10, now 20)");
    expect(err.message).toContain('config.countries (was ["ARG","BRA"], now ["ARG"])');
    expect(err.details).toEqual({ mismatches: expect.any(Array) as unknown });
  });

  it("--resume allows a changed budget, records the resume and continues event seq numbers", async () => {
    const dir = join(root, "run");
    const clock = createFakeClock();
    const first = await openRunStore(options(dir, "create", { clock: clock.now }));
    await first.append("responses.jsonl", { key: "a" });
    await first.finish("incomplete", "budget cap reached");
    clock.advance(60_000);
    const second = await openRunStore(
      options(dir, "resume", { clock: clock.now, manifest: { ...manifest, config: { ...manifest.config, budgetUsd: 5 } } }),
    );
    expect(second.resumed).toBe(true);
    expect(second.manifest).toMatchObject({ status: "running", reason: null, resumed_at: ["2025-01-01T00:01:00.000Z"] });
    expect(second.manifest.config.budgetUsd).toBe(5);
    expect(second.has("responses.jsonl", "a")).toBe(true);
    const final = await second.finish("complete");
    expect(final.counts).toEqual({ "responses.jsonl": 1 });
    const events = readJsonl<Record<string, unknown>>(dir, "events.jsonl");
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    const third = await openRunStore(options(dir, "resume"));
    expect((await third.readEvents()).map((e) => e.type)).toEqual(["run-start", "run-end", "run-start", "run-end", "run-start"]);
    await third.close();
    expect(events.map((e) => e.type)).toEqual(["run-start", "run-end", "run-start", "run-end"]);
  });
});

describe("RunStore", () => {
  it("appends keyed records, ignores repeated keys and reads them back in order", async () => {
    const store = await openRunStore(options(join(root, "run"), "create"));
    expect(await store.append("personas.jsonl", { key: "p1", name: "a" })).toBe(true);
    expect(await store.append("personas.jsonl", { key: "p1", name: "again" })).toBe(false);
    expect(await store.append("personas.jsonl", { key: "p2", name: "b" })).toBe(true);
    expect(store.has("personas.jsonl", "p1")).toBe(true);
    expect(store.has("responses.jsonl", "p1")).toBe(false);
    expect(store.count("personas.jsonl")).toBe(2);
    expect(await store.read("personas.jsonl")).toEqual([
      { key: "p1", name: "a" },
      { key: "p2", name: "b" },
    ]);
    const typed = await store.read("personas.jsonl", z.object({ key: z.string(), name: z.string() }));
    expect(typed[1]?.name).toBe("b");
    await expect(store.read("personas.jsonl", z.object({ key: z.string(), age: z.number() }))).rejects.toThrow(/invalid record 'p1'/);
    expect(await store.read("missing.jsonl")).toEqual([]);
    await store.close();
  });

  it("serializes concurrent appends: every line is one whole record", async () => {
    const dir = join(root, "run");
    const store = await openRunStore(options(dir, "create"));
    const big = "x".repeat(5000);
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.append("r.jsonl", { key: `k${i}`, big })));
    await store.close();
    const lines = readJsonl<Record<string, unknown>>(dir, "r.jsonl");
    expect(lines.map((l) => l.key)).toEqual(Array.from({ length: 200 }, (_, i) => `k${i}`));
  });

  it("finish writes status, reason and counts, emits run-end and refuses later appends", async () => {
    const dir = join(root, "run");
    const store = await openRunStore(options(dir, "create"));
    await store.append("r.jsonl", { key: "a" });
    await store.finish("incomplete", "cancelled: 1 of 3 done", { completed: 1 });
    const written = runManifestSchema.parse(readJson(dir, "manifest.json"));
    expect(written).toMatchObject({ status: "incomplete", reason: "cancelled: 1 of 3 done", counts: { "r.jsonl": 1, completed: 1 } });
    const events = readJsonl<Record<string, unknown>>(dir, "events.jsonl");
    expect(events.at(-1)).toMatchObject({ type: "run-end", status: "incomplete", reason: "cancelled: 1 of 3 done" });
    await expect(store.append("r.jsonl", { key: "b" })).rejects.toThrow(/closed/);
    await expect(store.append("other.jsonl", { key: "b" })).rejects.toThrow(/closed/);
    await expect(store.finish("complete")).rejects.toThrow(/already finished/);
  });

  it("rejects bad file names, records without a key and invalid events", async () => {
    const store = await openRunStore(options(join(root, "run"), "create"));
    expect(() => store.has("../x.jsonl", "a")).toThrow(/invalid run file name/);
    expect(() => store.has("events.jsonl", "a")).toThrow(/invalid run file name/);
    await expect(store.append("r.jsonl", { key: "" })).rejects.toThrow(/no string 'key'/);
    // @ts-expect-error missing required field
    await expect(store.event({ type: "task-done", file: "r.jsonl" })).rejects.toThrow(/invalid 'task-done' event/);
    await store.close();
  });
  it("eventFields adds fields after an event's own (never overriding them); onEvent sees every event written", async () => {
    const dir = join(root, "run");
    const seen: string[] = [];
    const store = await openRunStore(
      options(dir, "create", {
        eventFields: (input, seq) => (input.type === "run-start" ? undefined : { tokens: seq * 10, cost_usd: 0.5, type: "ignored" }),
        onEvent: (event) => seen.push(`${event.seq}:${event.type}`),
      }),
    );
    await store.event({ type: "tasks-start", file: "r.jsonl", total: 1, already_done: 0, pending: 1 });
    await store.finish("complete");
    const lines = readJsonl<Record<string, unknown>>(dir, "events.jsonl");
    expect(lines[0]).toEqual({ seq: 0, ts: Date.UTC(2025, 0, 1), type: "run-start", run_id: "run", command: "survey run", resumed: false });
    expect(Object.keys(lines[1] ?? {})).toEqual(["seq", "ts", "type", "file", "total", "already_done", "pending", "tokens", "cost_usd"]);
    expect(lines[1]).toMatchObject({ type: "tasks-start", tokens: 10, cost_usd: 0.5 });
    expect(lines[2]).toMatchObject({ type: "run-end", tokens: 20 });
    expect(seen).toEqual(["0:run-start", "1:tasks-start", "2:run-end"]);
  });
});
