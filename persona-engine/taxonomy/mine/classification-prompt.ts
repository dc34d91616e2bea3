// stage 1(a): is this exchange personalisable, i.e. does the user reveal something about
// themselves that a good answer should take into account? one call per conversation.
import { z } from "zod";
import type { PromptMessage } from "../../prompts/prompt-types.js";

export const CLASSIFY_PROMPT_VERSION = "taxonomy-classify@1";

export const PERSONALISABILITY = ["not", "partially", "fully"] as const;

export const ClassificationSchema = z.object({
  personalisable: z
    .enum(PERSONALISABILITY)
    .describe(
      "not = a factual or generic request, the user reveals nothing about themselves; partially = some personal detail that would change a good answer; fully = the answer depends on who the user is and what they disclosed",
    ),
  reason: z.string().min(1).max(300).describe("one sentence naming what the user revealed about themselves, or why nothing"),
});

export function classificationPrompt(transcript: string): PromptMessage[] {
  return [
    [
      "system",
      "You label user–assistant conversations for a study of how people describe themselves. Judge only what the USER reveals about their own life: circumstances, habits, health, beliefs, relationships, work, money, media, feelings, routines. Questions about the world with no personal detail are not personalisable. Answer in English even if the conversation is not.",
    ],
    ["human", `Conversation:\n${transcript}\n\nHow personalisable is this exchange? Give the label and a one-sentence reason.`],
  ];
}
