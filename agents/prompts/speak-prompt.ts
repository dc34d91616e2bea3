// a conversational turn: the other speaker's words, passed through as the human message.

export const SPEAK_PROMPT_VERSION = "speak@1";

export function speakPrompt(input: { text: string }): string {
  return input.text.trim();
}
