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
  return leaves.map((leaf, i) => ({ key: attributeKey(i), leaf }));
}

/**
 * what every batch answer must at least be: an object of strings. per-attribute presence and
 * kind rules are checked afterwards (validate-attribute-value.ts), so that one bad value costs a
 * repair of that value, not of the batch. one schema for all batches: zod compiles it once.
 */
export const FillBatchAnswerSchema = z.record(z.string(), z.string());

/**
 * the strict JSON schema sent to the provider: explicit property per attribute, kind-specific
 * format hint in its description (built directly, not via zod: it is new for every batch).
 */
export function fillBatchSchema(slots: readonly BatchSlot[]) {
  const properties: Record<string, unknown> = {};
  for (const s of slots) {
    const description = attributeHint(s.leaf);
    properties[s.key] = s.leaf.kind === "yes-no" ? { type: "string", enum: ["yes", "no"], description } : { type: "string", description };
  }
  const jsonSchema = { type: "object", properties, required: slots.map((s) => s.key), additionalProperties: false };
  return { schema: FillBatchAnswerSchema, jsonSchema };
}

export function fillBatchPrompt(input: { profile: string; digest: string; count: number; repairNote?: string }): PromptMessage[] {
  const messages: PromptMessage[] = [
    [
      "system",
      "Fill in attributes of this synthetic person, consistent with the profile and what is known. Each field names an attribute and its format: options are examples (pick one or a truer answer); level: low to high; frequency: how often; quantity: a number with the unit; period: a time span; else a short specific phrase. At most 10 words each, realistic for their country and life; never 'unknown'.",
    ],
    ["human", `Profile: ${input.profile}${input.digest ? `\nAlready known: ${input.digest}` : ""}\nFill all ${input.count} fields.`],
  ];
  if (input.repairNote) messages.push(["human", input.repairNote]);
  return messages;
}
