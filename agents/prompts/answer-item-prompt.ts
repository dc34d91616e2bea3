// one closed survey item, answered as JSON {answer, rationale}: the answer restricted to the
// presented keys (plus the refusal value when allowed), the rationale kept apart from it.
import type { PresentedItem } from "../../surveys/present-item.js";
import { formatOptionLines } from "../../surveys/present-item.js";

export const ANSWER_ITEM_PROMPT_VERSION = "answer-item@1";
/** the answer value that declines the question (row status "refused") */
export const REFUSAL_VALUE = "refuse";

export interface AnswerItemPromptInput {
  item: PresentedItem;
  /** instrument-level instructions shown before the item (e.g. IPIP's preamble) */
  preamble?: string | undefined;
  allowRefusal: boolean;
}

/** the question block shared by every answering prompt */
export function questionBlock(item: PresentedItem): string {
  return [`Question ${item.itemId}: ${item.wording}`, ...(item.instruction ? [item.instruction] : []), ...formatOptionLines(item)].join(
    "\n",
  );
}

export function answerItemPrompt(input: AnswerItemPromptInput): string {
  const refuse = input.allowRefusal ? `, or "${REFUSAL_VALUE}" if you would decline to answer this question` : "";
  return [
    ...(input.preamble ? [input.preamble, ""] : []),
    questionBlock(input.item),
    "",
    `Reply with a JSON object: "answer" is the number of the option that fits you best${refuse}; "rationale" is at most one short sentence on why, in your own words.`,
  ].join("\n");
}
