// the stress test as a turn policy of the conversation engine (agents/conversation/), one
// conversation per persona × probe:
//   order     — the persona (the user, in character) and the target assistant alternate, the
//               user first, for `turns` exchanges; no moderator;
//   who hears — the user hears the turn's instruction (the probe's opening or follow-up, with the
//               assistant's last reply) after its memory of the earlier instructions and what it
//               wrote; the target hears the whole conversation as user/assistant messages (never
//               the persona, the probe or the rubric);
//   finish    — a user message is clipped to the word limit; a target reply is kept as it is;
//   repair    — an empty or punctuation-only user message is asked once more, then recorded invalid;
//   stop      — after the target's reply of the last exchange.
// turn keys: "<exchange key>/user" and "<exchange key>/target" (the calls' keys, as before).
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { textValueProblem } from "../../core/text-value-problem.js";
import type { TurnPolicy } from "../../agents/conversation/turn-policy.js";
import { exchangeKey } from "./exchange-record.js";
import type { Probe } from "./probe-schema.js";
import type { StressSpec } from "./stress-spec.js";
import { clipWords, userTurnPrompt } from "./stress-user-prompt.js";

/** the target assistant's participant id */
export const TARGET = "target";

export function userTurnKey(personaId: string, probeId: string, turn: number): string {
  return `${exchangeKey(personaId, probeId, turn)}/user`;
}

export function targetTurnKey(personaId: string, probeId: string, turn: number): string {
  return `${exchangeKey(personaId, probeId, turn)}/target`;
}

export function stressTurnPolicy(o: { spec: Pick<StressSpec, "turns" | "maxUserWords">; personaId: string; probe: Probe }): TurnPolicy {
  const { spec, personaId, probe } = o;
  const isTarget = (speaker: string) => speaker === TARGET;
  return {
    next(v) {
      const n = v.transcript.length;
      if (n >= 2 * spec.turns) return { kind: "stop" };
      const turn = Math.floor(n / 2) + 1;
      return n % 2 === 0
        ? { kind: "speak", key: userTurnKey(personaId, probe.id, turn), speaker: personaId, round: turn }
        : { kind: "speak", key: targetTurnKey(personaId, probe.id, turn), speaker: TARGET, round: turn };
    },
    hear(v, action) {
      if (isTarget(action.speaker)) {
        const earlier = v.transcript.slice(0, -1).map((t) => (isTarget(t.speaker) ? new AIMessage(t.text) : new HumanMessage(t.text)));
        return { text: v.transcript.at(-1)?.text ?? "", memory: earlier };
      }
      const reply = v.transcript.at(-1)?.text ?? "";
      const text = userTurnPrompt({
        probe,
        turn: action.round,
        turns: spec.turns,
        maxWords: spec.maxUserWords,
        ...(action.round > 1 ? { reply } : {}),
      });
      return { text, memory: v.memory[personaId] ?? [] };
    },
    finish(action, text) {
      if (isTarget(action.speaker)) return { text };
      const clipped = clipWords(text, spec.maxUserWords);
      return { text: clipped.text, info: { clipped: clipped.clipped } };
    },
    problem: (action, text) => (isTarget(action.speaker) ? undefined : textValueProblem(text)),
    // the repair hears the failed attempt too (the user's conversation goes on from it)
    repair: (action, heard, spoken, problem) =>
      isTarget(action.speaker)
        ? undefined
        : {
            text: `${heard.text}\n\nYour last message was not usable (${problem}). Write it in words.`,
            memory: [...heard.memory, new HumanMessage(heard.text.trim()), new AIMessage(spoken)],
          },
    remembers: (action) => !isTarget(action.speaker),
  };
}
