// the discussion as a turn policy of the conversation engine (agents/conversation/), one
// conversation per group:
//   order     — the moderator's opening (treatment or control message), then the planned turns:
//               each round's seeded speaking order (planDiscussion);
//   who hears — each speaker sees the transcript window (transcript-window.ts): the opening and
//               the most recent turns within the turn and token budgets, its own turns as "You";
//               no other memory (every turn is a fresh context);
//   repair    — an empty or punctuation-only turn is asked once more, then recorded invalid;
//   stop      — after the group's last planned turn.
import { textValueProblem } from "../../core/text-value-problem.js";
import { discussionTurnPrompt } from "../../agents/prompts/discussion-turn-prompt.js";
import type { ConversationView, TurnPolicy } from "../../agents/conversation/turn-policy.js";
import type { DiscussionSpec } from "./discussion-spec.js";
import { moderatorMessage, type PlannedGroup, type PlannedTurn } from "./plan-discussion.js";
import { transcriptWindow } from "./transcript-window.js";

export interface DiscussionTurnPolicyOptions {
  spec: DiscussionSpec;
  group: PlannedGroup;
  /** the group's planned turns, in speaking order */
  turns: readonly PlannedTurn[];
  /** a member's name as the others see it */
  label(personaId: string): string;
}

export function discussionTurnPolicy(o: DiscussionTurnPolicyOptions): TurnPolicy {
  const { spec, group } = o;
  const spoken = (v: ConversationView) => v.transcript.filter((t) => t.kind === "participant");
  return {
    next(v) {
      const opening = v.transcript.find((t) => t.kind === "moderator");
      if (!opening) return { kind: "moderate", key: `${group.id}/moderator`, text: moderatorMessage(spec, group.arm), round: 1 };
      const t = o.turns[spoken(v).length];
      return t ? { kind: "speak", key: t.key, speaker: t.personaId, round: t.round } : { kind: "stop" };
    },
    hear(v, action) {
      const before = spoken(v).map((t) => ({ personaId: t.speaker, speaker: o.label(t.speaker), text: t.text }));
      const window = transcriptWindow(before, {
        moderator: v.transcript.find((t) => t.kind === "moderator")?.text ?? "",
        selfId: action.speaker,
        maxTurns: spec.transcriptTurns,
        maxTokens: spec.transcriptTokens,
        turnWords: spec.turnWords,
      });
      const text = discussionTurnPrompt({
        topic: spec.topic,
        groupSize: group.members.length,
        transcript: window,
        round: action.round,
        rounds: spec.rounds,
        turnWords: spec.turnWords,
      });
      return { text, memory: [] };
    },
    finish: (_action, text) => ({ text: text.trim() }),
    problem: (_action, text) => textValueProblem(text),
    repair: (_action, heard, _spoken, problem) => ({
      text: `${heard.text}\n\nYour last reply was not usable (${problem}). Say your turn in words.`,
      memory: heard.memory,
    }),
  };
}
