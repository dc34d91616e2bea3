// an item as a respondent sees it: wording and options in display order, optionally reversed
// (ordinal items only), with answer keys that map back to codes. agents restrict structured output
// to `answerKeys` and call `keyToCode` on the answer.
import type { SurveyItem, SurveyItemKind } from "./instrument-schema.js";
import { itemOptions } from "./item-codes.js";

export interface PresentedOption {
  /** what the respondent answers ("1", "2", …) */
  key: string;
  /** the code stored in data */
  code: number;
  label: string;
}

export interface PresentedItem {
  itemId: string;
  kind: SurveyItemKind;
  title: string;
  wording: string;
  instruction?: string | undefined;
  /** options in display order (empty for open items) */
  options: PresentedOption[];
  /** the valid answers, in display order (use as the structured-output enum) */
  answerKeys: string[];
  /** true when the option order is reversed relative to the code order */
  reversed: boolean;
  /** "position": keys are 1..k in display order; "code": keys are the codes themselves */
  keyStyle: "position" | "code";
  /** open items: the maximum answer length */
  maxLength?: number | undefined;
}

export interface PresentItemOptions {
  /** reverse the option order (honoured for ordinal items only; nominal items keep their order) */
  reverse?: boolean;
  /** default "position": keys 1..k follow the display order, so a reversed scale reads 1 = last code */
  keyStyle?: "position" | "code";
}

/** true when reversing the option order is meaningful (closed ordinal items) */
export function canReverse(item: SurveyItem): boolean {
  return item.kind !== "open" && item.ordinal === true;
}

export function presentItem(item: SurveyItem, options: PresentItemOptions = {}): PresentedItem {
  const keyStyle = options.keyStyle ?? "position";
  const reversed = options.reverse === true && canReverse(item);
  const ordered = itemOptions(item).slice();
  if (reversed) ordered.reverse();
  const presented = ordered.map((o, i) => ({ key: keyStyle === "position" ? String(i + 1) : String(o.code), code: o.code, label: o.label }));
  return {
    itemId: item.id,
    kind: item.kind,
    title: item.title,
    wording: item.wording,
    instruction: item.instruction,
    options: presented,
    answerKeys: presented.map((o) => o.key),
    reversed,
    keyStyle,
    maxLength: item.kind === "open" ? item.maxLength : undefined,
  };
}

/** the code behind an answer key ("3" or 3), or undefined when the key is not one of the options */
export function keyToCode(presented: PresentedItem, key: string | number): number | undefined {
  const k = String(key).trim();
  return presented.options.find((o) => o.key === k)?.code;
}

/** "1 = Very happy\n2 = Quite happy …" in display order (a convenience for prompt builders) */
export function formatOptionLines(presented: PresentedItem): string[] {
  return presented.options.map((o) => `${o.key} = ${o.label}`);
}
