// crash damage in jsonl files: detected on resume, trailing damage truncated, middle damage ignored.
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "../../test/fake-clock.js";
import { readJsonl } from "../../test/read-jsonl.js";
import { openRunStore } from "./open-run-store.js";
import { scanJsonl } from "./scan-jsonl.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "dp-recover-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const manifest = { command: "test", config: {}, seed: 1, models: { chat: "offline" } };
const open = (dir: string, mode: "create" | "resume") => openRunStore({ dir, mode, manifest, clock: createFakeClock().now });
const line = (record: object) => `${JSON.stringify(record)}\n`;

describe("resume after a torn last line", () => {
  it("reports the partial final line, truncates it, and later appends stay valid", async () => {
    const dir = join(root, "run");
    const first = await open(dir, "create");
    for (const key of ["a", "b", "c"]) await first.append("responses.jsonl", { key, value: key.toUpperCase() });
    await first.close();
    const file = join(dir, "responses.jsonl");
    const intact = await readFile(file, "utf8");
    await appendFile(file, '{"key":"d","value":"D');

    const resumed = await open(dir, "resume");
    expect(resumed.recovered).toEqual([
      { file: "responses.jsonl", line: 4, offset: Buffer.byteLength(intact), reason: "torn-tail", action: "truncated" },
    ]);
    expect(await readFile(file, "utf8")).toBe(intact);
    expect(resumed.has("responses.jsonl", "d")).toBe(false);
    expect(await resumed.append("responses.jsonl", { key: "d", value: "D" })).toBe(true);
    await resumed.finish("complete");

    const lines = (await readFile(file, "utf8")).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((l) => (JSON.parse(l) as { key: string }).key)).toEqual(["a", "b", "c", "d"]);
    const events = readJsonl<Record<string, unknown>>(dir, "events.jsonl");
    expect(events).toContainEqual(
      expect.objectContaining({ type: "recovered", file: "responses.jsonl", line: 4, reason: "torn-tail", action: "truncated" }),
    );
  });

  it("truncates a torn events.jsonl too and continues its seq numbers", async () => {
    const dir = join(root, "run");
    const first = await open(dir, "create");
    await first.event({ type: "task-done", file: "r.jsonl", key: "a" });
    await first.close();
    await appendFile(join(dir, "events.jsonl"), '{"seq":2,"ts":0,"type":"task-');
    const resumed = await open(dir, "resume");
    expect(resumed.recovered.map((r) => [r.file, r.reason])).toEqual([["events.jsonl", "torn-tail"]]);
    await resumed.close();
    const events = readJsonl<{ seq: number; type: string }>(dir, "events.jsonl");
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [0, "run-start"],
      [1, "task-done"],
      [2, "run-start"],
      [3, "recovered"],
    ]);
  });
});

describe("scanJsonl", () => {
  const scan = (text: string) => scanJsonl(Buffer.from(text), { file: "f.jsonl", keyed: true });

  it("treats an invalid last line as trailing damage even when it ends with a newline", () => {
    const text = line({ key: "a" }) + "{oops}\n";
    const result = scan(text);
    expect(result.records).toEqual([{ key: "a" }]);
    expect(result.validLength).toBe(line({ key: "a" }).length);
    expect(result.recovered).toMatchObject([{ line: 2, reason: "invalid-json", action: "truncated" }]);
  });

  it("cuts several damaged trailing lines, and a final record missing its newline", () => {
    const text = line({ key: "a" }) + line({ nokey: 1 }) + '{"key":"b"}';
    const result = scan(text);
    expect(result.records).toEqual([{ key: "a" }]);
    expect(result.validLength).toBe(line({ key: "a" }).length);
    expect(result.recovered.map((r) => [r.line, r.reason, r.action])).toEqual([
      [2, "missing-key", "truncated"],
      [3, "torn-tail", "truncated"],
    ]);
  });

  it("ignores (never rewrites) damage in the middle and keeps the first of duplicate keys", () => {
    const text = line({ key: "a", v: 1 }) + "garbage\n" + "\n" + line({ key: "a", v: 2 }) + line({ key: "b" });
    const result = scan(text);
    expect(result.records).toEqual([{ key: "a", v: 1 }, { key: "b" }]);
    expect(result.validLength).toBe(Buffer.byteLength(text));
    expect(result.recovered.map((r) => [r.line, r.reason, r.action])).toEqual([
      [2, "invalid-json", "ignored"],
      [4, "duplicate-key", "ignored"],
    ]);
  });

  it("keeps multi-byte text intact and reports byte offsets", () => {
    const text = line({ key: "ü", text: "日本語" }) + '{"key":"é';
    const result = scan(text);
    expect(result.records).toEqual([{ key: "ü", text: "日本語" }]);
    expect(result.validLength).toBe(Buffer.byteLength(line({ key: "ü", text: "日本語" })));
  });

  it("does not require keys in unkeyed files", () => {
    const result = scanJsonl(Buffer.from(line({ seq: 0 }) + line({ seq: 0 })), { file: "events.jsonl", keyed: false });
    expect(result.records).toHaveLength(2);
  });
});
