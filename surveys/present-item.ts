// an item as a respondent sees it: wording and options in display order, optionally reversed
// (ordinal items only), with answer keys that map back to codes. agents restrict structured output
// to `answerKeys` and call `keyToCode` on the answer.
//
// keys: a numeric scale (kind numeric-scale) is always keyed by its codes ("1" = the stem's "1"),
// so reversal only changes the order in which the options are listed. a labelled scale is keyed
// 1..k in display order, unless its stem or instruction speaks of numbers ("1 means …", "from 1
// to 4"): then it is keyed by its codes too, so the stem and the options cannot disagree.
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
  /**
   * default: "code" for numeric scales and for stems that name numbers, else "position" (keys
   * 1..k follow the display order). "position" is ignored where it would contradict the stem.
   */
  keyStyle?: "position" | "code";
}

/** true when reversing the option order is meaningful (closed ordinal items not marked reversible: false) */
export function canReverse(item: SurveyItem): boolean {
  return item.kind !== "open" && item.ordinal === true && item.reversible !== false;
}

/** "1 means X", "10 = Y", "from 1 to 4", "scale of 1-10": the stem refers to answer numbers */
export function stemNamesNumbers(text: string): boolean {
  return /\b\d+\s*(means|=|is\b)|\bfrom\s+\d+\s+to\s+\d+|\b\d+\s*[-–]\s*\d+\b|\bscale\s+(of|from)\s+\d+/i.test(text);
}

/** the key style an item is presented with (see the file comment) */
function keyStyleOf(item: SurveyItem, requested?: "position" | "code"): "position" | "code" {
  if (item.kind === "numeric-scale") return "code";
  if (stemNamesNumbers(`${item.wording}\n${item.instruction ?? ""}`)) return "code";
  return requested ?? "position";
}

export function presentItem(item: SurveyItem, options: PresentItemOptions = {}): PresentedItem {
  const keyStyle = keyStyleOf(item, options.keyStyle);
  const reversed = options.reverse === true && canReverse(item);
  const ordered = itemOptions(item).slice();
  if (reversed) ordered.reverse();
  const presented = ordered.map((o, i) => ({
    key: keyStyle === "position" ? String(i + 1) : String(o.code),
    code: o.code,
    label: o.label,
  }));
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

/**
 * "1 = Very happy\n2 = Quite happy …" in display order; an option whose label is its own key
 * (the unanchored middle of a numeric scale) is listed as the bare number ("2").
 */
export function formatOptionLines(presented: PresentedItem): string[] {
  return presented.options.map((o) => (o.label === o.key ? o.key : `${o.key} = ${o.label}`));
}
