import { describe, expect, it } from "vitest";
import { discussionTurnPrompt, transcriptLines } from "../../agents/prompts/discussion-turn-prompt.js";
import { clipWords, speakerLabels, transcriptWindow, type TranscriptTurn } from "./transcript-window.js";

const turns: TranscriptTurn[] = Array.from({ length: 20 }, (_, i) => ({
  personaId: `p${i % 4}`,
  speaker: `Person ${i % 4}`,
  text: `turn ${i} ${"word ".repeat(30)}`.trim(),
}));
const base = { moderator: "Welcome.", selfId: "p1", maxTurns: 12, maxTokens: 10_000, turnWords: 80 };

describe("transcriptWindow", () => {
  it("keeps the moderator and the last K turns, oldest first, and counts what it left out", () => {
    const v = transcriptWindow(turns, base);
    expect(v.moderator).toBe("Welcome.");
    expect(v.entries).toHaveLength(12);
    expect(v.entries[0]?.text).toMatch(/^turn 8 /);
    expect(v.entries.at(-1)?.text).toMatch(/^turn 19 /);
    expect(v.omitted).toBe(8);
  });

  it("stays within the token budget (≈ 4 chars a token), dropping the oldest turns first", () => {
    const v = transcriptWindow(turns, { ...base, maxTokens: 200 });
    const tokens = Math.ceil(transcriptLines(v).join("\n").length / 4);
    expect(tokens).toBeLessThanOrEqual(200);
    expect(v.entries.length).toBeGreaterThan(0);
    expect(v.entries.length).toBeLessThan(12);
    expect(v.entries.at(-1)?.text).toMatch(/^turn 19 /);
    expect(v.omitted).toBe(20 - v.entries.length);
  });

  it("labels the speaker's own turns 'You' and clips long turns to the word limit", () => {
    const v = transcriptWindow(turns, { ...base, turnWords: 5 });
    expect(v.entries.filter((e) => e.speaker === "You")).toHaveLength(3);
    expect(v.entries.every((e) => e.text.split(" ").length <= 6 && e.text.endsWith("…"))).toBe(true);
    expect(clipWords("  a   b c ", 5)).toBe("a b c");
  });

  it("the first turn sees only the moderator; the prompt says how many turns are not shown", () => {
    expect(transcriptWindow([], base)).toEqual({ moderator: "Welcome.", entries: [], omitted: 0 });
    const prompt = discussionTurnPrompt({
      topic: "Ban cars?",
      groupSize: 4,
      transcript: transcriptWindow(turns, base),
      round: 3,
      rounds: 3,
      turnWords: 80,
    });
    expect(prompt).toContain("Moderator: Welcome.");
    expect(prompt).toContain("(… 8 earlier turns not shown)");
    expect(prompt).toContain("at most 80 words");
    expect(prompt).not.toMatch(/^options:/m);
  });

  it("speakers appear by name; repeated names get the persona id", () => {
    const labels = speakerLabels([
      { id: "a", name: "Maria" },
      { id: "b", name: "Maria" },
      { id: "c", name: "Jon" },
    ]);
    expect([...labels.values()]).toEqual(["Maria (a)", "Maria (b)", "Jon"]);
  });
});
