// a conversation as prompt text: "User: …" / "Assistant: …" turns. user turns carry the
// self-disclosures, so they get more room than assistant turns; the whole is capped.
import type { Conversation } from "./conversation-schema.js";

export interface RenderConversationLimits {
  userChars: number;
  assistantChars: number;
  totalChars: number;
}

export const DEFAULT_RENDER_LIMITS: RenderConversationLimits = { userChars: 2000, assistantChars: 600, totalChars: 8000 };

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n).trimEnd()} […]` : s);

export function renderConversation(conversation: Pick<Conversation, "messages">, limits = DEFAULT_RENDER_LIMITS): string {
  const parts: string[] = [];
  let total = 0;
  for (const m of conversation.messages) {
    const content = m.content.trim().replace(/\n{3,}/g, "\n\n");
    if (!content) continue;
    const label = m.role === "user" ? "User" : m.role === "assistant" ? "Assistant" : "System";
    const text = `${label}: ${clip(content, m.role === "user" ? limits.userChars : limits.assistantChars)}`;
    if (total + text.length > limits.totalChars) {
      parts.push("[… rest of the conversation omitted]");
      break;
    }
    parts.push(text);
    total += text.length + 1;
  }
  return parts.join("\n");
}
