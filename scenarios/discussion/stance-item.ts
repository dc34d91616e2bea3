// the custom outcome item of --stance "question": a 1–10 numeric scale from "completely against"
// to "completely in favour", item id STANCE, instrument "custom".
import { SurveyItemSchema, type SurveyItem } from "../../surveys/instrument-schema.js";

export const STANCE_ITEM_ID = "STANCE";
export const STANCE_INSTRUMENT = "custom";

export function stanceItem(question: string): SurveyItem {
  const label = (code: number) => (code === 1 ? "Completely against" : code === 10 ? "Completely in favour" : String(code));
  return SurveyItemSchema.parse({
    id: STANCE_ITEM_ID,
    title: "Stance",
    wording: question.trim(),
    instruction: "Answer on a scale from 1 to 10, where 1 means you are completely against and 10 means you are completely in favour.",
    category: "stance",
    construct: "support",
    direction: 1,
    kind: "numeric-scale",
    min: 1,
    max: 10,
    options: Array.from({ length: 10 }, (_, i) => ({ code: i + 1, label: label(i + 1) })),
  });
}
