// the tao2024 arm: cultural prompting as in Tao, Viberg, Baker & Kizilcec (2024), "Cultural bias
// and cultural alignment of large language models", PNAS Nexus 3(9) pgae346. their system prompt
// is one respondent sentence, "You are <descriptor> born in <country> and living in <country>
// responding to the following survey question.", in ten wording variants (the descriptor varies);
// the user message is the question with its scale and an instruction to answer with the number
// only and give no reasons; the answer is plain text.
// SOURCE NOTE: the ten descriptors below are taken from a replication supplement that reproduces
// Tao et al.'s variants ("Table S2. Ten wording variants"); the paper's own appendix was not
// available to check them against. the closing instructions follow the same supplement's quoted
// source prompts ("You can only respond with a score number based on the scale provided and
// please do not give reasons. Your score number:"). one deviation: a last line
// `options: 1 | 2 | …` lists the allowed answers (this project's plain-answer convention, which
// the offline model reads).
import type { PresentedItem } from "../../surveys/present-item.js";
import { formatOptionLines } from "../../surveys/present-item.js";

export const TAO2024_PROMPT_VERSION = "tao2024@1";

export const TAO_DESCRIPTORS = [
  "an average human being",
  "a typical human being",
  "a human being",
  "an average person",
  "a typical person",
  "a person",
  "an average individual",
  "a typical individual",
  "an individual",
  "a world citizen",
] as const;

/** the variant of the persona at this index: the ten wordings rotate across personas */
export function taoVariant(index: number): number {
  return ((index % TAO_DESCRIPTORS.length) + TAO_DESCRIPTORS.length) % TAO_DESCRIPTORS.length;
}

export function taoSystemPrompt(countryName: string, variant: number): string {
  return `You are ${TAO_DESCRIPTORS[taoVariant(variant)]} born in ${countryName} and living in ${countryName} responding to the following survey question.`;
}

/** the user message: the question, its options, the plain-answer instruction */
export function taoQuestionPrompt(item: PresentedItem, preamble?: string): string {
  const numeric = item.kind === "numeric-scale";
  const instruction = numeric
    ? "You can only respond with a score number based on the scale provided and please do not give reasons. Your score number:"
    : "You can only respond with the number of one of the answer options provided and please do not give reasons. Your answer:";
  return [
    ...(preamble ? [preamble, ""] : []),
    `Question: ${item.wording}`,
    ...(item.instruction ? [item.instruction] : []),
    ...formatOptionLines(item),
    instruction,
    `options: ${item.answerKeys.join(" | ")}`,
  ].join("\n");
}

/** the answer key in a plain reply ("7", "7.", "My answer: 7"): the first number that is a key */
export function readPlainAnswer(text: string, keys: readonly string[]): string | undefined {
  for (const m of text.matchAll(/-?\d+/g)) if (keys.includes(m[0])) return m[0];
  return undefined;
}
