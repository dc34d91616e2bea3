// the structured answer of a list question: {"mentioned": [keys]} restricted to the entry keys
// (plus the refusal value when allowed), at most maxChoices entries for "choose up to".
import { z } from "zod";
import type { PresentedBattery } from "../surveys/present-battery.js";
import { REFUSAL_VALUE } from "./prompts/answer-item-prompt.js";

export interface BatteryAnswerOutput {
  mentioned: string[];
}

const cache = new Map<string, z.ZodType>();

export function answerBatterySchema(battery: PresentedBattery, allowRefusal: boolean): z.ZodType<BatteryAnswerOutput> {
  const values = (allowRefusal ? [...battery.answerKeys, REFUSAL_VALUE] : [...battery.answerKeys]) as [string, ...string[]];
  const key = `${values.join("|")}/${battery.maxChoices ?? ""}`;
  let schema = cache.get(key);
  if (!schema) {
    const list = z.array(z.enum(values));
    schema = z.object({
      mentioned: (battery.maxChoices !== undefined ? list.max(battery.maxChoices) : list).describe(
        `the numbers of the entries mentioned${allowRefusal ? `; ["${REFUSAL_VALUE}"] declines` : ""}`,
      ),
    });
    cache.set(key, schema);
  }
  return schema as z.ZodType<BatteryAnswerOutput>;
}
