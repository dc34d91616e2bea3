import { describe, expect, it } from "vitest";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { ScriptedChatModel } from "../test/scripted-chat-model.js";
import { testPersona } from "../test/fixtures/test-persona.js";
import { OfflineChatModel } from "../core/model/offline-chat-model.js";
import { messageText } from "../core/structured/message-text.js";
import { loadInstrument, getItem } from "../surveys/load-instrument.js";
import { presentItem } from "../surveys/present-item.js";
import { scriptedClient } from "../test/scripted-client.js";
import { createAgentForPersona, createPersonaAgent } from "./create-persona-agent.js";
import { optionDistribution } from "./option-distribution.js";

const wvs = loadInstrument("wvs");
const q46 = getItem(wvs, "Q46"); // 1 very happy … 4 not at all happy
const q57 = getItem(wvs, "Q57"); // 2 options
const persona = testPersona({ id: "KEN-1", country: "KEN", countryName: "Kenya" });

describe("persona agent: answer-item", () => {
  it("restricts the answer to the option keys (+ refusal) and keeps the rationale apart", async () => {
    const model = new ScriptedChatModel({ responses: ['{"answer":"2","rationale":"Life is good."}'] });
    const client = await scriptedClient(model, { seed: 9 });
    const agent = createAgentForPersona(persona, { client });
    const { answer, call } = await agent.answerItem(presentItem(q46), { key: "deep/KEN-1/Q46/0" });
    expect(answer).toMatchObject({
      itemId: "Q46",
      key: "2",
      value: 2,
      status: "ok",
      reason: null,
      rationale: "Life is good.",
      reversed: false,
    });
    expect(call.promptVersion).toBe("survey-system@1+answer-item@1");
    const sent = model.calls[0]!;
    const format = sent.options.response_format as { json_schema: { schema: { properties: { answer: { enum: string[] } } } } };
    expect(format.json_schema.schema.properties.answer.enum).toEqual(["1", "2", "3", "4", "refuse"]);
    // the request seed is the client's per-call seed of the key: a pure function of (run seed, key)
    expect(sent.options.seed).toBe(client.seedFor("deep/KEN-1/Q46/0"));
    expect(client.seedFor("deep/KEN-1/Q46/1")).not.toBe(client.seedFor("deep/KEN-1/Q46/0"));
    expect((await scriptedClient(model, { seed: 10 })).seedFor("deep/KEN-1/Q46/0")).not.toBe(client.seedFor("deep/KEN-1/Q46/0"));
    expect(call.modelSpec).toBe("scripted");
    expect(messageText(sent.messages[0]!)).toContain("Test Person KEN-1");
  });

  it("maps keys of a reversed option order back to codes", async () => {
    const model = new ScriptedChatModel({ responses: '{"answer":"1"}' });
    const agent = createAgentForPersona(persona, { client: await scriptedClient(model) });
    const reversed = presentItem(q46, { reverse: true });
    const { answer } = await agent.answerItem(reversed, { key: "r" });
    expect(answer).toMatchObject({ key: "1", value: 4, status: "ok", reversed: true, rationale: null });
    expect(messageText(model.calls[0]!.messages.at(-1)!)).toContain("1 = Not at all happy");
  });

  it("refusal → status refused; output still invalid after the one repair → status invalid with raw text", async () => {
    const refused = await createAgentForPersona(persona, {
      client: await scriptedClient(new ScriptedChatModel({ responses: '{"answer":"refuse"}' })),
    }).answerItem(presentItem(q57), { key: "k" });
    expect(refused.answer).toMatchObject({ status: "refused", value: null, key: "refuse" });
    const model = new ScriptedChatModel({ responses: ['{"answer":"7"}', "not json at all"] });
    const invalid = await createAgentForPersona(persona, { client: await scriptedClient(model) }).answerItem(presentItem(q57), {
      key: "k",
    });
    expect(model.calls).toHaveLength(2);
    expect(invalid.answer).toMatchObject({ status: "invalid", value: null, raw: "not json at all" });
    expect(invalid.answer.reason).toMatch(/JSON/);
    expect(invalid.call).toMatchObject({ attempts: 2, repaired: true });
  });

  it("without refusal the enum holds only the option keys", async () => {
    const model = new ScriptedChatModel({ responses: '{"answer":"1"}' });
    await createAgentForPersona(persona, { client: await scriptedClient(model), allowRefusal: false }).answerItem(presentItem(q57), {
      key: "k",
    });
    const format = model.calls[0]!.options.response_format as { json_schema: { schema: { properties: { answer: { enum: string[] } } } } };
    expect(format.json_schema.schema.properties.answer.enum).toEqual(["1", "2"]);
  });
});

describe("persona agent: answer-items (batched)", () => {
  it("answers a whole instrument in ONE call; each item judged on its own even when the output is invalid", async () => {
    const items = [presentItem(q46, { reverse: true }), presentItem(q57)];
    const ok = new ScriptedChatModel({ responses: '{"Q46":"4","Q57":"refuse"}' });
    const res = await createAgentForPersona(persona, { client: await scriptedClient(ok) }).answerItems(items, { key: "g" });
    expect(ok.calls).toHaveLength(1);
    expect(res.answers.map((a) => [a.itemId, a.value, a.status])).toEqual([
      ["Q46", 1, "ok"],
      ["Q57", null, "refused"],
    ]);
    const bad = new ScriptedChatModel({ responses: '{"Q46":"2","Q57":"9"}' });
    const res2 = await createAgentForPersona(persona, { client: await scriptedClient(bad) }).answerItems(items, { key: "g" });
    expect(bad.calls).toHaveLength(2); // the call and its one repair
    expect(res2.answers.map((a) => [a.itemId, a.value, a.status])).toEqual([
      ["Q46", 3, "ok"],
      ["Q57", null, "invalid"],
    ]);
    expect(res2.answers[1]!.reason).toMatch(/'9' is not one of 1\|2/);
  });
});

describe("persona agent: logprob answering", () => {
  it("reads renormalised option probabilities from the first token's top logprobs (offline model)", async () => {
    const model = new OfflineChatModel({ seed: 3, logprobs: true, topLogprobs: 20 });
    const agent = createAgentForPersona(persona, { client: await scriptedClient(model) });
    const { answer } = await agent.answerItem(presentItem(q46, { reverse: true }), { answer: "logprob", key: "k" });
    expect(answer.status).toBe("ok");
    expect(Object.keys(answer.probs ?? {})).toEqual(["1", "2", "3", "4"]);
    expect(Object.values(answer.probs ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(answer.validMass).toBeCloseTo(1, 10);
    expect(answer.value).toBe(5 - Number(answer.key)); // reversed: key k ↔ code 5−k
  });

  it("renormalises over valid options and reports the mass that fell on them", () => {
    const item = presentItem(q57, { reverse: true }); // key 1 ↔ code 2
    const dist = optionDistribution(item, [
      {
        token: " 1",
        logprob: Math.log(0.6),
        top_logprobs: [
          { token: " 1", logprob: Math.log(0.6) },
          { token: "2", logprob: Math.log(0.2) },
          { token: "I", logprob: Math.log(0.2) },
        ],
      },
    ]);
    expect(dist?.validMass).toBeCloseTo(0.8, 10);
    expect(dist?.probs["2"]).toBeCloseTo(0.75, 10);
    expect(dist?.probs["1"]).toBeCloseTo(0.25, 10);
    expect(dist?.modalCode).toBe(2);
  });

  it("a provider that returns no logprobs → a configuration error suggesting --answer sample", async () => {
    const agent = createAgentForPersona(persona, { client: await scriptedClient(new ScriptedChatModel({ responses: "2" })) });
    await expect(agent.answerItem(presentItem(q57), { answer: "logprob", key: "k" })).rejects.toMatchObject({
      code: "E_MODEL_CONFIG",
      exitCode: 2,
      message: expect.stringMatching(/--answer sample/),
    });
  });
});

describe("persona agent: speak and memory", () => {
  it("hears its memory (the conversation engine's) before the prompt, and nothing else", async () => {
    const model = new ScriptedChatModel({ responses: (_m, _o, i) => `reply ${i}` });
    const agent = createPersonaAgent({ profile: "You are Amina, 34, from Nairobi.", client: await scriptedClient(model) });
    const first = await agent.speak("Hello!", { key: "a/1" });
    expect(first).toMatchObject({ text: "reply 0", call: { promptVersion: "speak-system@1+speak@1", attempts: 1 } });
    await agent.speak("How is work?", { key: "a/2", memory: [new HumanMessage("Hello!"), new AIMessage(first.text)] });
    await agent.speak("Hi there", { key: "b/1" });
    const texts = (i: number) => model.calls[i]!.messages.map((m) => messageText(m));
    expect(texts(1)).toEqual([expect.stringContaining("Amina"), "Hello!", "reply 0", "How is work?"]);
    expect(texts(2)).toEqual([expect.stringContaining("Amina"), "Hi there"]); // no memory given: a fresh context
  });

  it("answers are direct calls: building an agent compiles nothing and keeps no state between calls", async () => {
    const model = new ScriptedChatModel({ responses: '{"answer":"1"}' });
    const agent = createAgentForPersona(persona, { client: await scriptedClient(model) });
    await agent.answerItem(presentItem(q57), { key: "1" });
    await agent.answerItem(presentItem(q57), { key: "2" });
    expect(model.calls[1]!.messages).toHaveLength(2);
    expect(Object.keys(agent).sort()).toEqual(["answerItem", "answerItems", "profile", "speak"]);
  });
});
