// the conversation graph's state: the transcript (turns appended), each participant's memory
// (messages appended per participant), the round, the stop flag, and the step in progress (the
// policy's next action; an unusable spoken turn waiting for its repair). checkpointed per thread.
import { Annotation } from "@langchain/langgraph";
import type { BaseMessage } from "@langchain/core/messages";
import type { CallInfo } from "../persona-agent-state.js";
import type { ConversationTurn, TurnAction } from "./turn-policy.js";

/** a spoken turn before it is committed (or a turn replayed from a table: `recorded`) */
export interface TurnDraft {
  raw: string;
  call?: CallInfo;
  attempts?: number;
  repaired: boolean;
  recorded?: ConversationTurn;
}

const last = <T>(fallback: () => T) => Annotation<T>({ reducer: (_prev: T, next: T) => next, default: fallback });

export const ConversationState = Annotation.Root({
  transcript: Annotation<ConversationTurn[]>({ reducer: (prev, next) => [...prev, ...next], default: () => [] }),
  memory: Annotation<Record<string, BaseMessage[]>>({
    reducer: (prev, next) => {
      const out = { ...prev };
      for (const [id, messages] of Object.entries(next)) out[id] = [...(out[id] ?? []), ...messages];
      return out;
    },
    default: () => ({}),
  }),
  round: last<number>(() => 0),
  stopped: last<boolean>(() => false),
  action: last<TurnAction | null>(() => null),
  draft: last<TurnDraft | null>(() => null),
});
export type ConversationStateType = typeof ConversationState.State;
export type ConversationUpdate = typeof ConversationState.Update;
