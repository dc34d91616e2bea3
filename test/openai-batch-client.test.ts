// the Batch API client against the fake server's /v1/files + /v1/batches: file splitting, join by
// custom_id, resubmission of missing (expired) and errored (5xx) ids, non-transient errors
// recorded with their reason, bounded rounds, untrusted output sanitised.
import { beforeEach, describe, expect, it } from "vitest";
import { parseBatchOutput } from "../core/executor/batch-output-line.js";
import { createOpenAIBatchClient, type BatchClientEvent, type BatchRequestLine } from "../core/executor/openai-batch-client.js";
import { splitBatchFiles } from "../core/executor/split-batch-files.js";
import { createFakeClock } from "./fake-clock.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { suiteServer } from "./suite-server.js";

const srv = suiteServer(() => startFakeOpenAIServer());
let before = 0;
/** the batches this test created */
const created = () => srv.batch.batches.slice(before);
beforeEach(() => {
  srv.reset();
  srv.batch.script([]);
  before = srv.batch.batches.length;
});

const schema = {
  type: "object",
  properties: { answer: { type: "string", enum: ["1", "2", "3", "4"] } },
  required: ["answer"],
  additionalProperties: false,
};
const line = (i: number): BatchRequestLine => ({
  customId: `run-1/answer/p${i}/Q45`,
  body: {
    model: "fake",
    messages: [{ role: "user", content: `question ${i}` }],
    response_format: { type: "json_schema", json_schema: { name: "answer", strict: true, schema } },
    seed: i,
  },
});
const lines = (n: number) => Array.from({ length: n }, (_, i) => line(i));
const client = (over: Partial<Parameters<typeof createOpenAIBatchClient>[0]> = {}) => {
  const events: BatchClientEvent[] = [];
  const clock = createFakeClock();
  return {
    events,
    clock,
    c: createOpenAIBatchClient({
      baseURL: srv.url,
      apiKey: "test",
      sleep: clock.sleep,
      pollIntervalMs: 1000,
      onEvent: (e) => events.push(e),
      ...over,
    }),
  };
};
/** the synchronous answer to the same body */
async function syncAnswer(body: unknown): Promise<unknown> {
  const res = await fetch(`${srv.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { choices: unknown; usage: unknown };
  return { choices: json.choices, usage: json.usage };
}

describe("splitBatchFiles", () => {
  const ls = (n: number, size = 10) => Array.from({ length: n }, (_, i) => ({ customId: `c${i}`, json: "x".repeat(size) }));
  it("splits at the request limit and at the byte limit, keeping line order", () => {
    expect(splitBatchFiles(ls(5), { maxRequests: 2, maxBytes: 1e6 }).map((f) => f.ids)).toEqual([["c0", "c1"], ["c2", "c3"], ["c4"]]);
    const byBytes = splitBatchFiles(ls(5), { maxRequests: 100, maxBytes: 33 }); // 11 bytes a line → 3 a file
    expect(byBytes.map((f) => f.ids.length)).toEqual([3, 2]);
    expect(byBytes.every((f) => f.bytes <= 33 && f.jsonl.split("\n").filter(Boolean).length === f.ids.length)).toBe(true);
  });
  it("a line larger than a whole file is refused", () => {
    expect(() => splitBatchFiles(ls(1, 50), { maxRequests: 10, maxBytes: 20 })).toThrow(/c0 is 51 bytes/);
  });
});

describe("OpenAI batch client against the fake server", () => {
  it("uploads, polls to completion and joins every custom_id to the synchronous answer of its body", async () => {
    const { c, events, clock } = client();
    const input = lines(4);
    const r = await c.run(input);
    expect(r.rounds).toBe(1);
    expect(r.batches).toHaveLength(1);
    expect(r.outcomes.map((o) => o.customId)).toEqual(input.map((l) => l.customId));
    for (const [i, o] of r.outcomes.entries()) {
      expect(o.ok).toBe(true);
      if (!o.ok) continue;
      expect({ choices: o.body.choices, usage: o.body.usage }).toEqual(await syncAnswer(input[i]!.body));
    }
    expect(events.map((e) => e.type)).toEqual(["batch-created", "batch-status", "batch-status", "batch-done"]);
    expect(clock.sleeps).toEqual([1000, 1000]); // two polls of 1 s
    const upload = srv.requests.find((q) => q.path === "/v1/files");
    expect(String(upload?.headers.authorization)).toBe("Bearer test");
  });

  it("splits a round into several batches at the file limit", async () => {
    const { c } = client({ limits: { maxRequests: 2, maxBytes: 1e6 } });
    const r = await c.run(lines(5));
    expect(r.batches).toHaveLength(3);
    expect(created().map((b) => b.requests)).toEqual([2, 2, 1]);
    expect(r.outcomes.every((o) => o.ok)).toBe(true);
  });

  it("an expired batch with partial output: answered ids resolve at once, the missing ones go into the next round", async () => {
    srv.batch.script([{ status: "expired", answered: 2, polls: 3 }]);
    const settled: string[] = [];
    const { c, events } = client();
    const r = await c.run(lines(5), { onOutcome: (o) => settled.push(`${o.customId}@${o.round}`) });
    expect(r.rounds).toBe(2);
    expect(r.outcomes.every((o) => o.ok)).toBe(true);
    expect(r.outcomes.map((o) => o.round)).toEqual([1, 1, 2, 2, 2]);
    expect(settled.slice(0, 2)).toEqual(["run-1/answer/p0/Q45@1", "run-1/answer/p1/Q45@1"]);
    expect(created()[1]!.requests).toBe(3);
    expect(events).toContainEqual({ type: "batch-resubmit", round: 2, ids: 3 });
    expect(events).toContainEqual(expect.objectContaining({ type: "batch-done", status: "expired", answered: 2, missing: 3 }));
  });

  it("errored lines: 5xx and server_error are resubmitted, a 400 is final with its reason (never dropped)", async () => {
    srv.batch.script([
      {
        lines: {
          0: { in: "output", status: 500 },
          1: { in: "error_file", code: "server_error" },
          2: { in: "output", status: 400, message: "Invalid 'messages': \u001b[31mbad\u001b[0m" },
        },
      },
    ]);
    const { c } = client();
    const r = await c.run(lines(4));
    expect(r.rounds).toBe(2);
    const [a, b, bad, d] = r.outcomes;
    expect([a?.ok, b?.ok, d?.ok]).toEqual([true, true, true]);
    expect([a?.round, b?.round, d?.round]).toEqual([2, 2, 1]);
    expect(bad).toEqual({
      customId: "run-1/answer/p2/Q45",
      ok: false,
      status: 400,
      reason: "400: Invalid 'messages': bad",
      round: 1,
      earlier: [],
    });
    expect(a?.earlier).toEqual(["500: fake 500"]);
    expect(b?.earlier).toEqual(["server_error: fake line error"]);
    expect(created()[1]!.requests).toBe(2);
  });

  it("rounds are bounded: ids never answered end as failures with the last reason", async () => {
    srv.batch.script([
      { status: "expired", answered: 0 },
      { status: "failed", errors: [{ code: "invalid_request", message: "quota" }] },
    ]);
    const { c } = client({ maxRounds: 2 });
    const r = await c.run(lines(2));
    expect(r.rounds).toBe(2);
    expect(r.outcomes).toEqual([
      {
        customId: "run-1/answer/p0/Q45",
        ok: false,
        reason: "no answer after 2 batch rounds (last: missing: the batch ended failed (invalid_request quota))",
        round: 2,
        earlier: ["missing: the batch ended expired"],
      },
      {
        customId: "run-1/answer/p1/Q45",
        ok: false,
        reason: "no answer after 2 batch rounds (last: missing: the batch ended failed (invalid_request quota))",
        round: 2,
        earlier: ["missing: the batch ended expired"],
      },
    ]);
  });

  it("a batch still running past maxWaitMs is cancelled; its unanswered ids go into the next round", async () => {
    srv.batch.script([{ polls: 1000, answered: 1 }]);
    const { c, events } = client({ maxWaitMs: 3000 });
    const r = await c.run(lines(3));
    expect(created().map((b) => b.status)).toEqual(["cancelled", "completed"]);
    expect(r.outcomes.map((o) => [o.ok, o.round])).toEqual([
      [true, 1],
      [true, 2],
      [true, 2],
    ]);
    expect(events).toContainEqual(expect.objectContaining({ type: "batch-done", status: "cancelled", answered: 1, missing: 2 }));
  });

  it("an abort cancels the batch being polled", async () => {
    const ctl = new AbortController();
    srv.batch.script([{ polls: 100 }]);
    const { c } = client({ sleep: async () => ctl.abort() });
    await expect(c.run(lines(2), { signal: ctl.signal })).rejects.toMatchObject({ code: "E_CANCELLED" });
    expect(created()[0]!.status).toBe("cancelled");
  });
});

describe("parseBatchOutput (untrusted output files)", () => {
  it("keeps only ids this batch sent, the first line per id, chat-completion bodies, and clean short error text", () => {
    const text = [
      JSON.stringify({ custom_id: "a", response: { status_code: 200, body: { choices: [{ message: { content: "1" } }] } } }),
      JSON.stringify({ custom_id: "a", response: { status_code: 200, body: { choices: [{ message: { content: "2" } }] } } }),
      JSON.stringify({ custom_id: "intruder", response: { status_code: 200, body: { choices: [] } } }),
      "not json",
      JSON.stringify({ custom_id: "b", response: { status_code: 200, body: ["not", "an", "object"] } }),
      JSON.stringify({
        custom_id: "c",
        response: null,
        error: { code: "invalid_request", message: `\u001b]0;pwned\u0007${"x".repeat(1000)}` },
      }),
    ].join("\n");
    const { results, rejected } = parseBatchOutput(text, new Set(["a", "b", "c"]));
    expect(rejected).toBe(3);
    expect(results[0]).toMatchObject({ customId: "a", ok: true, body: { choices: [{ message: { content: "1" } }] } });
    expect(results[1]).toMatchObject({ customId: "b", ok: false, transient: true, code: "malformed_body" });
    const c = results[2] as { message: string; transient: boolean };
    expect(c.transient).toBe(false);
    expect(c.message).toMatch(/^x+$/);
    expect(c.message.length).toBe(300);
  });
});
