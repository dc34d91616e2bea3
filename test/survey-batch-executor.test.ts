// THE done-when test of the batch executor: a survey run through `--executor batch` against the
// fake server — its first batch expires with only part of its output, and some lines come back
// as errors (an output line with status 500, an error-file line `server_error`) — ends with
// exactly the rows of a local (synchronous) run with the same seed. the one field dropped before
// comparing is `latency_ms` (wall-clock time of a remote call: it differs between any two runs,
// local or batch). every other field — answer, raw text, usage, attempts, status, seeds, prompt
// versions, order — must be equal. plus: the batch run's cost is half the local run's, the
// errored/missing requests were resubmitted, and bad uses of --executor batch exit 2.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDryRunSummary, type DryRunSummary } from "../cli/dry-run-plan.js";
import type { ResponseRecord } from "../scenarios/survey/response-record.js";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJson } from "./read-json.js";
import { readJsonl } from "./read-jsonl.js";

const fake = fakeServerSuite("dp-survey-batch-", { KEN: "Kenya", DEU: "Germany" }, 2);
const { root, personas } = fake;
const CHAT = "/v1/chat/completions";
const BATCH_ENV = { DEEPPERSONA_BATCH_POLL_MS: "5", DEEPPERSONA_BATCH_IDLE_MS: "50" };
const args = (out: string, ...more: string[]) => argv`survey run --personas ${personas} --items Q45,Q46,Q57
  --baseline demographics --model openai:gpt-4.1-mini@${fake.srv.url} --seed 11 --out ${join(root, out)} ${more}`;
/** rows without wall-clock latency, the one field two remote runs legitimately differ in */
const withoutLatency = (rows: ResponseRecord[]) => rows.map(({ latency_ms: _l, ...rest }) => rest);
const manifest = (out: string) => readJson(root, out, "manifest.json") as { usage: { cost_usd: number; calls: number } };

describe("survey run --executor batch against the fake Batch API", () => {
  it("an expired batch with partial output and error lines still ends with exactly the rows of a local run (same seed)", async () => {
    const local = await cli(args("local"));
    expect(local.code, local.stderr).toBe(0);
    const localRows = readRows(join(root, "local"));
    expect(localRows.length).toBe(4 * 3 * 2);
    const syncCalls = fake.srv.requestCount(CHAT);

    // batch 1 expires after answering 10 of its lines; of those, line 2 is a 500 and line 5 an error-file server_error
    fake.srv.batch.script([
      { status: "expired", answered: 10, lines: { 2: { in: "output", status: 500 }, 5: { in: "error_file", code: "server_error" } } },
    ]);
    const before = fake.srv.batch.batches.length;
    const batch = await cli(args("batch", "--executor", "batch"), { env: BATCH_ENV });
    expect(batch.code, batch.stderr).toBe(0);
    expect(fake.srv.requestCount(CHAT)).toBe(syncCalls); // nothing went to the synchronous endpoint
    const batches = fake.srv.batch.batches.slice(before);
    expect(batches.map((b) => [b.status, b.requests])).toEqual([
      ["expired", 24],
      ["completed", 16], // 14 missing + 2 errored, resubmitted
    ]);
    expect(batch.stderr).toMatch(/batch batch_fake_\d+ ended expired: 8 answered, 2 errored, 14 missing/);
    // the same progress is in events.jsonl (the dashboard and `--follow` see a batch run move)
    const progress = readJsonl<{ type: string; stage: string; [k: string]: unknown }>(root, "batch", "events.jsonl").filter(
      (e) => e.type === "batch",
    );
    expect(progress.filter((e) => e.stage !== "status").map(({ seq: _s, ts: _t, batch: _b, ...e }) => e)).toEqual([
      { type: "batch", stage: "created", round: 1, requests: 24 },
      { type: "batch", stage: "done", round: 1, status: "expired", answered: 8, errored: 2, missing: 14, rejected: 0 },
      { type: "batch", stage: "resubmit", round: 2, requests: 16 },
      { type: "batch", stage: "created", round: 2, requests: 16 },
      { type: "batch", stage: "done", round: 2, status: "completed", answered: 16, errored: 0, missing: 0, rejected: 0 },
    ]);
    expect(progress.filter((e) => e.stage === "status").length).toBeGreaterThan(0);
    expect(progress.every((e) => e.stage === "resubmit" || /^batch_fake_\d+$/.test(String(e.batch)))).toBe(true);

    const batchRows = readRows(join(root, "batch"));
    expect(withoutLatency(batchRows)).toEqual(withoutLatency(localRows));
    expect(readFileSync(join(root, "batch", "responses.csv"), "utf8")).toBe(readFileSync(join(root, "local", "responses.csv"), "utf8"));

    // priced at the batch rate: same calls and tokens, half the cost
    expect(manifest("batch").usage.calls).toBe(manifest("local").usage.calls);
    expect(manifest("local").usage.cost_usd).toBeGreaterThan(0);
    expect(manifest("batch").usage.cost_usd).toBeCloseTo(manifest("local").usage.cost_usd / 2, 9);
  });

  it("--dry-run --executor batch prices the plan at the batch rate", async () => {
    const sync = await cli(args("dry-sync", "--dry-run", "--json"));
    const batch = await cli(args("dry-batch", "--dry-run", "--json", "--executor", "batch"));
    expect(sync.code, sync.stderr).toBe(0);
    expect(batch.code, batch.stderr).toBe(0);
    const s = JSON.parse(sync.stdout) as { usd: number; calls: number; pricing: string };
    const b = JSON.parse(batch.stdout) as { usd: number; calls: number; pricing: string; batch_factor: number };
    expect([s.pricing, b.pricing, b.batch_factor]).toEqual(["synchronous", "batch", 0.5]);
    expect(b.calls).toBe(s.calls);
    expect(b.usd).toBeCloseTo(s.usd / 2, 5);
    expect(formatDryRunSummary("survey run", b as unknown as DryRunSummary)).toMatch(/at the batch rate: 0\.5 × the synchronous price/);
  });

  it("the offline model with --executor batch: one line, exit 2, nothing written", async () => {
    const r = await cli(argv`survey run --personas ${personas} --items Q45 --model offline --executor batch
      --out ${join(root, "offline")}`);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/--executor batch needs an OpenAI-compatible server/)]);
    expect(() => readFileSync(join(root, "offline", "manifest.json"))).toThrow();
  });
});
