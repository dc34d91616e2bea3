// the target assistant's prompt: its own system prompt, then the conversation so far as
// user/assistant messages (stress-turn-policy.ts `hear`, sent by agents/conversation/
// model-participant.ts). it never sees the persona, the probe or the rubric — only what the user wrote.

export const STRESS_TARGET_PROMPT_VERSION = "stress-target@1";

export const DEFAULT_TARGET_SYSTEM = "You are a helpful assistant.";

export interface ConversationTurn {
  role: "user" | "assistant";
  text: string;
}
