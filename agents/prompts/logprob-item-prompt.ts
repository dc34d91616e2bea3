// one item answered with a single token (the option number), for logprob answering. the last
// line follows the offline model's `options: A | B | C` convention (core/model/offline-answer-options.ts),
// which real models read as a plain list of the allowed answers.
import type { PresentedItem } from "../../surveys/present-item.js";
import { questionBlock } from "./answer-item-prompt.js";

export const LOGPROB_ITEM_PROMPT_VERSION = "answer-item-logprob@1";

export function logprobItemPrompt(input: { item: PresentedItem; preamble?: string | undefined }): string {
  return [
    ...(input.preamble ? [input.preamble, ""] : []),
    questionBlock(input.item),
    "",
    "Answer with the number of one option only: no words, no punctuation.",
    `options: ${input.item.answerKeys.join(" | ")}`,
  ].join("\n");
}
