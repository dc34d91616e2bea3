import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { z } from "zod";
import { ScriptedChatModel } from "../../test/scripted-chat-model.js";
import { structuredCall } from "../structured/structured-call.js";
import { textCall } from "../structured/text-call.js";
import { UsageMeter } from "../usage/usage-meter.js";
import { canonicalJson } from "./canonical-json.js";
import { cacheEntryPath, directoryResponseCache } from "./directory-response-cache.js";
import { attachResponseCache } from "./model-response-cache.js";
import { pruneResponseCache } from "./prune-response-cache.js";
import { responseCacheKey, type CacheRequest } from "./response-cache-key.js";
import { responseCacheStats } from "./response-cache-stats.js";

const Answer = z.object({ answer: z.string() });
const messages = [new SystemMessage("you are a respondent"), new HumanMessage("pick one")];
const tmp = () => mkdtempSync(join(tmpdir(), "dp-rcache-"));

describe("canonicalJson and the request key", () => {
  it("ignores key order and undefined, and changes with every part of the request", () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [1, { y: 2, x: 1 }] } })).toBe('{"a":{"c":[1,{"x":1,"y":2}]},"b":1}');
    const model = new ScriptedChatModel({ responses: "x" });
    const req: CacheRequest = { kind: "text", model, modelSpec: "openai:m@http://h/v1", messages, callOptions: { seed: 1 } };
    const key = responseCacheKey(req);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(responseCacheKey({ ...req, callOptions: { seed: 1 } })).toBe(key);
    expect(responseCacheKey({ ...req, callOptions: { seed: 2 } })).not.toBe(key);
    expect(responseCacheKey({ ...req, modelSpec: "openai:m@http://other/v1" })).not.toBe(key);
    expect(responseCacheKey({ ...req, kind: "structured" })).not.toBe(key);
    expect(responseCacheKey({ ...req, messages: [messages[0]!, new HumanMessage("pick two")] })).not.toBe(key);
    expect(responseCacheKey({ ...req, callOptions: { seed: 1, response_format: { type: "json_schema" } } })).not.toBe(key);
  });
});

describe("structuredCall / textCall through a directory cache", () => {
  it("stores only accepted results; a hit sends nothing, costs nothing and returns the original result", async () => {
    const dir = tmp();
    const cache = directoryResponseCache({ dir });
    const model = attachResponseCache(new ScriptedChatModel({ responses: ["not json", '{"answer":"a"}', '{"answer":"b"}'] }), cache);
    const meter = new UsageMeter();
    const first = await structuredCall({ model, schema: Answer, name: "answer", messages, meter, modelSpec: "openai:gpt-4.1-mini" });
    expect(first).toMatchObject({ value: { answer: "a" }, repaired: true, attempts: 2 });
    expect(first.cached).toBeUndefined();
    const again = await structuredCall({ model, schema: Answer, name: "answer", messages, meter, modelSpec: "openai:gpt-4.1-mini" });
    expect(again).toMatchObject({
      value: { answer: "a" },
      repaired: true,
      attempts: 2,
      usage: first.usage,
      latencyMs: first.latencyMs,
      cached: true,
    });
    expect(model.calls).toHaveLength(2);
    expect(meter.totals()).toMatchObject({ calls: 2, cacheHits: 1, cacheSavedTokens: first.usage.totalTokens });
    expect(meter.totals().cacheSavedUsd).toBeGreaterThan(0);

    // a failure is never stored: the next identical call is sent
    const failing = attachResponseCache(new ScriptedChatModel({ responses: ["bad", "bad", '{"answer":"c"}'] }), cache);
    const other = [new HumanMessage("another question")];
    await expect(structuredCall({ model: failing, schema: Answer, name: "answer", messages: other })).rejects.toThrow();
    expect((await structuredCall({ model: failing, schema: Answer, name: "answer", messages: other })).value).toEqual({ answer: "c" });
    expect(failing.calls).toHaveLength(3);

    // text: content and logprobs come back
    const lp = { content: [{ token: "3", logprob: -0.1, top_logprobs: [{ token: "3", logprob: -0.1 }] }] };
    const texter = attachResponseCache(new ScriptedChatModel({ responses: { content: "3", response_metadata: { logprobs: lp } } }), cache);
    const t1 = await textCall({ model: texter, messages });
    const t2 = await textCall({ model: texter, messages });
    expect(texter.calls).toHaveLength(1);
    expect(t2).toMatchObject({ text: "3", cached: true, usage: t1.usage, logprobs: lp.content });
    // an explicit cache option wins; no cache = every call sent
    const plain = new ScriptedChatModel({ responses: "hi" });
    await textCall({ model: plain, messages });
    await textCall({ model: plain, messages });
    expect(plain.calls).toHaveLength(2);
  });

  it("concurrent writers of one key and a damaged entry are safe; read-only never writes", async () => {
    const dir = tmp();
    const cache = directoryResponseCache({ dir });
    const model = new ScriptedChatModel({ responses: '{"answer":"z"}' });
    const req: CacheRequest = { kind: "structured", model, modelSpec: "m", messages, callOptions: {} };
    const entry = {
      v: 1 as const,
      kind: "structured" as const,
      model: "m",
      raw: '{"answer":"z"}',
      repaired: false,
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
      attempts: 1,
      latencyMs: 7,
    };
    await Promise.all(Array.from({ length: 20 }, () => cache.put(req, entry)));
    const file = cacheEntryPath(dir, responseCacheKey(req));
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(entry);
    expect(readdirSync(join(dir, responseCacheKey(req).slice(0, 2)))).toHaveLength(1); // no temp files left
    expect(await cache.get(req)).toEqual(entry);
    writeFileSync(file, '{"v":1,"kind":"struc'); // torn by something else
    expect(await cache.get(req)).toBeUndefined();
    const ro = directoryResponseCache({ dir: join(dir, "ro"), readOnly: true });
    await ro.put(req, entry);
    expect(await ro.get(req)).toBeUndefined();
  });

  it("prune drops the least recently used first and anything older than the cut-off; stats count what is left", async () => {
    const dir = tmp();
    const cache = directoryResponseCache({ dir });
    const model = new ScriptedChatModel({ responses: "x" });
    const reqs = [0, 1, 2, 3].map(
      (i): CacheRequest => ({ kind: "text", model, modelSpec: "m", messages: [new HumanMessage(`q${i}`)], callOptions: {} }),
    );
    const day = 86_400_000;
    const now = 100 * day;
    for (const [i, req] of reqs.entries()) {
      await cache.put(req, {
        v: 1,
        kind: "text",
        model: "m",
        raw: "x".repeat(100),
        repaired: false,
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        attempts: 1,
        latencyMs: 0,
      });
      const t = new Date(now - (4 - i) * day); // q0 oldest … q3 newest
      utimesSync(cacheEntryPath(dir, responseCacheKey(req)), t, t);
    }
    const stats = await responseCacheStats(dir);
    expect(stats).toMatchObject({ entries: 4, oldestMs: now - 4 * day, newestMs: now - day });
    const size = stats.bytes / 4;
    const aged = await pruneResponseCache({ dir, now, olderThanMs: 3.5 * day });
    expect(aged).toMatchObject({ removed: 1, kept: 3 });
    const capped = await pruneResponseCache({ dir, now, maxBytes: 2 * size });
    expect(capped).toMatchObject({ removed: 1, kept: 2 });
    expect(await cache.get(reqs[1]!)).toBeUndefined();
    expect(await cache.get(reqs[2]!)).toBeDefined();
    expect(await cache.get(reqs[3]!)).toBeDefined();
    expect((await responseCacheStats(join(dir, "none"))).entries).toBe(0);
  });
});
