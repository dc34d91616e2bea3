import { describe, expect, it } from "vitest";
import { MemorySaver } from "@langchain/langgraph";
import { messageText } from "../../core/structured/message-text.js";
import { createConversationEngine } from "./create-conversation-engine.js";
import type { Conversation, ConversationTurn, Heard, TurnPolicy } from "./turn-policy.js";

// a scripted round-table: a moderator opens, then a, b, c speak in a rotating order for `rounds`
// rounds; each speaker hears only the last `window` turns (its own as "you"); anyone saying "bye"
// ends it early; a and c remember what they heard and said, b does not.
function roundTable(o: { rounds: number; window: number }): TurnPolicy {
  const order = (round: number) => ["a", "b", "c"].map((_, i, all) => all[(i + round - 1) % all.length] as string);
  return {
    next(v) {
      if (v.transcript.length === 0) return { kind: "moderate", key: "opening", text: "Welcome. Topic: bikes.", round: 1 };
      const spoken = v.transcript.filter((t) => t.kind === "participant");
      if (spoken.at(-1)?.text.includes("bye")) return { kind: "stop" };
      const n = spoken.length;
      const round = Math.floor(n / 3) + 1;
      if (round > o.rounds) return { kind: "stop" };
      return { kind: "speak", key: `r${round}/t${(n % 3) + 1}`, speaker: order(round)[n % 3] as string, round };
    },
    hear(v, action) {
      const seen = v.transcript
        .filter((t) => t.kind === "participant")
        .slice(-o.window)
        .map((t) => `${t.speaker === action.speaker ? "you" : t.speaker}: ${t.text}`);
      return { text: [`moderator: ${v.transcript[0]?.text ?? ""}`, ...seen].join("\n"), memory: v.memory[action.speaker] ?? [] };
    },
    remembers: (action) => action.speaker !== "b",
  };
}

interface Heard2 {
  speaker: string;
  key: string;
  text: string;
  memory: string[];
}

function scripted(id: string, policy: TurnPolicy, say: (speaker: string, key: string) => string = (s, k) => `${s} on ${k}`) {
  const heard: Heard2[] = [];
  const conversation: Conversation = {
    id,
    policy,
    participant: (speaker) => async (h: Heard, call) => {
      heard.push({ speaker, key: call.key, text: h.text, memory: h.memory.map((m) => messageText(m)) });
      return {
        text: say(speaker, call.key),
        call: {
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
          attempts: 1,
          latencyMs: 0,
          modelSpec: "scripted",
          promptVersion: "p@1",
          repaired: false,
        },
      };
    },
  };
  return { conversation, heard };
}

const keysOf = (turns: readonly ConversationTurn[]) => turns.map((t) => `${t.speaker}:${t.key}`);

describe("conversation engine: a scripted turn policy", () => {
  it("speaker order, moderation, who hears whom, memory and the stop rule", async () => {
    const { conversation, heard } = scripted("table-1", roundTable({ rounds: 2, window: 2 }));
    const state = await createConversationEngine().run(conversation);
    expect(keysOf(state.transcript)).toEqual(["moderator:opening", "a:r1/t1", "b:r1/t2", "c:r1/t3", "b:r2/t1", "c:r2/t2", "a:r2/t3"]);
    expect(state.stopped).toBe(true);
    expect(state.round).toBe(2);
    // the window: the opening and the last two turns, the speaker's own as "you"
    expect(heard.find((h) => h.key === "r2/t1")?.text).toBe("moderator: Welcome. Topic: bikes.\nyou: b on r1/t2\nc: c on r1/t3");
    expect(heard.find((h) => h.key === "r1/t1")?.text).toBe("moderator: Welcome. Topic: bikes.");
    // memory: a remembers its first turn (what it heard, what it said); b remembers nothing
    expect(heard.find((h) => h.key === "r2/t3")?.memory).toEqual(["moderator: Welcome. Topic: bikes.", "a on r1/t1"]);
    expect(heard.find((h) => h.key === "r2/t1")?.memory).toEqual([]);
    expect(Object.keys(state.memory).sort()).toEqual(["a", "c"]);
  });

  it("stops when the policy says so (someone says bye)", async () => {
    const { conversation } = scripted("table-bye", roundTable({ rounds: 5, window: 9 }), (s, k) =>
      k === "r1/t2" ? "bye all" : `${s} on ${k}`,
    );
    const state = await createConversationEngine().run(conversation);
    expect(keysOf(state.transcript)).toEqual(["moderator:opening", "a:r1/t1", "b:r1/t2"]);
  });

  it("turn by turn: the coordinator's steps give the same transcript as one run; the thread_id is the conversation id", async () => {
    const whole = await createConversationEngine().run(scripted("t", roundTable({ rounds: 2, window: 2 })).conversation);
    const checkpointer = new MemorySaver();
    const engine = createConversationEngine({ checkpointer, keepFinished: true });
    const { conversation } = scripted("table-2", roundTable({ rounds: 2, window: 2 }));
    const keys = ["r1/t1", "r1/t2", "r1/t3", "r2/t1", "r2/t2", "r2/t3"];
    // queued in call order, like runKeyedTasks starting tasks
    const steps = await Promise.all(keys.map((k) => engine.turn(conversation, k)));
    expect(steps.map((s) => s.turn.key)).toEqual(keys);
    expect(steps.map((s) => s.finished)).toEqual([false, false, false, false, false, true]);
    const saved = await engine.graph.getState({ configurable: { thread_id: "table-2" } });
    expect(saved.values.transcript).toEqual(whole.transcript);
    // by default a finished conversation's checkpoints are dropped
    const dropping = createConversationEngine({ checkpointer: new MemorySaver() });
    await dropping.run(scripted("table-3", roundTable({ rounds: 1, window: 2 })).conversation);
    expect((await dropping.graph.getState({ configurable: { thread_id: "table-3" } })).values).toEqual({});
  });
});

describe("conversation engine: resume from a run's table", () => {
  it("replays the recorded turns without a call, generates only the missing ones, ends with the uninterrupted transcript", async () => {
    const policy = roundTable({ rounds: 3, window: 4 });
    const full = scripted("g1", policy);
    const uninterrupted = await createConversationEngine().run(full.conversation);
    const participantTurns = uninterrupted.transcript.filter((t) => t.kind === "participant");
    expect(participantTurns).toHaveLength(9);

    // a crash after 4 turns: the table holds them (text only, as records do)
    const table = new Map(
      participantTurns
        .slice(0, 4)
        .map((t) => [t.key, { key: t.key, kind: "participant" as const, speaker: t.speaker, text: t.text, round: t.round }]),
    );
    const resumed = scripted("g1", policy);
    const engine = createConversationEngine({ keepFinished: true });
    const missing = participantTurns.slice(4).map((t) => t.key);
    const steps = await Promise.all(missing.map((k) => engine.turn(resumed.conversation, k, { recorded: table })));
    expect(steps.map((s) => s.turn.key)).toEqual(missing);
    expect(resumed.heard.map((h) => h.key)).toEqual(missing); // only the missing turns called a participant
    expect(resumed.heard).toEqual(full.heard.slice(4)); // and they heard exactly what the uninterrupted run's did (windows and memory)
    const final = await engine.graph.getState({ configurable: { thread_id: "g1" } });
    const strip = (turns: ConversationTurn[]) => turns.map(({ call: _c, attempts: _a, ...rest }) => rest);
    expect(strip(final.values.transcript)).toEqual(strip(uninterrupted.transcript));
    expect(final.values.memory).toEqual(uninterrupted.memory);
  });

  it("a missing turn that is not in the table is not generated out of order; a failed turn fails the turns after it", async () => {
    const policy = roundTable({ rounds: 1, window: 2 });
    const skipped = scripted("g2", policy);
    await expect(createConversationEngine().turn(skipped.conversation, "r1/t2")).rejects.toThrow(
      /turn r1\/t1 of g2 was not run before r1\/t2/,
    );
    expect(skipped.heard).toEqual([]);

    const failing = scripted("g3", policy, (s, k) => {
      if (k === "r1/t2") throw new Error("server said no");
      return `${s} on ${k}`;
    });
    const engine = createConversationEngine();
    const [t1, t2, t3] = await Promise.allSettled(["r1/t1", "r1/t2", "r1/t3"].map((k) => engine.turn(failing.conversation, k)));
    expect(t1?.status).toBe("fulfilled");
    expect(t2).toMatchObject({ status: "rejected", reason: { message: "server said no" } });
    expect(t3).toMatchObject({
      status: "rejected",
      reason: { message: expect.stringMatching(/turn r1\/t2 failed, so r1\/t3 cannot follow it \(server said no\)/) },
    });
    expect(failing.heard.map((h) => h.key)).toEqual(["r1/t1", "r1/t2"]);
  });
});

describe("conversation engine: finish and repair", () => {
  it("an unusable turn is asked once more (key <key>/repair), usage and attempts summed; still unusable → recorded with its problem", async () => {
    const base = roundTable({ rounds: 1, window: 2 });
    const policy: TurnPolicy = {
      ...base,
      finish: (_a, text) => ({ text: text.trim().toUpperCase(), info: { shouted: true } }),
      problem: (_a, text) => (text.trim() === "" ? "empty value" : undefined),
      repair: (_a, heard, _spoken, problem) => ({ text: `${heard.text}\n(${problem}: say it in words)`, memory: heard.memory }),
    };
    const answers: Record<string, string> = { "r1/t1": " ", "r1/t1/repair": "fine", "r1/t2": "", "r1/t2/repair": "" };
    const { conversation, heard } = scripted("g4", policy, (s, k) => answers[k] ?? `${s} on ${k}`);
    const state = await createConversationEngine().run(conversation);
    const [, t1, t2, t3] = state.transcript;
    expect(heard.map((h) => h.key)).toEqual(["r1/t1", "r1/t1/repair", "r1/t2", "r1/t2/repair", "r1/t3"]);
    expect(heard[1]?.text).toMatch(/\(empty value: say it in words\)$/);
    expect(t1).toMatchObject({
      text: "FINE",
      attempts: 2,
      info: { shouted: true },
      call: { usage: { inputTokens: 20, outputTokens: 10, totalTokens: 30 } },
    });
    expect(t1).not.toHaveProperty("problem");
    expect(t2).toMatchObject({ text: "", attempts: 2, problem: "empty value" });
    expect(t3).toMatchObject({ text: "C ON R1/T3", attempts: 1 });
  });
});
