// progressive slot-filling: one structured call per batch of attributes, conditioned on the core
// profile and a compact `path: value` digest of what is already filled (never re-sent JSON).
// layout for provider prompt caching: the instructions (identical for every persona) and the
// profile (identical for all of a persona's batches) come first, each its own message; what
// changes from batch to batch (the digest, the count, a repair note) comes last.
import { z } from "zod";
import type { TaxonomyLeaf } from "../taxonomy/flatten-taxonomy.js";
import type { PromptMessage } from "./prompt-types.js";
import { attributeHint, attributeKey, quantityBounds } from "./attribute-hint.js";

export const FILL_BATCH_PROMPT_VERSION = "fill-batch@2";

export interface BatchSlot {
  key: string;
  leaf: TaxonomyLeaf;
}

/** property keys for a batch, in walk order */
export function batchSlots(leaves: readonly TaxonomyLeaf[]): BatchSlot[] {
  return leaves.map((leaf, i) => ({ key: attributeKey(i), leaf }));
}

/**
 * what every batch answer must at least be: an object of strings, numbers (quantities) and
 * booleans (yes-no). per-attribute presence and kind rules are checked afterwards
 * (validate-attribute-value.ts), so that one bad value costs a repair of that value, not of the
 * batch. one schema for all batches: zod compiles it once.
 */
export const FillBatchAnswerSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** the JSON schema of one attribute: the kind as a type constrained decoding can enforce */
export function attributeJsonSchema(leaf: TaxonomyLeaf, referenceYear?: number): Record<string, unknown> {
  const description = attributeHint(leaf);
  if (leaf.kind === "yes-no") return { type: "boolean", description };
  if (leaf.kind === "quantity") return { type: "number", ...quantityBounds(leaf.unit, referenceYear), description };
  if (leaf.kind === "category" && leaf.options?.length) return { type: "string", enum: leaf.options, description };
  return { type: "string", description };
}

/**
 * the strict JSON schema sent to the provider: explicit property per attribute, kind-specific
 * format hint in its description (built directly, not via zod: it is new for every batch).
 */
export function fillBatchSchema(slots: readonly BatchSlot[], referenceYear?: number) {
  const properties: Record<string, unknown> = {};
  for (const s of slots) properties[s.key] = attributeJsonSchema(s.leaf, referenceYear);
  const jsonSchema = { type: "object", properties, required: slots.map((s) => s.key), additionalProperties: false };
  return { schema: FillBatchAnswerSchema, jsonSchema };
}

export function fillBatchPrompt(input: { profile: string; digest: string; count: number; repairNote?: string }): PromptMessage[] {
  const messages: PromptMessage[] = [
    [
      "system",
      "Fill in attributes of this synthetic person, consistent with the profile and what is known. Each field names an attribute and its format: a list of options: pick the truest; true/false: yes or no; a number: the amount in the unit named; level: low to high; frequency: how often; period: a time span; else a short specific phrase. At most 10 words each, realistic for their country and life; never 'unknown'.",
    ],
    ["human", `Profile: ${input.profile}`],
    ["human", `${input.digest ? `Already known: ${input.digest}\n` : ""}Fill all ${input.count} fields.`],
  ];
  if (input.repairNote) messages.push(["human", input.repairNote]);
  return messages;
}
