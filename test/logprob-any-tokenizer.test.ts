// logprob answering with tokenizers that split digits (Llama, Gemma, Mistral, Qwen: "10" → "1","0"):
// the fake server's `optionLogprobs` mode tokenizes like them and makes option "10" the most
// likely. with numeric keys the first token "1" carries P(1) + P(10) and "10" can never win;
// with the letter labels logprob answering now uses, J (= 10) wins on Q48, Q164 and Q240.
// and an answer whose valid options hold too little of the first token's probability is invalid.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VALID_MASS_THRESHOLD, logprobItem, optionDistribution } from "../agents/option-distribution.js";
import { loadInstrument } from "../surveys/load-instrument.js";
import { presentItem } from "../surveys/present-item.js";
import { optionChoiceAnswer, type ChatBody } from "./fake-openai-completion.js";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli, readRows } from "./survey-cli.js";
import { argv } from "./argv.js";
import { chatReply } from "./chat-reply.js";

const fake = fakeServerSuite("dp-logprob-tok-", { KEN: "Kenya" }, 2);
const CHAT = "/v1/chat/completions";
const args = (out: string) => argv`survey run --personas ${fake.personas} --items Q48,Q164,Q240 --mode isolated --answer logprob
  --model openai:fake@${fake.srv.url} --out ${join(fake.root, out)}`;

describe("logprob answers for any tokenizer", () => {
  it("numeric keys under a digit-splitting tokenizer: '10' gets no probability of its own (the old failure)", () => {
    const item = presentItem(loadInstrument("wvs").items.find((i) => i.id === "Q48")!);
    const prompt = `${item.options.map((o) => `${o.key} = ${o.label}`).join("\n")}\noptions: ${item.answerKeys.join(" | ")}`;
    const answer = optionChoiceAnswer({ messages: [{ role: "user", content: prompt }], logprobs: true, top_logprobs: 20 } as ChatBody, {
      splitDigits: true,
      favour: "10",
    });
    expect(answer?.content).toBe("10");
    expect(answer?.logprobs?.content.map((t) => t.token)).toEqual(["1", "0"]);
    const dist = optionDistribution(item, answer!.logprobs!.content);
    expect(dist?.probs["10"]).toBe(0);
    expect(dist?.modalCode).toBe(1); // P(1) + P(10) landed on "1"
  });

  it("letter labels: option 10 wins on Q48, Q164, Q240 when its label is the most likely", async () => {
    fake.srv.set({ optionLogprobs: { splitDigits: true, favour: "10" } });
    const r = await cli(args("split"));
    expect(r.code, r.stderr).toBe(0);
    const prompts = fake.srv.requests.filter((q) => q.path === CHAT).map((q) => JSON.stringify((q.body as ChatBody).messages));
    expect(prompts).toHaveLength(6);
    // 10 is J, or A when the scale is shown reversed
    for (const p of prompts)
      expect(p).toMatch(
        /(J = 10 [A-Z]|A = 10 [A-Z])[^"]*Answer with the letter of one option only[^"]*options: A \| B \| C \| D \| E \| F \| G \| H \| I \| J"/,
      );
    const rows = readRows(join(fake.root, "split"));
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "ok", value: 10, answer_key: row.reversed ? "A" : "J" });
      expect(row.valid_mass).toBeCloseTo(1, 10);
      expect(row.probs?.["10"]).toBeCloseTo(8 / 17, 10);
    }
  });

  it("relabels only items with keys longer than one character", () => {
    const wvs = loadInstrument("wvs").items;
    const four = presentItem(wvs.find((i) => i.id === "Q46")!);
    expect(logprobItem(four)).toBe(four);
    const ten = logprobItem(presentItem(wvs.find((i) => i.id === "Q164")!, { reverse: true }));
    expect(ten.options.map((o) => `${o.key} = ${o.label} → ${o.code}`).slice(0, 2)).toEqual(["A = 10 Very important → 10", "B = 9 → 9"]);
  });

  it(`valid mass below ${VALID_MASS_THRESHOLD} → invalid with the reason, probabilities still recorded`, async () => {
    const lp = (token: string, p: number) => ({ token, logprob: Math.log(p) });
    // Q164 only: a run whose every answer is invalid fails as a whole
    fake.srv.set({
      optionLogprobs: { splitDigits: true, favour: "10" },
      handler: (req) =>
        req.path === CHAT && JSON.stringify(req.body).includes("Question Q164")
          ? chatReply(req.body, "The", 1, {
              logprobs: { content: [{ ...lp("The", 0.8), top_logprobs: [lp("The", 0.8), lp("J", 0.15), lp("a", 0.05)] }] },
            })
          : undefined,
    });
    const r = await cli(args("lowmass"));
    expect(r.code, r.stderr).toBe(0);
    const rows = readRows(join(fake.root, "lowmass"));
    expect(rows).toHaveLength(6);
    expect(rows.filter((x) => x.status === "ok")).toHaveLength(4);
    const q164 = rows.filter((x) => x.item === "Q164");
    expect(q164).toHaveLength(2);
    for (const row of q164) {
      expect(row).toMatchObject({ status: "invalid", value: null });
      expect(row.valid_mass).toBeCloseTo(0.2, 10);
      expect(row.reason).toMatch(/valid options hold 0\.200 of the first token's probability, below 0\.5/);
      expect(row.probs?.[row.reversed ? "1" : "10"]).toBeCloseTo(0.75, 10); // "J" 0.15 of 0.2 ("a" = A: 0.05)
    }
  });
  it("--min-valid-mass lowers the gate (0: every answer with any valid mass counts)", async () => {
    fake.srv.set({
      handler: (req) =>
        req.path === CHAT
          ? chatReply(req.body, "The", 1, {
              logprobs: {
                content: [
                  {
                    token: "The",
                    logprob: Math.log(0.9),
                    top_logprobs: [
                      { token: "The", logprob: Math.log(0.9) },
                      { token: "B", logprob: Math.log(0.1) },
                    ],
                  },
                ],
              },
            })
          : undefined,
    });
    const r = await cli([...args("gate0"), "--min-valid-mass", "0"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readRows(join(fake.root, "gate0"));
    expect(rows.map((x) => x.status)).toEqual(Array(6).fill("ok"));
    expect(rows.every((x) => Math.abs((x.valid_mass ?? 0) - 0.1) < 1e-9 && x.value === (x.reversed ? 9 : 2))).toBe(true);
    const bad = await cli([...args("gate-bad"), "--min-valid-mass", "2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--min-valid-mass must be a probability between 0 and 1, got '2'/);
  });
});
