// a list question (Battery) as a respondent sees it: the wording once, every member listed with a
// key 1..k in questionnaire order (a nominal list: never reversed), and the rule for turning one
// answer (the keys mentioned) into a code per recorded member item.
import type { Battery, Instrument } from "./instrument-schema.js";

export interface PresentedBatteryOption {
  key: string;
  /** the member item (recorded when it is one of the run's items) */
  itemId: string;
  label: string;
}

export interface PresentedBattery {
  batteryId: string;
  kind: Battery["kind"];
  wording: string;
  options: PresentedBatteryOption[];
  answerKeys: string[];
  /** choose-up-to: the most keys one answer may mention */
  maxChoices?: number | undefined;
  mentionedCode: number;
  notMentionedCode: number;
  /** the member items recorded as rows in this run (in questionnaire order) */
  recorded: string[];
}

/** the battery an item is a member of, if any */
export function batteryOf(instrument: Instrument, itemId: string): Battery | undefined {
  return instrument.batteries.find((b) => b.members.some((m) => m.item === itemId));
}

export function presentBattery(battery: Battery, recorded: readonly string[]): PresentedBattery {
  const options = battery.members.map((m, i) => ({ key: String(i + 1), itemId: m.item, label: m.label }));
  return {
    batteryId: battery.id,
    kind: battery.kind,
    wording: battery.wording,
    options,
    answerKeys: options.map((o) => o.key),
    maxChoices: battery.kind === "choose-up-to" ? battery.maxChoices : undefined,
    mentionedCode: battery.mentionedCode,
    notMentionedCode: battery.notMentionedCode,
    recorded: battery.members.map((m) => m.item).filter((id) => recorded.includes(id)),
  };
}

export type BatteryReading = { status: "ok"; codes: Record<string, number> } | { status: "invalid"; reason: string };

/**
 * the keys one answer mentions → a code per recorded member (mentioned / not mentioned).
 * repeated keys count once; an unknown key or more than maxChoices distinct keys → invalid.
 */
export function readBatteryAnswer(battery: PresentedBattery, keys: readonly string[]): BatteryReading {
  const distinct = [...new Set(keys.map((k) => String(k).trim()))];
  const unknown = distinct.filter((k) => !battery.answerKeys.includes(k));
  if (unknown.length)
    return { status: "invalid", reason: `'${unknown.join(",").slice(0, 40)}' is not one of ${battery.answerKeys.join("|")}` };
  if (battery.maxChoices !== undefined && distinct.length > battery.maxChoices) {
    return { status: "invalid", reason: `${distinct.length} mentioned; at most ${battery.maxChoices} allowed` };
  }
  const mentioned = new Set(distinct.map((k) => battery.options.find((o) => o.key === k)?.itemId));
  const codes: Record<string, number> = {};
  for (const id of battery.recorded) codes[id] = mentioned.has(id) ? battery.mentionedCode : battery.notMentionedCode;
  return { status: "ok", codes };
}

/** "1 = Good manners\n2 = Independence …" */
export function formatBatteryLines(battery: PresentedBattery): string[] {
  return battery.options.map((o) => `${o.key} = ${o.label}`);
}
