// discuss against the fake OpenAI-compatible server: calls = turns + 2 × personas × items (from
// the request log), every turn sees its group's earlier turns and every post measure the whole
// discussion; a budget stop + --resume makes no call twice.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TurnRecord } from "../scenarios/discussion/turn-record.js";
import { fakeServerSuite } from "./fake-server-suite.js";
import { cli } from "./survey-cli.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";

const fake = fakeServerSuite("dp-discuss-fake-", { KEN: "Kenya", DEU: "Germany" }, 4);
const { root, personas } = fake;
const CHAT = "/v1/chat/completions";
type Body = { seed?: number; messages: { role: string; content: string }[] };
const chat = () => fake.srv.requests.filter((r) => r.path === CHAT).map((r) => r.body as Body);
const prompt = (b: Body) => b.messages.map((m) => m.content).join("\n");
const turnsOf = (dir: string) => readJsonl<TurnRecord>(dir, "turns.jsonl");

const args = (model: string, out: string) => argv`discuss --personas ${personas}
  --topic ${"Should my town ban cars from the centre?"} --treatment ${"A study found the ban cut asthma admissions by 20%."}
  --measure Q46,Q57 --rounds 2 --model openai:${model}@${fake.srv.url} --out ${out}`;

describe("discuss against the fake server", () => {
  it("one call per turn plus one per persona × item before and after; turns see their group's transcript", async () => {
    const out = join(root, "calls");
    const r = await cli(args("fake", out));
    expect(r.code, r.stderr).toBe(0);
    const turns = turnsOf(out);
    expect(turns).toHaveLength(2 * 2 * 4); // 2 groups (one per country) × 2 rounds × 4
    const requests = chat();
    expect(requests).toHaveLength(turns.length + 2 * 8 * 2);
    expect(new Set(requests.map((b) => b.seed)).size).toBe(requests.length);
    const turnPrompts = requests.map(prompt).filter((p) => p.includes("It is your turn to speak"));
    expect(turnPrompts).toHaveLength(16);
    const memories = requests.map(prompt).filter((p) => p.includes("Earlier today you took part"));
    expect(memories).toHaveLength(16);
    for (const group of new Set(turns.map((t) => t.group))) {
      const texts = turns
        .filter((t) => t.group === group)
        .sort((a, b) => a.round - b.round || a.turn - b.turn)
        .map((t) => t.text);
      // the last turn's prompt holds every earlier turn of the group; post measures hold them all
      expect(turnPrompts.some((p) => texts.slice(0, -1).every((t) => p.includes(t)))).toBe(true);
      expect(memories.filter((p) => texts.every((t) => p.includes(t)))).toHaveLength(4 * 2);
    }
    expect(turns.every((t) => t.model === `openai:fake@${fake.srv.url}` && t.usage.total_tokens > 0)).toBe(true);
  });

  it("a budget cap stops cleanly (exit 3); --resume with a larger cap completes without repeating a call", async () => {
    const out = join(root, "budget");
    const r = await cli([...args("gpt-4.1-mini", out), "--concurrency", "2", "--budget-usd", "0.006"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/budget cap reached/);
    const first = chat().length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(48);
    // stopped mid-discussion: the resumed turns continue the same transcripts
    const partial = turnsOf(out).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(16);
    const resumed = await cli([...args("gpt-4.1-mini", out), "--concurrency", "2", "--budget-usd", "10", "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(chat()).toHaveLength(48);
    expect(turnsOf(out)).toHaveLength(16);
  });

  it("an empty or punctuation-only turn is repaired once, then recorded invalid with the reason", async () => {
    const out = join(root, "junk");
    let turnCalls = 0;
    // the first turn's speaker says ":" and, asked again, "…"; every other turn is in words
    fake.srv.set({
      handler: (req) => {
        const body = req.body as Body | undefined;
        if (req.path !== CHAT || !body || !prompt(body).includes("It is your turn to speak")) return undefined;
        turnCalls++;
        if (turnCalls <= 2)
          return {
            json: {
              id: "x",
              object: "chat.completion",
              created: 0,
              model: "fake",
              choices: [{ index: 0, message: { role: "assistant", content: turnCalls === 1 ? ":" : " … " }, finish_reason: "stop" }],
              usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
            },
          };
        return undefined;
      },
    });
    const r = await cli([...args("fake", out), "--rounds", "1", "--concurrency", "1"]);
    expect(r.code, r.stderr).toBe(0);
    const turns = turnsOf(out);
    expect(turns).toHaveLength(8);
    const invalid = turns.filter((t) => t.status === "invalid");
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.reason).toMatch(/punctuation-only value '…'/);
    expect(invalid[0]?.attempts).toBe(2);
    expect(turns.filter((t) => t.status === undefined).every((t) => /[a-z]/i.test(t.text))).toBe(true);
    expect(turnCalls).toBe(9); // 8 turns + 1 repair
  });
});
