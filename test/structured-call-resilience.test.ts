// structuredCall / textCall against the fake server: transient retries (request counts asserted
// on the server), one repair, typed errors, metering. sleeps are injected: nothing really waits.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { HumanMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { z } from "zod";
import { resolveChatModel } from "../core/model/resolve-chat-model.js";
import { structuredCall, type StructuredCallOptions } from "../core/structured/structured-call.js";
import { textCall } from "../core/structured/text-call.js";
import { ModelCallError } from "../core/structured/model-call-error.js";
import { StructuredOutputError } from "../core/structured/structured-output-error.js";
import { UsageMeter } from "../core/usage/usage-meter.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { suiteServer } from "./suite-server.js";

const Answer = z.object({ name: z.string(), score: z.number().int().min(1).max(5), note: z.string().optional() });
const CHAT = "/v1/chat/completions";
const messages = [new HumanMessage("Rate the item from 1 to 5.")];

const server = suiteServer(() => startFakeOpenAIServer());
let model: BaseChatModel;
let sleeps: number[];
const sleep = async (ms: number) => {
  sleeps.push(ms);
};
const call = (extra: Partial<StructuredCallOptions<typeof Answer>> = {}) =>
  structuredCall({ model, schema: Answer, name: "answer", messages, sleep, ...extra });

beforeAll(async () => {
  model = await resolveChatModel(`openai:gpt-4.1-mini@${server.url}`, { timeoutMs: 5000 });
});
afterEach(() => {
  server.reset();
  server.requests.length = 0;
  sleeps = [];
});
sleeps = [];

describe("strict JSON-schema request", () => {
  it("sends response_format json_schema, strict, all properties required, no extra properties", async () => {
    await call();
    const body = server.requests[0]?.body as {
      response_format: { type: string; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } };
    };
    expect(body.response_format.type).toBe("json_schema");
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.name).toBe("answer");
    expect(body.response_format.json_schema.schema.required).toEqual(["name", "score", "note"]);
    expect(body.response_format.json_schema.schema.additionalProperties).toBe(false);
  });
});

describe("transient errors are retried with backoff", () => {
  it("429 with Retry-After: waits at least that long, then succeeds (3 requests)", async () => {
    server.set({
      failures: [
        { status: 429, retryAfter: "2" },
        { status: 429, retryAfter: "2" },
      ],
    });
    const meter = new UsageMeter();
    const r = await call({ meter, modelSpec: "openai:gpt-4.1-mini" });
    expect(server.requestCount(CHAT)).toBe(3);
    expect(r.attempts).toBe(3);
    expect(sleeps).toHaveLength(2);
    for (const s of sleeps) expect(s).toBeGreaterThanOrEqual(2000);
    expect(meter.totals()).toMatchObject({ calls: 3, failedCalls: 2 });
  });

  it("500 twice, then success (3 requests, growing backoff)", async () => {
    server.set({ failures: [{ status: 500 }, { status: 500 }] });
    const r = await call();
    expect(server.requestCount(CHAT)).toBe(3);
    expect(r.value.score).toBeGreaterThanOrEqual(1);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0] as number);
  });

  it("headerless 429 (LangChain gives up on it) is retried by our helper", async () => {
    server.set({ failures: [{ status: 429 }] });
    const r = await call();
    expect(server.requestCount(CHAT)).toBe(2);
    expect(r.attempts).toBe(2);
  });

  it("gives up after maxTransientRetries with ModelCallError", async () => {
    server.set({ failures: Array.from({ length: 5 }, () => ({ status: 503 })) });
    const err = await call({ maxTransientRetries: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelCallError);
    expect((err as ModelCallError).code).toBe("E_MODEL_CALL");
    expect((err as ModelCallError).attempts).toBe(3);
    expect(server.requestCount(CHAT)).toBe(3);
  });

  it("a timeout (server hangs) is transient", async () => {
    const quick = await resolveChatModel(`openai:fake-model@${server.url}`, { timeoutMs: 100 });
    server.set({ hang: true });
    const err = await textCall({ model: quick, messages, sleep, maxTransientRetries: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelCallError);
    expect((err as ModelCallError).transient).toBe(true);
    expect((err as Error).message).toMatch(/timeout/);
    expect(server.requestCount(CHAT)).toBe(2);
  });
});

describe("non-transient errors fail at once", () => {
  it("400 → ModelCallError after 1 request", async () => {
    server.set({ failures: [{ status: 400, error: { message: "bad schema" } }] });
    const err = await call().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelCallError);
    expect((err as ModelCallError).status).toBe(400);
    expect((err as ModelCallError).exitCode).toBe(1);
    expect(server.requestCount(CHAT)).toBe(1);
  });

  it("401 → exit 2 (configuration)", async () => {
    server.set({ failures: [{ status: 401 }] });
    const err = await call().catch((e: unknown) => e);
    expect((err as ModelCallError).exitCode).toBe(2);
    expect(server.requestCount(CHAT)).toBe(1);
  });

  it("429 insufficient_quota is not retried", async () => {
    server.set({ failures: [{ status: 429, error: { code: "insufficient_quota", message: "You exceeded your current quota" } }] });
    await expect(call()).rejects.toBeInstanceOf(ModelCallError);
    expect(server.requestCount(CHAT)).toBe(1);
  });
});

describe("one repair, then a typed error", () => {
  it("malformed JSON → ONE repair call quoting the error and the bad output → success", async () => {
    server.set({ contentFaults: ["malformed"] });
    const r = await call();
    expect(server.requestCount(CHAT)).toBe(2);
    expect(r.repaired).toBe(true);
    expect(r.attempts).toBe(2);
    expect(Answer.safeParse(r.value).success).toBe(true);
    const repair = server.requests[1]?.body as { messages: { role: string; content: string }[] };
    const last = repair.messages.at(-1);
    expect(last?.role).toBe("user");
    expect(last?.content).toMatch(/invalid JSON/);
    expect(repair.messages.at(-2)?.role).toBe("assistant");
  });

  it("schema violation → repair message names the failing paths", async () => {
    server.set({ contentFaults: ["violating"] });
    const r = await call();
    expect(r.repaired).toBe(true);
    const repair = server.requests[1]?.body as { messages: { content: string }[] };
    expect(repair.messages.at(-1)?.content).toMatch(/name: /);
    expect(repair.messages.at(-1)?.content).toMatch(/score: /);
  });

  it("still bad after the repair → StructuredOutputError with raw text and usage of both attempts", async () => {
    server.set({ contentFaults: ["malformed", "violating"] });
    const meter = new UsageMeter();
    const err = await call({ meter }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StructuredOutputError);
    const e = err as StructuredOutputError;
    expect(e.code).toBe("E_STRUCTURED_OUTPUT");
    expect(e.raw).toBe('{"unexpected_field":true}');
    expect(e.rawAttempts).toHaveLength(2);
    expect(e.attempts).toBe(2);
    expect(e.validationError).toMatch(/score/);
    expect(e.usage.inputTokens).toBeGreaterThan(0);
    expect(e.usage.totalTokens).toBe(meter.totals().totalTokens);
    expect(server.requestCount(CHAT)).toBe(2);
  });

  it("```json fences are stripped without a repair", async () => {
    server.set({ contentFaults: ["fenced"] });
    const r = await call();
    expect(r.repaired).toBe(false);
    expect(server.requestCount(CHAT)).toBe(1);
  });

  it("transient errors during the repair are retried too", async () => {
    server.set({ contentFaults: ["malformed"] });
    server.set({ handler: (_req, i) => (i === 1 ? { status: 500, json: { error: { message: "boom" } } } : undefined) });
    const r = await call();
    expect(r.repaired).toBe(true);
    expect(r.attempts).toBe(3);
    expect(server.requestCount(CHAT)).toBe(3);
  });
});

describe("cancellation", () => {
  it("an aborted signal → E_CANCELLED without a request", async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(call({ signal: ac.signal })).rejects.toMatchObject({ code: "E_CANCELLED" });
    expect(server.requestCount(CHAT)).toBe(0);
  });
});
