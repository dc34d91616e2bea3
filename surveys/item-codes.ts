// the valid answer codes of an item and the classification of a raw value against them.
import type { ClosedSurveyItem, ItemOption, MissingCode, SurveyItem } from "./instrument-schema.js";

export function isClosedItem(item: SurveyItem): item is ClosedSurveyItem {
  return item.kind !== "open";
}

/** the answer options (code + label) in code order; [] for open items */
export function itemOptions(item: SurveyItem): ItemOption[] {
  return isClosedItem(item) ? item.options : [];
}

/** the substantive answer codes, ascending; [] for open items */
export function validCodes(item: SurveyItem): number[] {
  return itemOptions(item).map((o) => o.code);
}

/** lowest and highest substantive code (the scale range used to normalise distances) */
export function scaleRange(item: SurveyItem): { min: number; max: number } | undefined {
  const codes = validCodes(item);
  if (codes.length === 0) return undefined;
  return { min: codes[0] as number, max: codes[codes.length - 1] as number };
}

export type AnswerClass = "valid" | "missing" | "invalid";

/**
 * how a raw value counts for an item: `valid` (one of its codes), `missing` (blank, NaN, a negative
 * WVS missing code, or a listed missing/excluded code such as Q254 = 5) or `invalid` (anything else,
 * e.g. 1.67 — a mean of samples is not an answer anyone can give).
 */
export function classifyAnswer(item: SurveyItem, value: number | null | undefined): AnswerClass {
  if (value === null || value === undefined || Number.isNaN(value)) return "missing";
  if (itemOptions(item).some((o) => o.code === value)) return "valid";
  if (value < 0 || item.missingCodes.some((m: MissingCode) => m.code === value)) return "missing";
  return "invalid";
}
