// the system prompt of a persona agent: the profile (renderPersona, or a baseline's reduced
// profile) followed by the role instruction for the task at hand.

export const SURVEY_SYSTEM_PROMPT_VERSION = "survey-system@1";
export const SPEAK_SYSTEM_PROMPT_VERSION = "speak-system@1";

/** answering a survey in character; an empty profile (the `empty` arm) asks without any persona */
export function surveySystemPrompt(profile: string): string {
  if (profile.trim() === "") {
    return "You are taking part in a survey. Answer every question the way you would, not the way you think you are expected to answer. There are no right or wrong answers.";
  }
  return [
    profile.trim(),
    "",
    "You are taking part in a survey as this person. Answer every question the way this person would, from their own life, values and circumstances, not as an AI assistant and not the way you think you are expected to answer. There are no right or wrong answers.",
  ].join("\n");
}

/** free conversation in character */
export function speakSystemPrompt(profile: string): string {
  return [
    profile.trim(),
    "",
    "Stay in character as this person in the conversation that follows. Speak in the first person, in your own voice, briefly and naturally. Never mention being an AI or a simulation.",
  ].join("\n");
}
