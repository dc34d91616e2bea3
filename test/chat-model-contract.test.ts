// the chat-model + embeddings seam contract: every implementation (the offline model, and
// ChatOpenAI pointed at the fake server) must pass the same suite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod";
import { resolveChatModel } from "../core/model/resolve-chat-model.js";
import { resolveEmbeddings } from "../core/model/resolve-embeddings.js";
import { structuredCall } from "../core/structured/structured-call.js";
import { textCall } from "../core/structured/text-call.js";
import { UsageMeter } from "../core/usage/usage-meter.js";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./fake-openai-server.js";

interface Subject {
  model: BaseChatModel;
  embeddings: Embeddings;
  spec: string;
  dims: number;
}

const Persona = z.object({
  name: z.string().min(1),
  age: z.number().int().min(18).max(99),
  employed: z.boolean(),
  hobbies: z.array(z.string()).min(1).max(3),
  sport: z.string().describe("weekly sport; kind: quantity; unit: hours per week"),
  party: z.string().describe("options: left | centre | right"),
  nickname: z.string().optional(),
  partner: z.object({ name: z.string() }).nullable(),
});

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

const subjects: [string, () => Promise<Subject>][] = [
  [
    "OfflineChatModel",
    async () => ({ model: await resolveChatModel("offline", { seed: 42 }), embeddings: await resolveEmbeddings("offline"), spec: "offline", dims: 512 }),
  ],
  [
    "ChatOpenAI → fake server",
    async () => {
      const spec = `openai:fake-model@${server.url}`;
      return {
        model: await resolveChatModel(spec, { timeoutMs: 5000 }),
        embeddings: await resolveEmbeddings(`openai:text-embedding-3-small@${server.url}`, { dimensions: 64 }),
        spec,
        dims: 64,
      };
    },
  ],
];

describe.each(subjects)("chat model contract: %s", (_label, make) => {
  let s: Subject;
  beforeAll(async () => {
    s = await make();
  });
  const messages = [new SystemMessage("You are a test persona."), new HumanMessage("Describe your weekend.")];

  it("plain invoke returns text and usage_metadata", async () => {
    const msg = await s.model.invoke(messages);
    expect(typeof msg.content).toBe("string");
    expect((msg.content as string).length).toBeGreaterThan(0);
    expect(msg.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(msg.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(msg.usage_metadata?.total_tokens).toBe((msg.usage_metadata?.input_tokens ?? 0) + (msg.usage_metadata?.output_tokens ?? 0));
  });

  it("textCall meters the request", async () => {
    const meter = new UsageMeter();
    const r = await textCall({ model: s.model, messages, meter });
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.attempts).toBe(1);
    expect(meter.totals().calls).toBe(1);
    expect(meter.totals().totalTokens).toBe(r.usage.totalTokens);
  });

  it("structuredCall returns a schema-valid object with usage", async () => {
    const r = await structuredCall({ model: s.model, schema: Persona, name: "persona", messages });
    expect(Persona.safeParse(r.value).success).toBe(true);
    expect(["left", "centre", "right"]).toContain(r.value.party);
    expect(r.value.sport).toMatch(/^\d+ hours per week$/);
    expect(r.repaired).toBe(false);
    expect(r.attempts).toBe(1);
    expect(r.modelSpec).toBe(s.spec);
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(r.usage.outputTokens).toBeGreaterThan(0);
    expect(JSON.parse(r.raw)).toBeTypeOf("object");
  });

  it("same input twice → same output", async () => {
    const a = await structuredCall({ model: s.model, schema: Persona, name: "persona", messages });
    const b = await structuredCall({ model: s.model, schema: Persona, name: "persona", messages });
    expect(b.value).toEqual(a.value);
    const t1 = await s.model.invoke(messages);
    const t2 = await s.model.invoke(messages);
    expect(t2.content).toEqual(t1.content);
  });

  it("embeddings have the right size and are L2-normalised", async () => {
    const docs = await s.embeddings.embedDocuments(["a quiet village", "a busy city", ""]);
    expect(docs).toHaveLength(3);
    for (const v of docs) {
      expect(v).toHaveLength(s.dims);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    const q = await s.embeddings.embedQuery("a quiet village");
    expect(q).toHaveLength(s.dims);
    expect(q.map((x) => Number(x.toFixed(5)))).toEqual(docs[0]?.map((x) => Number(x.toFixed(5))));
  });
});
