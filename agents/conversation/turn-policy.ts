// the conversation engine's vocabulary. a conversation is an id (its LangGraph thread_id), a turn
// policy and its participants. the POLICY is the whole difference between kinds of conversation:
//   next     — speaker order, moderation and the stop rule: the next action from the state;
//   hear     — who hears whom: what the speaker is given this turn (a transcript window, its memory);
//   finish   — the recorded text of a spoken turn (trimmed, clipped) and notes about it;
//   problem  — why a spoken text is unusable (then `repair` gets one more try);
//   remembers — whether the speaker keeps the turn in its memory (what it heard, what it said).
// every function is pure of the state, so replaying the turns of a run's table rebuilds exactly
// the state an uninterrupted conversation had.
import type { BaseMessage } from "@langchain/core/messages";
import type { CallInfo } from "../persona-agent-state.js";

/** one entry of a conversation's transcript */
export interface ConversationTurn {
  /** unique in its conversation; a participant turn's call key (its request seed; the repair's is `<key>/repair`) */
  key: string;
  kind: "moderator" | "participant";
  /** the participant's id ("moderator" for moderator turns) */
  speaker: string;
  /** as recorded (after the policy's `finish`) */
  text: string;
  /** 1-based, as the policy numbers them (a discussion round, a stress exchange) */
  round: number;
  /** the call behind a spoken turn (its usage includes the repair's); absent for moderator turns and turns replayed from a table */
  call?: CallInfo;
  /** requests over the turn's calls (the repair included) */
  attempts?: number;
  /** why the turn is unusable after the one repair */
  problem?: string;
  /** what the policy noted when finishing the text (e.g. {clipped: true}) */
  info?: Record<string, string | number | boolean>;
}

export type TurnAction =
  | { kind: "moderate"; key: string; text: string; round: number }
  | { kind: "speak"; key: string; speaker: string; round: number }
  | { kind: "stop" };
export type SpeakAction = Extract<TurnAction, { kind: "speak" }>;

/** what the policy sees: the conversation so far */
export interface ConversationView {
  transcript: readonly ConversationTurn[];
  /** participant id → what it remembers (messages), when the policy lets it remember */
  memory: Readonly<Record<string, readonly BaseMessage[]>>;
  round: number;
}

/** what a speaker is given for its turn */
export interface Heard {
  /** this turn's prompt */
  text: string;
  /** the conversation before it, as the speaker has it */
  memory: readonly BaseMessage[];
}

export interface Spoken {
  text: string;
  call: CallInfo;
}

/** a participant's speak function (a persona agent's speak, a bare model, a script in tests) */
export type Participant = (heard: Heard, call: { key: string; signal?: AbortSignal | undefined }) => Promise<Spoken>;

export interface TurnPolicy {
  next(view: ConversationView): TurnAction;
  hear(view: ConversationView, action: SpeakAction): Heard;
  finish?(action: SpeakAction, text: string): { text: string; info?: Record<string, string | number | boolean> };
  problem?(action: SpeakAction, text: string): string | undefined;
  /** the second try at an unusable turn: what the speaker hears then (undefined: no repair) */
  repair?(action: SpeakAction, heard: Heard, spoken: string, problem: string): Heard | undefined;
  remembers?(action: SpeakAction): boolean;
}

export interface Conversation {
  /** the checkpointer's thread_id */
  id: string;
  policy: TurnPolicy;
  participant(id: string): Participant;
}
