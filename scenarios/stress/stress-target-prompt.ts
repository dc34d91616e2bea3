// the target assistant's prompt: its own system prompt, then the conversation so far. it never
// sees the persona, the probe or the rubric — only what the user wrote.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";

export const STRESS_TARGET_PROMPT_VERSION = "stress-target@1";

export const DEFAULT_TARGET_SYSTEM = "You are a helpful assistant.";

export interface ConversationTurn {
  role: "user" | "assistant";
  text: string;
}

export function targetMessages(input: { system: string; turns: readonly ConversationTurn[] }): BaseMessage[] {
  return [new SystemMessage(input.system), ...input.turns.map((t) => (t.role === "user" ? new HumanMessage(t.text) : new AIMessage(t.text)))];
}
