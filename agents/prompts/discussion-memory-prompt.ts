// the preamble of a post-discussion measure: the persona answers privately, in a fresh context,
// remembering the discussion it took part in (the transcript window from its point of view).
import { transcriptLines, type TranscriptView } from "./discussion-turn-prompt.js";

export const DISCUSSION_MEMORY_PROMPT_VERSION = "discussion-memory@1";

export function discussionMemoryPreamble(input: { topic: string; transcript: TranscriptView }): string {
  return [
    `Earlier today you took part in a small group discussion about this question: "${input.topic.trim()}"`,
    `This is what was said (your own words are marked "You"):`,
    ...transcriptLines(input.transcript),
    "",
    "The discussion is over. Now answer the following survey question privately, on your own, as you see things now.",
  ].join("\n");
}
