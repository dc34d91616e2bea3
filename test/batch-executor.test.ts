// the batch executor under the model client, against the fake server's Batch API: concurrent
// calls share one batch and return what the synchronous path returns; requests are metered at the
// batch rate; missing and 5xx ids come back as retries of the call; a 400 line fails the call with
// the batch's reason; only OpenAI-compatible servers are accepted.
import { HumanMessage } from "@langchain/core/messages";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createBatchExecutor } from "../core/executor/batch-executor.js";
import { createModelClient, type ModelClientEvent } from "../core/model/model-client.js";
import { UsageMeter } from "../core/usage/usage-meter.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { suiteServer } from "./suite-server.js";

const Answer = z.object({ choice: z.enum(["A", "B", "C"]) });
const srv = suiteServer(() => startFakeOpenAIServer());
let before = 0;
beforeEach(() => {
  srv.batch.script([]);
  before = srv.batch.batches.length;
});

async function clients() {
  const spec = `openai:gpt-4.1-mini@${srv.url}`;
  const events: ModelClientEvent[] = [];
  const executor = createBatchExecutor({ spec, batch: { idleMs: 5, pollIntervalMs: 1 } });
  const batchMeter = new UsageMeter();
  const localMeter = new UsageMeter();
  const batch = await createModelClient({ spec, seed: 3, executor, meter: batchMeter, onEvent: (e) => events.push(e) });
  const local = await createModelClient({ spec, seed: 3, meter: localMeter });
  return { executor, batch, local, batchMeter, localMeter, events };
}
const ask = (client: Awaited<ReturnType<typeof createModelClient>>, i: number) =>
  client.structured({ key: `q${i}`, schema: Answer, name: "answer", messages: [new HumanMessage(`question ${i}: options A | B | C`)] });

describe("batch executor", () => {
  it("concurrent calls land in one batch and equal the synchronous answers; batch requests cost half", async () => {
    const { executor, batch, local, batchMeter, localMeter } = await clients();
    const viaBatch = await Promise.all([0, 1, 2, 3].map((i) => ask(batch, i)));
    expect(srv.batch.batches.length - before).toBe(1);
    expect(srv.batch.batches[before]!.requests).toBe(4);
    const viaLocal = await Promise.all([0, 1, 2, 3].map((i) => ask(local, i)));
    const strip = (r: (typeof viaBatch)[number]) => ({
      value: r.value,
      raw: r.raw,
      usage: r.usage,
      attempts: r.attempts,
      repaired: r.repaired,
      modelSpec: r.modelSpec,
    });
    expect(viaBatch.map(strip)).toEqual(viaLocal.map(strip));
    expect(batchMeter.totals().calls).toBe(4);
    expect(batchMeter.totals().inputTokens).toBe(localMeter.totals().inputTokens);
    expect(localMeter.totals().costUsd).toBeGreaterThan(0);
    expect(batchMeter.totals().costUsd).toBeCloseTo(localMeter.totals().costUsd / 2, 12);
    await executor.close();
  });

  it("an expired batch and a 500 line: the calls still succeed, each resubmission is a retry event", async () => {
    srv.batch.script([{ status: "expired", answered: 2, lines: { 0: { in: "output", status: 500 } } }]);
    const { executor, batch, events } = await clients();
    const results = await Promise.all([0, 1, 2].map((i) => ask(batch, i)));
    expect(results.every((r) => Answer.safeParse(r.value).success)).toBe(true);
    expect(srv.batch.batches.length - before).toBe(2);
    const retries = events.filter((e) => e.type === "retry");
    expect(retries.map((e) => (e as { reason: string }).reason).sort()).toEqual([
      "batch: 500: fake 500",
      "batch: missing: the batch ended expired",
    ]);
    await executor.close();
  });

  it("a 400 line fails the call with the batch's reason; the other calls succeed", async () => {
    srv.batch.script([{ lines: { 1: { in: "output", status: 400, message: "Invalid schema" } } }]);
    const { executor, batch } = await clients();
    const settled = await Promise.allSettled([0, 1, 2].map((i) => ask(batch, i)));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const err = (settled[1] as PromiseRejectedResult).reason as { code: string; message: string; status: number };
    expect(err).toMatchObject({ code: "E_MODEL_CALL", status: 400 });
    expect(err.message).toMatch(/failed in batch: 400: Invalid schema/);
    await executor.close();
  });

  it("offline and other providers are refused with one line naming the fix", () => {
    expect(() => createBatchExecutor({ spec: "offline" })).toThrow(/--executor batch needs an OpenAI-compatible server/);
    expect(() => createBatchExecutor({ spec: "anthropic:claude-x" })).toThrow(/has no Batch API/);
  });
});
