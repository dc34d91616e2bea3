// progressive slot-filling: one structured call per batch of attributes, conditioned on the core
// profile and a compact `path: value` digest of what is already filled (never re-sent JSON).
import { z } from "zod";
import type { TaxonomyLeaf } from "../taxonomy/flatten-taxonomy.js";
import type { PromptMessage } from "./prompt-types.js";
import { attributeHint, attributeKey } from "./attribute-hint.js";

export const FILL_BATCH_PROMPT_VERSION = "fill-batch@1";

export interface BatchSlot {
  key: string;
  leaf: TaxonomyLeaf;
}

/** property keys for a batch, in walk order */
export function batchSlots(leaves: readonly TaxonomyLeaf[]): BatchSlot[] {
  const taken = new Set<string>();
  return leaves.map((leaf) => ({ key: attributeKey(leaf, taken), leaf }));
}

/** explicit property per attribute, kind-specific format hint in its description */
export function fillBatchSchema(slots: readonly BatchSlot[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const s of slots) {
    const hint = attributeHint(s.leaf);
    shape[s.key] = s.leaf.kind === "yes-no" ? z.enum(["yes", "no"]).describe(hint) : z.string().describe(hint);
  }
  return z.object(shape);
}

export function fillBatchPrompt(input: { profile: string; digest: string; count: number; repairNote?: string }): PromptMessage[] {
  const messages: PromptMessage[] = [
    [
      "system",
      "You fill in attributes of one synthetic person, consistent with their profile and earlier answers. Each field's description gives where it sits in the taxonomy and its kind: category = pick an example or give a better fitting answer; level = low to high wording; frequency = how often; quantity = a number with the given unit; period = a time span or life period; text = a short specific phrase. Values are this person's own: specific, realistic for their country and circumstances, at most 12 words, never 'unknown'.",
    ],
    ["human", `Profile: ${input.profile}${input.digest ? `\nAlready known: ${input.digest}` : ""}\nFill all ${input.count} fields.`],
  ];
  if (input.repairNote) messages.push(["human", input.repairNote]);
  return messages;
}
