// zod schemas of the answering calls, built from the presented options: the answer is a zod enum
// of the option keys (plus the refusal value when allowed), so strict structured output can only
// return a valid option. schemas are cached by their option keys (structuredCall caches the JSON
// schema conversion per schema object).
import { z } from "zod";
import type { PresentedItem } from "../surveys/present-item.js";
import { REFUSAL_VALUE } from "./prompts/answer-item-prompt.js";

export const RATIONALE_MAX_CHARS = 300;

const itemCache = new Map<string, z.ZodType>();
const itemsCache = new Map<string, z.ZodType>();

function answerValues(item: PresentedItem, allowRefusal: boolean): [string, ...string[]] {
  const values = allowRefusal ? [...item.answerKeys, REFUSAL_VALUE] : [...item.answerKeys];
  if (values.length === 0) throw new RangeError(`item ${item.itemId} has no answer options (open items are not answered here)`);
  return values as [string, ...string[]];
}

/** the answer of one item (value of the `answer` property) and its optional rationale */
export interface ItemAnswerOutput {
  answer: string;
  rationale?: string | undefined;
}

/** {answer: enum(keys[, "refuse"]), rationale?: string} */
export function answerItemSchema(item: PresentedItem, allowRefusal: boolean): z.ZodType<ItemAnswerOutput> {
  const values = answerValues(item, allowRefusal);
  const cacheKey = values.join("|");
  let schema = itemCache.get(cacheKey);
  if (!schema) {
    schema = z.object({
      answer: z
        .enum(values)
        .describe(`the number of the chosen option${allowRefusal ? `, or "${REFUSAL_VALUE}" to decline; rare: ${REFUSAL_VALUE}` : ""}`),
      rationale: z.string().max(RATIONALE_MAX_CHARS).optional().describe("at most one short sentence on why"),
    });
    itemCache.set(cacheKey, schema);
  }
  return schema as z.ZodType<ItemAnswerOutput>;
}

/** {<item id>: enum(keys[, "refuse"]), …} for a whole instrument */
export function answerItemsSchema(items: readonly PresentedItem[], allowRefusal: boolean): z.ZodType<Record<string, string>> {
  const shape = items.map((item) => [item.itemId, answerValues(item, allowRefusal)] as const);
  const cacheKey = shape.map(([id, values]) => `${id}=${values.join("|")}`).join(";");
  let schema = itemsCache.get(cacheKey);
  if (!schema) {
    const refusal = allowRefusal ? `; rare: ${REFUSAL_VALUE}` : "";
    schema = z.object(
      Object.fromEntries(
        shape.map(([id, values]) => [
          id,
          z.enum(values).describe(`the chosen option's number${allowRefusal ? `, or "${REFUSAL_VALUE}" to decline` : ""}${refusal}`),
        ]),
      ),
    );
    itemsCache.set(cacheKey, schema);
  }
  return schema as z.ZodType<Record<string, string>>;
}
