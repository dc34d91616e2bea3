// one turn of a group discussion, sent as the `speak` task's text: the question, the transcript
// window (moderator opening + recent turns, the speaker's own as "You") and the turn instruction.
// no "options:" line, so the offline model answers with free text.

export const DISCUSSION_TURN_PROMPT_VERSION = "discussion-turn@1";

/** a compact view of the discussion so far, built by the scenario's transcript window */
export interface TranscriptView {
  /** the moderator's opening message (always shown) */
  moderator: string;
  /** the most recent turns, oldest first */
  entries: { speaker: string; text: string }[];
  /** earlier turns left out of the view */
  omitted: number;
}

export interface DiscussionTurnPromptInput {
  topic: string;
  /** people in the group, the speaker included */
  groupSize: number;
  transcript: TranscriptView;
  round: number;
  rounds: number;
  turnWords: number;
}

/** "Moderator: …", "(… n earlier turns not shown)", "Name: …" lines */
export function transcriptLines(view: TranscriptView): string[] {
  return [
    `Moderator: ${view.moderator}`,
    ...(view.omitted > 0 ? [`(… ${view.omitted} earlier turn${view.omitted === 1 ? "" : "s"} not shown)`] : []),
    ...view.entries.map((e) => `${e.speaker}: ${e.text}`),
  ];
}

export function discussionTurnPrompt(input: DiscussionTurnPromptInput): string {
  return [
    `You are taking part in a small group discussion (${input.groupSize} people) about this question:`,
    `"${input.topic.trim()}"`,
    "",
    "The discussion so far (most recent last):",
    ...transcriptLines(input.transcript),
    "",
    `It is your turn to speak (round ${input.round} of ${input.rounds}). Say what you would say next, in at most ${input.turnWords} words: react to what the others said and say where you stand and why. Write only your own words, without your name or quotation marks.`,
  ].join("\n");
}
