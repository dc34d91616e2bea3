// the batch executor's collector with an injected timer and a scripted batch client: flush at N
// waiting, flush after the idle window (reset by each new request), one batch run per flush,
// each waiter resolved from its custom_id, a shared id joins the waiting request, an abort before
// the flush drops the request, a failed batch run rejects its waiters.
import { describe, expect, it } from "vitest";
import { createBatchCollector, type CollectorTimer } from "../core/executor/batch-collector.js";
import type { BatchRequestLine, OpenAIBatchClient } from "../core/executor/openai-batch-client.js";

function manualTimer(): CollectorTimer & { fire(): void; pending(): number; delays: number[] } {
  let next: (() => void) | undefined;
  const delays: number[] = [];
  return {
    delays,
    set: (fn, ms) => {
      delays.push(ms);
      next = fn;
      return fn;
    },
    clear: (h) => {
      if (next === h) next = undefined;
    },
    fire: () => {
      const fn = next;
      next = undefined;
      fn?.();
    },
    pending: () => (next ? 1 : 0),
  };
}

function scriptedClient(fail?: Error): OpenAIBatchClient & { runs: string[][] } {
  const runs: string[][] = [];
  return {
    runs,
    async run(lines: readonly BatchRequestLine[], options = {}) {
      runs.push(lines.map((l) => l.customId));
      if (fail) throw fail;
      const outcomes = lines.map((l) => ({
        customId: l.customId,
        ok: true as const,
        status: 200,
        body: { choices: [], echo: l.body },
        round: 1,
        earlier: [],
      }));
      for (const o of [...outcomes].reverse()) options.onOutcome?.(o); // out of order on purpose
      return { outcomes, rounds: 1, batches: ["b"] };
    },
  };
}
const line = (id: string): BatchRequestLine => ({ customId: id, body: { id } });

describe("batch collector", () => {
  it("flushes after the idle window (reset by each new request) as ONE batch, each waiter gets its own answer", async () => {
    const timer = manualTimer();
    const client = scriptedClient();
    const c = createBatchCollector({ client, idleMs: 250, timer });
    const a = c.submit(line("a"));
    const b = c.submit(line("b"));
    expect(timer.delays).toEqual([250, 250]);
    expect(client.runs).toEqual([]);
    expect(c.waiting()).toBe(2);
    timer.fire();
    const [ra, rb] = await Promise.all([a, b]);
    expect(client.runs).toEqual([["a", "b"]]);
    expect([ra.ok && ra.body.echo, rb.ok && rb.body.echo]).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("flushes at once when N requests wait; the rest waits for the next flush", async () => {
    const timer = manualTimer();
    const client = scriptedClient();
    const c = createBatchCollector({ client, flushAt: 3, idleMs: 1000, timer });
    const first = ["a", "b", "c"].map((id) => c.submit(line(id)));
    expect(client.runs).toEqual([["a", "b", "c"]]);
    expect(timer.pending()).toBe(0);
    const d = c.submit(line("d"));
    await Promise.all(first);
    expect(c.waiting()).toBe(1);
    await c.close();
    await d;
    expect(client.runs).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("an id already waiting is shared, not sent twice; an aborted waiter is dropped before the flush", async () => {
    const timer = manualTimer();
    const client = scriptedClient();
    const c = createBatchCollector({ client, timer });
    const ctl = new AbortController();
    const a1 = c.submit(line("a"));
    const a2 = c.submit(line("a"));
    const gone = c.submit(line("x"), ctl.signal);
    ctl.abort();
    await expect(gone).rejects.toBeDefined();
    timer.fire();
    expect(await a1).toBe(await a2);
    expect(client.runs).toEqual([["a"]]);
  });

  it("a batch run that fails (the API is down) rejects every waiter of that flush", async () => {
    const timer = manualTimer();
    const c = createBatchCollector({ client: scriptedClient(new Error("batch API POST /files failed: 401")), timer });
    const all = ["a", "b"].map((id) => c.submit(line(id)));
    timer.fire();
    for (const p of all) await expect(p).rejects.toThrow(/401/);
  });
});
