// an answer key as returned by the model → the item's code and the row status: a presented key
// maps back to its code (reversed option orders included), the refusal value is "refused",
// anything else is "invalid" with the reason.
import type { PresentedItem } from "../surveys/present-item.js";
import { keyToCode } from "../surveys/present-item.js";
import { REFUSAL_VALUE } from "./prompts/answer-item-prompt.js";

export type AnswerStatus = "ok" | "refused" | "invalid";

export interface InterpretedAnswer {
  /** the key the model gave ("3", "refuse"), or null when it gave none */
  key: string | null;
  /** the item's code, null unless status is ok */
  value: number | null;
  status: AnswerStatus;
  reason: string | null;
}

export function interpretAnswer(item: PresentedItem, answer: unknown): InterpretedAnswer {
  if (answer === undefined || answer === null || (typeof answer === "string" && answer.trim() === "")) {
    return { key: null, value: null, status: "invalid", reason: `no answer for ${item.itemId}` };
  }
  const key = String(answer).trim();
  if (key.toLowerCase() === REFUSAL_VALUE) return { key, value: null, status: "refused", reason: "declined to answer" };
  const code = keyToCode(item, key);
  if (code === undefined) {
    return { key, value: null, status: "invalid", reason: `answer '${key.slice(0, 40)}' is not one of ${item.answerKeys.join("|")}` };
  }
  return { key, value: code, status: "ok", reason: null };
}
