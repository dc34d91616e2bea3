// model resolution and the fake server's other features: missing key, unreachable servers,
// streaming with usage, tool calls, logprobs, embeddings (base64 too), scripted model.
import { beforeAll, describe, expect, it } from "vitest";
import { AIMessageChunk, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { checkModelReachable } from "../core/model/check-model-reachable.js";
import { resolveChatModel, MISSING_KEY_MESSAGE } from "../core/model/resolve-chat-model.js";
import { resolveEmbeddings } from "../core/model/resolve-embeddings.js";
import { structuredCall } from "../core/structured/structured-call.js";
import { textCall } from "../core/structured/text-call.js";
import { UsageError } from "../core/errors.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { ScriptedChatModel } from "./scripted-chat-model.js";
import { suiteServer } from "./suite-server.js";

const server = suiteServer(() => startFakeOpenAIServer());
let closedURL: string;
beforeAll(async () => {
  const dead = await startFakeOpenAIServer();
  closedURL = dead.url;
  await dead.close();
});
const noSleep = async () => {};

describe("resolveChatModel / resolveEmbeddings", () => {
  it("openai: spec without a key on the default endpoint → UsageError, exit 2", async () => {
    const err = await resolveChatModel("openai:gpt-4.1-mini").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as Error).message).toBe(MISSING_KEY_MESSAGE);
    await expect(resolveEmbeddings("openai:text-embedding-3-small")).rejects.toBeInstanceOf(UsageError);
  });

  it("a custom base URL needs no key; the spec's URL wins over the option", async () => {
    const model = await resolveChatModel(`openai:fake-model@${server.url}`, { baseURL: "http://127.0.0.1:9/v1" });
    const msg = await model.invoke("hello");
    expect(String(msg.content)).toMatch(/^fake answer/);
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer not-needed");
  });

  it("baseURL option applies to a spec without @url; seed goes into the request", async () => {
    const model = await resolveChatModel("openai:fake-model", { baseURL: server.url, apiKey: "k", seed: 7, temperature: 0.3 });
    await model.invoke("hello");
    expect(server.requests.at(-1)?.body).toMatchObject({ model: "fake-model", seed: 7, temperature: 0.3 });
  });

  it("a bad spec → UsageError naming it", async () => {
    await expect(resolveChatModel("bogus:claude")).rejects.toThrow(/invalid model spec .bogus:claude./);
  });
});

describe("unreachable servers → E_MODEL_UNREACHABLE, exit 2", () => {
  it("checkModelReachable on a closed port names the URL and ECONNREFUSED", async () => {
    const err = await checkModelReachable(`openai:m@${closedURL}`, { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "E_MODEL_UNREACHABLE", exitCode: 2 });
    expect((err as Error).message).toBe(`cannot reach ${closedURL} (ECONNREFUSED); is the server running?`);
  });

  it("checkModelReachable on a hanging server gives up at the timeout", async () => {
    server.set({ hang: true });
    try {
      await expect(checkModelReachable(`openai:m@${server.url}`, { timeoutMs: 150 })).rejects.toThrow(/no answer within 150 ms/);
    } finally {
      server.reset();
    }
  });

  it("checkModelReachable passes for a live server and for offline", async () => {
    await checkModelReachable(`openai:m@${server.url}`, { timeoutMs: 2000 });
    await checkModelReachable("offline");
  });

  it("structuredCall against a closed port → E_MODEL_UNREACHABLE after its retries", async () => {
    const model = await resolveChatModel(`openai:m@${closedURL}`, { timeoutMs: 2000 });
    const err = await structuredCall({
      model,
      schema: z.object({ a: z.string() }),
      name: "a",
      messages: [new HumanMessage("x")],
      sleep: noSleep,
      maxTransientRetries: 1,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "E_MODEL_UNREACHABLE", exitCode: 2 });
    expect((err as Error).message).toContain(`cannot reach ${closedURL}`);
  });
});

describe("fake server features through ChatOpenAI", () => {
  it("streaming yields chunks whose concat carries usage_metadata", async () => {
    const model = await resolveChatModel(`openai:fake-model@${server.url}`);
    let full: AIMessageChunk | undefined;
    let n = 0;
    for await (const chunk of await model.stream("stream please")) {
      full = full ? full.concat(chunk) : chunk;
      n++;
    }
    expect(n).toBeGreaterThan(2);
    expect(String(full?.content)).toMatch(/^fake answer/);
    expect(full?.usage_metadata?.total_tokens).toBeGreaterThan(0);
    expect(server.requests.at(-1)?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("bound tools → a tool call with schema-valid args", async () => {
    const model = await resolveChatModel(`openai:fake-model@${server.url}`);
    const add = tool(async ({ a, b }: { a: number; b: number }) => String(a + b), {
      name: "add",
      description: "add two numbers",
      schema: z.object({ a: z.number(), b: z.number() }),
    });
    const msg = await model.bindTools!([add], { tool_choice: "add" }).invoke("add 2 and 3");
    expect(msg.tool_calls?.[0]?.name).toBe("add");
    expect(z.object({ a: z.number(), b: z.number() }).safeParse(msg.tool_calls?.[0]?.args).success).toBe(true);
  });

  it("logprobs come back in OpenAI format through textCall", async () => {
    const model = await resolveChatModel(`openai:fake-model@${server.url}`, { logprobs: true, topLogprobs: 3 });
    const r = await textCall({ model, messages: [new HumanMessage("one word")] });
    expect(r.logprobs?.[0]?.top_logprobs).toHaveLength(3);
    expect(r.logprobs?.[0]?.logprob).toBeLessThanOrEqual(0);
  });

  it("embeddings work with the SDK's default base64 encoding", async () => {
    const emb = await resolveEmbeddings(`openai:text-embedding-3-small@${server.url}`);
    const v = await emb.embedQuery("hello");
    expect(v).toHaveLength(64);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it("counts the peak number of requests in flight", async () => {
    const srv = await startFakeOpenAIServer({ latencyMs: 50 });
    try {
      const model = await resolveChatModel(`openai:fake-model@${srv.url}`);
      await Promise.all([1, 2, 3].map((i) => model.invoke(`q${i}`)));
      expect(srv.peakInFlight()).toBe(3);
      expect(srv.requestCount("/v1/chat/completions")).toBe(3);
      expect(srv.inFlight()).toBe(0);
    } finally {
      await srv.close();
    }
  });
});

describe("ScriptedChatModel", () => {
  it("replays an array, records calls and options, and runs out loudly", async () => {
    const model = new ScriptedChatModel({ responses: ["not json", '{"a":"ok"}'] });
    const r = await structuredCall({ model, schema: z.object({ a: z.string() }), name: "a", messages: [new HumanMessage("x")] });
    expect(r).toMatchObject({ value: { a: "ok" }, repaired: true, attempts: 2, modelSpec: "scripted" });
    expect(model.calls).toHaveLength(2);
    expect(model.calls[0]?.options.response_format).toMatchObject({ type: "json_schema" });
    expect(model.calls[1]?.messages.at(-1)?.content).toMatch(/invalid JSON/);
    await expect(model.invoke("again")).rejects.toThrow(/no scripted response for call #3/);
  });

  it("a function script sees the messages; Error steps are thrown (and retried when transient)", async () => {
    const busy = Object.assign(new Error("rate limited"), { status: 429 });
    const model = new ScriptedChatModel({
      responses: (messages: BaseMessage[], _o, i) => (i === 0 ? busy : `echo ${messages.length}`),
    });
    const r = await textCall({ model, messages: [new HumanMessage("x")], sleep: noSleep });
    expect(r.text).toBe("echo 1");
    expect(r.attempts).toBe(2);
    expect(r.usage.totalTokens).toBeGreaterThan(0);
  });
});
