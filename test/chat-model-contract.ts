// the chat-model seam contract as a reusable suite: every implementation (the offline model, and
// each provider's LangChain integration pointed at its fake server) must pass the same tests.
// subjects with a fake server also run the wire tests: the provider's native structured-output
// mechanism is on the request, malformed JSON is repaired once, 429/5xx are retried by our policy
// (the model itself sends exactly one request per attempt), 401 is a configuration error (exit 2),
// and the server-reported usage reaches the meter.
import { beforeAll, describe, expect, it } from "vitest";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod";
import { ModelCallError } from "../core/structured/model-call-error.js";
import { structuredCall } from "../core/structured/structured-call.js";
import { textCall } from "../core/structured/text-call.js";
import { UsageMeter } from "../core/usage/usage-meter.js";
import type { ContentFault } from "./fake-openai-completion.js";

/** the controls of a subject's fake server */
export interface ContractServer {
  /** queue failures for the next requests, in order */
  fail(failures: { status: number; retryAfter?: string }[]): void;
  /** queue content faults for the next structured answers, in order */
  fault(faults: ContentFault[]): void;
  /** chat requests received so far */
  chatRequests(): number;
  /** the body of the last chat request */
  lastBody(): unknown;
  /** true when a structured request body uses the provider's native mechanism */
  nativeStructured(body: unknown): boolean;
  /** prompt/completion tokens the server reported for the last chat request */
  lastUsage(): { input: number; output: number };
}

export interface ContractSubject {
  model: BaseChatModel;
  spec: string;
  embeddings?: { embeddings: Embeddings; dims: number };
  server?: ContractServer;
}

export const ContractPersona = z.object({
  name: z.string().min(1),
  age: z.number().int().min(18).max(99),
  employed: z.boolean(),
  hobbies: z.array(z.string()).min(1).max(3),
  sport: z.string().describe("weekly sport; kind: quantity; unit: hours per week"),
  party: z.string().describe("options: left | centre | right"),
  nickname: z.string().optional(),
  partner: z.object({ name: z.string() }).nullable(),
});

const noSleep = async () => {};

/** registers `describe("chat model contract: <label>")` */
export function chatModelContract(label: string, make: () => Promise<ContractSubject>): void {
  describe(`chat model contract: ${label}`, () => {
    let s: ContractSubject;
    beforeAll(async () => {
      s = await make();
    });
    const messages = [new SystemMessage("You are a test persona."), new HumanMessage("Describe your weekend.")];
    const Persona = ContractPersona;

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
      expect(r.modelSpec).toBe(s.spec);
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

    it("embeddings have the right size and are L2-normalised", async (ctx) => {
      if (!s.embeddings) return ctx.skip();
      const { embeddings, dims } = s.embeddings;
      const docs = await embeddings.embedDocuments(["a quiet village", "a busy city", ""]);
      expect(docs).toHaveLength(3);
      for (const v of docs) {
        expect(v).toHaveLength(dims);
        expect(Math.hypot(...v)).toBeCloseTo(1, 5);
      }
      const q = await embeddings.embedQuery("a quiet village");
      expect(q).toHaveLength(dims);
      expect(q.map((x) => Number(x.toFixed(5)))).toEqual(docs[0]?.map((x) => Number(x.toFixed(5))));
    });

    it("the structured request uses the provider's native mechanism; server usage reaches the meter", async (ctx) => {
      const srv = s.server;
      if (!srv) return ctx.skip();
      const meter = new UsageMeter();
      const r = await structuredCall({ model: s.model, schema: Persona, name: "persona", messages, meter });
      expect(srv.nativeStructured(srv.lastBody())).toBe(true);
      const reported = srv.lastUsage();
      expect(r.usage.inputTokens).toBe(reported.input);
      expect(r.usage.outputTokens).toBe(reported.output);
      expect(meter.totals()).toMatchObject({ calls: 1, inputTokens: reported.input, outputTokens: reported.output });
    });

    it("malformed JSON → one repair request quoting the problem, then a valid value", async (ctx) => {
      const srv = s.server;
      if (!srv) return ctx.skip();
      const before = srv.chatRequests();
      srv.fault(["malformed"]);
      const meter = new UsageMeter();
      const r = await structuredCall({ model: s.model, schema: Persona, name: "persona", messages, meter });
      expect(Persona.safeParse(r.value).success).toBe(true);
      expect(r.repaired).toBe(true);
      expect(r.attempts).toBe(2);
      expect(srv.chatRequests() - before).toBe(2);
      expect(JSON.stringify(srv.lastBody())).toContain("is not valid for the required JSON schema");
      expect(meter.totals().calls).toBe(2);
      expect(r.usage.inputTokens).toBe(meter.totals().inputTokens);
    });

    it("429 and 5xx are retried by our policy, one request per attempt", async (ctx) => {
      const srv = s.server;
      if (!srv) return ctx.skip();
      const before = srv.chatRequests();
      srv.fail([{ status: 429, retryAfter: "0" }, { status: 500 }]);
      const meter = new UsageMeter();
      const r = await structuredCall({ model: s.model, schema: Persona, name: "persona", messages, meter, sleep: noSleep });
      expect(Persona.safeParse(r.value).success).toBe(true);
      expect(r.attempts).toBe(3);
      expect(srv.chatRequests() - before).toBe(3);
      expect(meter.totals()).toMatchObject({ calls: 3, failedCalls: 2 });
    });

    it("401 → ModelCallError, not retried, exit 2", async (ctx) => {
      const srv = s.server;
      if (!srv) return ctx.skip();
      const before = srv.chatRequests();
      srv.fail([{ status: 401 }]);
      const err = await textCall({ model: s.model, messages, sleep: noSleep }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelCallError);
      expect(err).toMatchObject({ status: 401, exitCode: 2, attempts: 1 });
      expect(srv.chatRequests() - before).toBe(1);
    });
  });
}
