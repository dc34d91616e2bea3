// each provider integration against its fake server, beyond the contract suite: streaming as the
// client does it (Anthropic SSE, Gemini SSE, Ollama NDJSON) with usage, and the real errors,
// sorted by our policy:
// Anthropic 529 overloaded (transient) and Retry-After, Gemini RetryInfo.retryDelay and a bad key
// (400 API_KEY_INVALID → exit 2), Ollama's status_code, and the request timeout of every provider
// (a server that never answers → a transient "timeout", never a hang or a cancel).
import { describe, expect, it } from "vitest";
import { AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { resolveChatModel } from "../core/model/resolve-chat-model.js";
import { classifyModelError } from "../core/structured/classify-model-error.js";
import { ModelCallError } from "../core/structured/model-call-error.js";
import { textCall } from "../core/structured/text-call.js";
import { startFakeAnthropicServer } from "./fake-anthropic-server.js";
import { startFakeGeminiServer } from "./fake-gemini-server.js";
import { startFakeOllamaServer } from "./fake-ollama-server.js";
import { suiteServer } from "./suite-server.js";

const anthropic = suiteServer(startFakeAnthropicServer);
const gemini = suiteServer(startFakeGeminiServer);
const ollama = suiteServer(startFakeOllamaServer);

const messages = [new HumanMessage("hello")];
const thrown = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("provider errors → our classes", () => {
  it("anthropic: 529 overloaded is transient; Retry-After is read", async () => {
    const model = await resolveChatModel(`anthropic:claude-x@${anthropic.url}`);
    anthropic.set({ failures: [{ status: 529 }, { status: 429, retryAfter: "7" }] });
    expect(classifyModelError(await thrown(model.invoke(messages)))).toMatchObject({
      transient: true,
      status: 529,
      reason: "529 overloaded",
    });
    expect(classifyModelError(await thrown(model.invoke(messages)))).toMatchObject({ transient: true, status: 429, retryAfterMs: 7000 });
  });

  it("google: 429 RetryInfo.retryDelay is the wait; API_KEY_INVALID → ModelCallError exit 2", async () => {
    const model = await resolveChatModel(`google:gemini-x@${gemini.url}`);
    gemini.set({ failures: [{ status: 429, retryAfter: "2.5" }] });
    expect(classifyModelError(await thrown(model.invoke(messages)))).toMatchObject({ transient: true, status: 429, retryAfterMs: 2500 });
    gemini.set({ failures: [{ status: 400, error: { message: "API key not valid. Please pass a valid API key." } }] });
    const err = await thrown(textCall({ model, messages }));
    expect(err).toBeInstanceOf(ModelCallError);
    expect(err).toMatchObject({ status: 401, exitCode: 2, attempts: 1 });
  });

  it("ollama: the error's status_code is the status", async () => {
    const model = await resolveChatModel(`ollama:llama-x@${ollama.url}`);
    ollama.set({ failures: [{ status: 503 }, { status: 404, error: { message: "model 'llama-x' not found" } }] });
    expect(classifyModelError(await thrown(model.invoke(messages)))).toMatchObject({ transient: true, status: 503 });
    const err = await thrown(textCall({ model, messages }));
    expect(err).toMatchObject({ status: 404, exitCode: 2 });
  });

  it.each([
    ["anthropic", "claude-x", () => anthropic],
    ["google", "gemini-x", () => gemini],
    ["ollama", "llama-x", () => ollama],
  ] as const)("%s: a server that never answers → transient timeout after the request timeout", async (provider, name, srv) => {
    const model = await resolveChatModel(`${provider}:${name}@${srv().url}`, { timeoutMs: 300 });
    srv().set({ handler: () => "hang" });
    try {
      const err = await thrown(textCall({ model, messages, maxTransientRetries: 0 }));
      expect(err).toBeInstanceOf(ModelCallError);
      expect(err).toMatchObject({ transient: true, attempts: 1 });
      expect((err as Error).message).toMatch(/timeout/);
    } finally {
      srv().reset();
    }
  });
});

describe("streaming", () => {
  it.each([
    ["anthropic", "claude-x", () => anthropic, /^\/v1\/messages$/, true],
    ["google", "gemini-x", () => gemini, /:streamGenerateContent$/, undefined],
    ["ollama", "llama-x", () => ollama, /^\/api\/chat$/, true],
  ] as const)("%s: stream() chunks concat to the answer with usage_metadata", async (provider, name, srv, path, streamFlag) => {
    const model = await resolveChatModel(`${provider}:${name}@${srv().url}`);
    const before = srv().requestCount(path);
    let whole: AIMessageChunk | undefined;
    for await (const chunk of await model.stream(messages)) whole = whole ? whole.concat(chunk) : chunk;
    expect(srv().requestCount(path) - before).toBe(1);
    expect((srv().requests.at(-1)?.body as { stream?: boolean }).stream).toBe(streamFlag);
    expect(String(whole?.content)).toMatch(/^fake answer \d+ to: hello$/);
    expect(whole?.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(whole?.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });
});

describe("fake Ollama wire", () => {
  it("answers stream:false with one object carrying the token counts", async () => {
    const res = await fetch(`${ollama.url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({
        model: "llama-x",
        stream: false,
        messages: [{ role: "user", content: "hi" }],
        format: { type: "object", properties: { a: { type: "boolean" } }, required: ["a"] },
      }),
    });
    const body = (await res.json()) as { done: boolean; message: { content: string }; prompt_eval_count: number; eval_count: number };
    expect(body.done).toBe(true);
    expect(typeof JSON.parse(body.message.content).a).toBe("boolean");
    expect(body.prompt_eval_count).toBeGreaterThan(0);
    expect(body.eval_count).toBeGreaterThan(0);
  });
});
