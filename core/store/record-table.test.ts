import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createFakeClock } from "../../test/fake-clock.js";
import { CallMetadataSchema, callMetadata } from "./call-metadata.js";
import { openRunStore } from "./open-run-store.js";
import { table } from "./record-table.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "dp-table-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const Rating = z.object({ key: z.string(), persona_id: z.string(), rating: z.number().int().min(1).max(5), ...CallMetadataSchema.shape });
const ratings = table("ratings.jsonl", Rating, (r) => r.persona_id);
const call = callMetadata(
  {
    modelSpec: "offline",
    usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    latencyMs: 0.4,
    promptVersion: "rate@1",
    attempts: 1,
    repaired: false,
  },
  { temperature: 1, topP: 0.9 },
);

describe("table(file, schema, keyOf)", () => {
  it("appends records that match (as written, key first), reads them typed, and skips a key it has", async () => {
    const store = await openRunStore({
      dir: join(root, "run"),
      mode: "create",
      manifest: { command: "t", config: {}, seed: 1, models: {} },
      clock: createFakeClock().now,
    });
    expect(await ratings.append(store, { persona_id: "p1", rating: 4, ...call })).toBe(true);
    expect(await ratings.append(store, { persona_id: "p1", rating: 5, ...call })).toBe(false);
    await store.close();
    const line = (await readFile(join(root, "run", "ratings.jsonl"), "utf8")).trim();
    expect(line).toBe(
      '{"key":"p1","persona_id":"p1","rating":4,"model":"offline","usage":{"input_tokens":3,"output_tokens":2,"total_tokens":5},"latency_ms":0,"temperature":1,"top_p":0.9,"prompt_version":"rate@1","attempts":1,"repaired":false}',
    );
    const reopened = await openRunStore({
      dir: join(root, "run"),
      mode: "resume",
      manifest: { command: "t", config: {}, seed: 1, models: {} },
      clock: createFakeClock().now,
    });
    const rows = await ratings.read(reopened);
    expect(rows.map((r) => r.rating)).toEqual([4]);
    expect(ratings.count(reopened)).toBe(1);
    await reopened.close();
  });

  it("refuses a record that does not match its schema or whose key is not its fields' key; nothing is written", async () => {
    const store = await openRunStore({
      dir: join(root, "run"),
      mode: "create",
      manifest: { command: "t", config: {}, seed: 1, models: {} },
      clock: createFakeClock().now,
    });
    await expect(ratings.append(store, { persona_id: "p1", rating: 9, ...call })).rejects.toThrow(
      /ratings\.jsonl: record 'p1' does not match its schema \(rating: /,
    );
    expect(() => ratings.check("p2", { persona_id: "p1", rating: 3, ...call })).toThrow(/record key 'p2' is not its fields' key 'p1'/);
    expect(ratings.count(store)).toBe(0);
    await store.close();
  });
});
