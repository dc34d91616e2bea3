// what a speaker sees of the discussion: the moderator's opening (always kept) and the most recent
// turns, at most `maxTurns` of them and within `maxTokens` (≈ 4 characters a token) counting the
// opening; each turn clipped to `turnWords` words. the speaker's own turns read "You"; the number
// of earlier turns left out is reported so the prompt can say so.
import { estimateTokens } from "../../core/usage/estimate-tokens.js";
import type { TranscriptView } from "../../agents/prompts/discussion-turn-prompt.js";

export interface TranscriptTurn {
  personaId: string;
  /** the speaker's name as the others see it */
  speaker: string;
  text: string;
}

export interface TranscriptWindowOptions {
  moderator: string;
  /** whose point of view: their own turns are labelled "You" */
  selfId: string;
  maxTurns: number;
  maxTokens: number;
  turnWords: number;
}

/** the text clipped to `words` words (an ellipsis marks a cut) */
export function clipWords(text: string, words: number): string {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  return parts.length <= words ? parts.join(" ") : `${parts.slice(0, words).join(" ")} …`;
}

export function transcriptWindow(turns: readonly TranscriptTurn[], options: TranscriptWindowOptions): TranscriptView {
  const moderator = options.moderator.trim();
  let tokens = estimateTokens(`Moderator: ${moderator}`);
  const entries: TranscriptView["entries"] = [];
  for (let i = turns.length - 1; i >= 0 && entries.length < options.maxTurns; i--) {
    const turn = turns[i] as TranscriptTurn;
    const speaker = turn.personaId === options.selfId ? "You" : turn.speaker;
    const text = clipWords(turn.text, options.turnWords);
    const cost = estimateTokens(`${speaker}: ${text}`) + 1;
    if (tokens + cost > options.maxTokens) break;
    tokens += cost;
    entries.push({ speaker, text });
  }
  entries.reverse();
  return { moderator, entries, omitted: turns.length - entries.length };
}

/** how members appear in their group's transcript: their names, with the id where names repeat */
export function speakerLabels(members: readonly { id: string; name: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const m of members) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  return new Map(
    members.map((m) => [m.id, (count.get(m.name) ?? 0) > 1 || !m.name.trim() ? `${m.name.trim() || "Participant"} (${m.id})` : m.name]),
  );
}
