// a list question (battery) answered once: the respondent mentions the entries that apply (at
// most maxChoices for "choose up to five"), as JSON {"mentioned": [keys]}; ["refuse"] declines.
import type { PresentedBattery } from "../../surveys/present-battery.js";
import { formatBatteryLines } from "../../surveys/present-battery.js";
import { REFUSAL_VALUE } from "./answer-item-prompt.js";

export const ANSWER_BATTERY_PROMPT_VERSION = "answer-battery@1";

export interface AnswerBatteryPromptInput {
  battery: PresentedBattery;
  preamble?: string | undefined;
  allowRefusal: boolean;
}

/** the question block of a battery: wording, then every entry with its number */
export function batteryBlock(battery: PresentedBattery): string {
  return [`Question ${battery.batteryId}: ${battery.wording}`, ...formatBatteryLines(battery)].join("\n");
}

export function answerBatteryPrompt(input: AnswerBatteryPromptInput): string {
  const b = input.battery;
  const how =
    b.maxChoices !== undefined
      ? `the numbers of the entries you choose, at most ${b.maxChoices}`
      : "the numbers of every entry you mention";
  const refuse = input.allowRefusal ? `, or ["${REFUSAL_VALUE}"] if you would decline to answer this question` : "";
  return [
    ...(input.preamble ? [input.preamble, ""] : []),
    batteryBlock(b),
    "",
    `Reply with a JSON object: "mentioned" lists ${how} (an empty list if none)${refuse}.`,
  ].join("\n");
}
