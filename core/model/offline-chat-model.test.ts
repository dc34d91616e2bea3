import { describe, expect, it } from "vitest";
import { HumanMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { OfflineChatModel } from "./offline-chat-model.js";
import { OfflineEmbeddings } from "./offline-embeddings.js";
import { OFFLINE_TEXT_PREFIX } from "./synthetic-text.js";

const Schema = z.object({
  city: z.string().describe("home city; kind: text"),
  rating: z.number().int().min(1).max(5),
  extra: z.string().optional(),
});

describe("OfflineChatModel", () => {
  it("free text is plainly synthetic, labelled, and reports usage like a real model", async () => {
    const q = "What do you think about public transport?";
    const msg = await new OfflineChatModel({ seed: 1 }).invoke(q);
    expect(String(msg.content).startsWith(OFFLINE_TEXT_PREFIX)).toBe(true);
    expect(msg.response_metadata.model_name).toBe("offline");
    expect(msg.usage_metadata).toMatchObject({
      input_tokens: Math.ceil(`human: ${q}`.length / 4),
      output_tokens: Math.ceil(String(msg.content).length / 4),
    });
  });

  it("is a pure function of seed and messages", async () => {
    const q = [new SystemMessage("persona A"), new HumanMessage("Tell me about your work.")];
    const a = await new OfflineChatModel({ seed: 1 }).invoke(q);
    expect((await new OfflineChatModel({ seed: 1 }).invoke(q)).content).toBe(a.content);
    const seeds = new Set<string>();
    for (let s = 0; s < 8; s++) seeds.add(String((await new OfflineChatModel({ seed: s }).invoke(q)).content));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it("withStructuredOutput returns schema-valid objects, also with includeRaw", async () => {
    const model = new OfflineChatModel({ seed: 3 });
    const v = await model.withStructuredOutput(Schema, { name: "place" }).invoke("where do you live?");
    expect(Schema.parse(v).city).toMatch(/^synthetic home city: /);
    const r = await model.withStructuredOutput(Schema, { includeRaw: true }).invoke("where do you live?");
    expect(Schema.safeParse(r.parsed).success).toBe(true);
    expect(r.raw.response_metadata.model_name).toBe("offline");
  });

  it("answers an `options:` prompt with one code and OpenAI-format logprobs", async () => {
    const model = new OfflineChatModel({ seed: 9 });
    const prompt = [new SystemMessage("persona"), new HumanMessage("How important is family?\noptions: 1 | 2 | 3 | 4")];
    const msg = await model.invoke(prompt, { logprobs: true, top_logprobs: 4 });
    expect(["1", "2", "3", "4"]).toContain(msg.content);
    const lp = msg.response_metadata.logprobs as {
      content: { token: string; logprob: number; top_logprobs: { token: string; logprob: number }[] }[];
    };
    expect(lp.content).toHaveLength(1);
    expect(lp.content[0]?.token).toBe(msg.content);
    const top = lp.content[0]?.top_logprobs ?? [];
    expect(top.map((t) => t.token).sort()).toEqual(["1", "2", "3", "4"]);
    expect(top.reduce((a, t) => a + Math.exp(t.logprob), 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < top.length; i++) expect(top[i]!.logprob).toBeLessThanOrEqual(top[i - 1]!.logprob);
    // answers vary across personas (seeds)
    const answers = new Set<string>();
    for (let s = 0; s < 20; s++) answers.add(String((await new OfflineChatModel({ seed: s }).invoke(prompt)).content));
    expect(answers.size).toBeGreaterThan(1);
  });

  it("bound tools: calls a tool with valid args, then answers in text after the tool result", async () => {
    const add = tool(async ({ a, b }: { a: number; b: number }) => String(a + b), {
      name: "add",
      description: "add",
      schema: z.object({ a: z.number(), b: z.number() }),
    });
    const bound = new OfflineChatModel().bindTools([add]);
    const first = await bound.invoke([new HumanMessage("add 1 and 2")]);
    const call = first.tool_calls?.[0];
    expect(call?.name).toBe("add");
    expect(z.object({ a: z.number(), b: z.number() }).safeParse(call?.args).success).toBe(true);
    const second = await bound.invoke([new HumanMessage("add 1 and 2"), first, new ToolMessage({ content: "3", tool_call_id: call!.id! })]);
    expect(second.tool_calls ?? []).toHaveLength(0);
    expect(String(second.content)).toContain(OFFLINE_TEXT_PREFIX);
  });
});

describe("OfflineEmbeddings", () => {
  const emb = new OfflineEmbeddings();
  const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

  it("is deterministic, 512-d and L2-normalised (empty text → e0)", async () => {
    const [a, b, empty] = await emb.embedDocuments(["Walking the dog", "Walking the dog", ""]);
    expect(a).toHaveLength(512);
    expect(a).toEqual(b);
    expect(Math.hypot(...(a as number[]))).toBeCloseTo(1, 10);
    expect(empty?.[0]).toBe(1);
  });

  it("puts lexically similar texts closer", async () => {
    const [q, near, far] = await emb.embedDocuments(["hiking in the mountains", "mountain hiking trips", "tax accounting software"]);
    expect(cos(q!, near!)).toBeGreaterThan(cos(q!, far!));
  });
});
