import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ScriptedChatModel } from "../../test/scripted-chat-model.js";
import { ModelCallError } from "../structured/model-call-error.js";
import { UsageMeter } from "../usage/usage-meter.js";
import { callSeed, createModelClient, modelRef, type ModelClientEvent } from "./model-client.js";

const messages = [new HumanMessage("answer")];
const Answer = z.object({ a: z.string() });
const noSleep = async () => undefined;
const rateLimited = () => Object.assign(new Error("429 Rate limit reached"), { status: 429 });

describe("model client", () => {
  it("sends a per-call seed that is a pure function of (run seed, key) and records sampling", async () => {
    const model = new ScriptedChatModel({ responses: '{"a":"x"}' });
    const client = await createModelClient({ spec: "scripted", model, seed: 4, sampling: { temperature: 0.3 } });
    await client.structured({ key: "p1/identity", schema: Answer, name: "a", messages });
    await client.structured({ key: "p2/identity", schema: Answer, name: "a", messages });
    expect(model.calls.map((c) => c.options.seed)).toEqual([callSeed(4, "p1/identity"), callSeed(4, "p2/identity")]);
    expect(model.calls[0]!.options.seed).not.toBe(model.calls[1]!.options.seed);
    expect(client.sampling).toEqual({ temperature: 0.3, topP: 1 });
  });

  it("offline: the clock is frozen, so latencies are 0 and outputs repeat exactly", async () => {
    const a = await createModelClient({ spec: "offline", seed: 1 });
    const b = await createModelClient({ spec: "offline", seed: 1 });
    const ra = await a.structured({ key: "k", schema: Answer, name: "a", messages });
    const rb = await b.structured({ key: "k", schema: Answer, name: "a", messages });
    expect(ra.latencyMs).toBe(0);
    expect(ra.value).toEqual(rb.value);
    const other = await a.text({ key: "k2", messages });
    expect(other.text).not.toBe((await a.text({ key: "k3", messages })).text);
  });

  it("every transient retry and every repair is an event, counted by the meter", async () => {
    const model = new ScriptedChatModel({ responses: [rateLimited(), rateLimited(), '{"b":1}', '{"a":"fixed"}'] });
    const meter = new UsageMeter();
    const seen: ModelClientEvent[] = [];
    const client = await createModelClient({
      spec: "scripted",
      model,
      seed: 1,
      meter,
      retry: { sleep: noSleep },
      onEvent: (e) => seen.push(e),
    });
    const r = await client.structured({ key: "row/1", schema: Answer, name: "a", messages });
    expect(r).toMatchObject({ value: { a: "fixed" }, repaired: true, attempts: 4 });
    expect(seen.map((e) => [e.type, "key" in e ? e.key : null, e.type === "retry" ? e.attempt : 0])).toEqual([
      ["retry", "row/1", 1],
      ["retry", "row/1", 2],
      ["repair", "row/1", 0],
    ]);
    expect(seen[0]).toMatchObject({ reason: "429 rate limited", status: 429, model: "scripted" });
    expect(meter.totals()).toMatchObject({ calls: 4, failedCalls: 2, retries: 2, repairs: 1 });
  });

  it("a request timeout is transient (retried) and the final error names --request-timeout", async () => {
    const timedOut = () => Object.assign(new Error("Request timed out."), { name: "TimeoutError" });
    const model = new ScriptedChatModel({ responses: [timedOut(), timedOut(), timedOut()] });
    const seen: ModelClientEvent[] = [];
    const client = await createModelClient({
      spec: "scripted",
      model,
      seed: 1,
      retry: { sleep: noSleep, maxTransientRetries: 2 },
      onEvent: (e) => seen.push(e),
    });
    const err = await client.text({ key: "t", messages }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelCallError);
    expect((err as ModelCallError).transient).toBe(true);
    expect((err as Error).message).toMatch(/after 3 request\(s\): timeout.*--request-timeout/);
    expect(seen.filter((e) => e.type === "retry").map((e) => e.type === "retry" && e.reason)).toEqual(["timeout", "timeout"]);
  });

  it("one limiter caps the requests in flight across calls and clients", async () => {
    let active = 0;
    let peak = 0;
    const model = new ScriptedChatModel({
      responses: async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setImmediate(r));
        active--;
        return "ok";
      },
    });
    const first = await createModelClient({ spec: "scripted", model, seed: 1, concurrency: 2 });
    const second = await createModelClient({ spec: "scripted", model, seed: 1, limiter: first.limiter });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second).text({ key: `k${i}`, messages })));
    expect(peak).toBe(2);
    expect(first.limiter.peak()).toBe(2);
  });

  it("records the model reference whole: the --base-url fallback is part of the spec", () => {
    expect(modelRef("openai:gpt-4.1-mini", { baseURL: "http://127.0.0.1:8000/v1/" })).toEqual({
      provider: "openai",
      model: "gpt-4.1-mini",
      baseURL: "http://127.0.0.1:8000/v1",
      spec: "openai:gpt-4.1-mini@http://127.0.0.1:8000/v1",
    });
    expect(modelRef("openai:gpt-4.1-mini").spec).toBe("openai:gpt-4.1-mini");
    expect(modelRef("offline")).toEqual({ provider: "offline", model: null, baseURL: null, spec: "offline" });
  });
});

describe("model client: embeddings", () => {
  it("retries transient embedding failures with the same policy, each retry an event", async () => {
    let failures = 2;
    const inner = {
      embedDocuments: async (texts: string[]) => {
        if (failures-- > 0) throw Object.assign(new Error("503 overloaded"), { status: 503 });
        return texts.map(() => [1, 0]);
      },
      embedQuery: async () => [1, 0],
    };
    const seen: ModelClientEvent[] = [];
    const client = await createModelClient({
      spec: "scripted",
      model: new ScriptedChatModel({ responses: "x" }),
      embeddings: "offline",
      embeddingsModel: inner as never,
      seed: 1,
      retry: { sleep: noSleep },
      onEvent: (e) => seen.push(e),
    });
    expect(await client.embeddings.embedDocuments(["a", "b"])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(seen.map((e) => e.type === "retry" && [e.reason, e.attempt, e.model])).toEqual([
      ["503 overloaded", 1, "offline"],
      ["503 overloaded", 2, "offline"],
    ]);
    expect(client.meter.totals().retries).toBe(2);
  });
});
