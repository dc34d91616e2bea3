// the persona agent's LangGraph state: conversation memory (messages, merged by the messages
// reducer), the current task and its result. tasks and results are plain JSON so any
// checkpointer can store them.
import { Annotation, MessagesAnnotation } from "@langchain/langgraph";
import type { PresentedItem } from "../surveys/present-item.js";
import type { TokenUsage } from "../core/usage/token-usage.js";
import type { InterpretedAnswer } from "./interpret-answer.js";

export type AnswerMethod = "sample" | "logprob";

export interface AnswerItemTask {
  kind: "answer-item";
  item: PresentedItem;
  preamble?: string | undefined;
  /** sample: structured {answer, rationale}; logprob: one-token answer with option probabilities */
  answer: AnswerMethod;
  /** the call's key in the run: its request seed derives from it (independent, reproducible draws) */
  key: string;
  /** logprob: the valid-mass gate (default VALID_MASS_THRESHOLD) */
  minValidMass?: number | undefined;
}

export interface AnswerItemsTask {
  kind: "answer-items";
  items: PresentedItem[];
  preamble?: string | undefined;
  key: string;
}

export interface SpeakTask {
  kind: "speak";
  text: string;
  key: string;
}

export type AgentTask = AnswerItemTask | AnswerItemsTask | SpeakTask;

/** what one model call cost and which prompt produced it */
export interface CallInfo {
  usage: TokenUsage;
  /** requests sent (transient retries and the repair included) */
  attempts: number;
  latencyMs: number;
  modelSpec: string;
  /** "<system prompt version>+<task prompt version>" */
  promptVersion: string;
  /** the value came from the one repair call */
  repaired: boolean;
  /** served from the response cache (nothing sent or paid; usage is the original call's) */
  cached?: boolean;
}

export interface ItemAnswer extends InterpretedAnswer {
  itemId: string;
  /** the model's text for this item (the whole JSON reply in isolated mode) */
  raw: string;
  rationale: string | null;
  /** the options were shown in reverse code order */
  reversed: boolean;
  /** logprob answering: code → renormalised probability */
  probs?: Record<string, number>;
  /** logprob answering: probability mass on the valid options */
  validMass?: number;
}

export type AgentResult =
  | { kind: "answer-item"; answer: ItemAnswer; call: CallInfo }
  | { kind: "answer-items"; answers: ItemAnswer[]; raw: string; call: CallInfo }
  | { kind: "speak"; text: string; call: CallInfo };

export const PersonaAgentState = Annotation.Root({
  ...MessagesAnnotation.spec,
  task: Annotation<AgentTask | null>({ reducer: (_prev, next) => next, default: () => null }),
  result: Annotation<AgentResult | null>({ reducer: (_prev, next) => next, default: () => null }),
});
export type PersonaAgentStateType = typeof PersonaAgentState.State;
export type PersonaAgentUpdate = typeof PersonaAgentState.Update;
