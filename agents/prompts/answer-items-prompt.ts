// a whole instrument in one structured call: one JSON property per item id.
import type { PresentedItem } from "../../surveys/present-item.js";
import { REFUSAL_VALUE, questionBlock } from "./answer-item-prompt.js";

export const ANSWER_ITEMS_PROMPT_VERSION = "answer-items@1";

export interface AnswerItemsPromptInput {
  items: readonly PresentedItem[];
  preamble?: string | undefined;
  allowRefusal: boolean;
}

export function answerItemsPrompt(input: AnswerItemsPromptInput): string {
  const refuse = input.allowRefusal ? `, or "${REFUSAL_VALUE}" for a question you would decline to answer` : "";
  return [
    ...(input.preamble ? [input.preamble, ""] : []),
    `Answer each of the following ${input.items.length} questions on its own; the numbering of the options can differ from question to question.`,
    "",
    ...input.items.flatMap((item) => [questionBlock(item), ""]),
    `Reply with a JSON object with one property per question id (${input.items.map((i) => i.itemId).join(", ")}), each the number of the option that fits you best${refuse}.`,
  ].join("\n");
}
