// one line of a conversations file (see README.md): an optional id and the messages.
import { z } from "zod";

export const MessageSchema = z.object({
  role: z.enum(["user", "assistant", "system"]),
  content: z.string(),
});

export const ConversationLineSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  messages: z.array(MessageSchema).min(1),
});

export type ConversationMessage = z.infer<typeof MessageSchema>;

export interface Conversation {
  /** the given id, or `c-<hash of the messages>` (stable across runs, so --resume works) */
  id: string;
  /** 1-based line in the file */
  line: number;
  messages: ConversationMessage[];
}
