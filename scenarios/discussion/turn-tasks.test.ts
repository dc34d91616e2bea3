// the turns phase through the conversation engine: a discussion resumed from turns.jsonl calls the
// model for the missing turns only, and every turn (prompt and record) is the uninterrupted run's.
import { describe, expect, it } from "vitest";
import { messageText } from "../../core/structured/message-text.js";
import { createPersonaAgent } from "../../agents/create-persona-agent.js";
import { renderPersona } from "../../persona-engine/persona/render-persona.js";
import { ScriptedChatModel } from "../../test/scripted-chat-model.js";
import { scriptedClient } from "../../test/scripted-client.js";
import { testPersona } from "../../test/fixtures/test-persona.js";
import { DiscussionSpecSchema } from "./discussion-spec.js";
import { planDiscussion } from "./plan-discussion.js";
import type { TurnRecord, TurnRow } from "./turn-record.js";
import { turnTasks } from "./turn-tasks.js";

const personas = Array.from({ length: 8 }, (_, i) => testPersona({ id: `KEN-${i + 1}`, country: "KEN", countryName: "Kenya" }));
const spec = DiscussionSpecSchema.parse({
  topic: "Should my town ban cars?",
  treatment: "A study found fewer asthma cases.",
  rounds: 2,
  seed: 4,
  countries: ["KEN"],
});
const plan = planDiscussion(personas, spec);

async function runTurns(done: readonly TurnRecord[]) {
  // the reply depends on everything the speaker was sent, so a different window shows in the text
  const model = new ScriptedChatModel({
    responses: (messages) => `I hear ${messages.map((m) => messageText(m)).join("|").length} characters.`,
  });
  const client = await scriptedClient(model, { clock: () => 0 }); // latency 0: rows comparable
  const tasks = turnTasks({
    spec,
    runId: "r1",
    plan,
    personas: new Map(personas.map((p) => [p.id, p])),
    done,
    agentFor: (p) => createPersonaAgent({ profile: renderPersona(p), client }),
    client,
  });
  const have = new Set(done.map((r) => r.key));
  const signal = new AbortController().signal;
  // started in list order, all at once (as runKeyedTasks' window would), skipping the recorded keys
  const pending = tasks.filter((t) => !have.has(t.key));
  const rows = await Promise.all(pending.map(async (t): Promise<TurnRecord> => ({ key: t.key, ...(await t.run(signal)) })));
  // each call's prompt by its request seed (the seed is the client's of the turn's key)
  return { rows, prompts: new Map(model.calls.map((c) => [c.options.seed as number, messageText(c.messages.at(-1)!)])) };
}

describe("discussion turns through the conversation engine", () => {
  it("resumed after 5 of 16 turns: only the 11 missing turns call the model, with the uninterrupted run's prompts and records", async () => {
    expect(plan.turns).toHaveLength(16); // 2 groups × 4 members × 2 rounds
    const whole = await runTurns([]);
    expect(whole.rows.map((r) => r.key)).toEqual(plan.turns.map((t) => t.key));
    expect(whole.prompts.size).toBe(16);
    // a crash after the first 5 records (an in-order prefix of the interleaved list)
    const resumed = await runTurns(whole.rows.slice(0, 5));
    expect(resumed.prompts.size).toBe(11);
    for (const [seed, prompt] of resumed.prompts) expect(prompt).toBe(whole.prompts.get(seed));
    expect(resumed.rows).toEqual(whole.rows.slice(5));
    // the windows: a later turn sees the opening and the earlier turns of its own group only
    const last = plan.turns.at(-1)!;
    const lastPrompt = [...resumed.prompts.values()].at(-1)!;
    expect(lastPrompt).toContain(last.group.arm === "treatment" ? "A study found fewer asthma cases." : "Welcome, everyone.");
    const otherGroup = plan.groups.find((g) => g.id !== last.group.id)!;
    for (const id of otherGroup.members) expect(lastPrompt).not.toContain(`Test Person ${id}:`);
    const row: TurnRow = whole.rows[0]!;
    expect(row).toMatchObject({ model: "scripted", prompt_version: "speak-system@1+speak@1+discussion-turn@1", attempts: 1 });
  });
});
