// what a persona agent is asked (tasks) and what it returns (answers and call info; call info is
// plain JSON, so a conversation's checkpointer stores it with the turn).
import type { BaseMessage } from "@langchain/core/messages";
import type { PresentedItem } from "../surveys/present-item.js";
import type { TokenUsage } from "../core/usage/token-usage.js";
import type { InterpretedAnswer } from "./interpret-answer.js";

export type AnswerMethod = "sample" | "logprob";

export interface AnswerItemTask {
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
  items: PresentedItem[];
  preamble?: string | undefined;
  key: string;
}

export interface SpeakTask {
  /** what the persona hears this turn (the prompt) */
  text: string;
  /** the conversation before it, as this persona remembers it (default: nothing) */
  memory?: readonly BaseMessage[] | undefined;
  key: string;
}

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
