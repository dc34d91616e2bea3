// one item answered with a single token (the option's key), for logprob answering. the item is
// presented as `logprobItem` (agents/option-distribution.ts) labels it: keys of one character
// as they are, longer keys (10-point scales) as letters A, B, … so that every option is one
// token in any tokenizer. the last line follows the offline model's `options: A | B | C`
// convention (core/model/offline-answer-options.ts), which real models read as a plain list of
// the allowed answers.
import type { PresentedItem } from "../../surveys/present-item.js";
import { hasLetterLabels } from "../option-distribution.js";
import { questionBlock } from "./answer-item-prompt.js";

export const LOGPROB_ITEM_PROMPT_VERSION = "answer-item-logprob@2";

/** `item` as returned by logprobItem() */
export function logprobItemPrompt(input: { item: PresentedItem; preamble?: string | undefined }): string {
  const what = hasLetterLabels(input.item) ? "letter" : "number";
  return [
    ...(input.preamble ? [input.preamble, ""] : []),
    questionBlock(input.item),
    "",
    `Answer with the ${what} of one option only: no words, no punctuation.`,
    `options: ${input.item.answerKeys.join(" | ")}`,
  ].join("\n");
}
