// stage 1(b): hierarchical attribute paths (Category > Facet [> Subfacet] > Attribute) with a
// value kind and the disclosed value, from one personalisable conversation. the category and
// the kind are enums, so even synthetic (offline) output forms paths; names are cleaned later.
import { z } from "zod";
import type { PromptMessage } from "../../prompts/prompt-types.js";
import { TAXONOMY_CATEGORIES, VALUE_KINDS } from "../taxonomy-schema.js";

export const EXTRACT_PROMPT_VERSION = "taxonomy-extract@1";

export const MAX_ATTRIBUTES_PER_CONVERSATION = 12;

export const ExtractedAttributeSchema = z.object({
  category: z.enum(TAXONOMY_CATEGORIES).describe("the top-level category the attribute belongs to"),
  facet: z
    .string()
    .min(1)
    .max(70)
    .describe(
      "a broad group inside the category, in Title Case, e.g. Diet and Eating, Commuting, Caregiving, Faith Practice, Saving and Lending",
    ),
  facet_description: z.string().max(160).describe("one line saying what the facet covers"),
  subfacet: z
    .string()
    .max(70)
    .describe("an optional narrower group between facet and attribute in Title Case, or an empty string (most attributes need none)"),
  attribute_name: z
    .string()
    .min(1)
    .max(70)
    .describe(
      "the attribute a person could state about themselves, in Title Case, e.g. Main Commute Mode, Dietary Pattern, Monthly Remittance Amount",
    ),
  attribute_description: z.string().max(160).describe("one line saying what the attribute means"),
  kind: z
    .enum(VALUE_KINDS)
    .describe(
      "text = free text; category = one of a few typical answers; level = low to high; frequency = never to daily; quantity = a number with a unit; yes-no; period = a time span or life period",
    ),
  options: z
    .array(z.string().max(40))
    .max(8)
    .describe("for kind category: 3 to 8 typical answers, this person's among them; otherwise an empty list"),
  unit: z.string().max(40).describe("for kind quantity: the unit, e.g. hours per week; otherwise an empty string"),
  value: z.string().max(200).describe("what this person disclosed for the attribute, in a few words"),
});
export type ExtractedAttribute = z.infer<typeof ExtractedAttributeSchema>;

export const ExtractionSchema = z.object({
  attributes: z.array(ExtractedAttributeSchema).max(MAX_ATTRIBUTES_PER_CONVERSATION),
});

export function extractionPrompt(transcript: string): PromptMessage[] {
  return [
    [
      "system",
      [
        "You build a taxonomy of human attributes from what people disclose about themselves in conversations with an assistant.",
        `Categories (use exactly one of these names): ${TAXONOMY_CATEGORIES.join("; ")}.`,
        "For each thing the USER discloses about themselves or their household, give a path Category > Facet > Attribute (a Subfacet only when it really helps), the value kind and the disclosed value.",
        "Rules: an attribute is a question a person could answer about themselves (Dietary Pattern, value vegan), never the value itself (not an attribute named Vegan). Names are short Title Case phrases, culturally neutral where possible, with no meta-labels such as User Preferences, Personal Info, Attributes, Other or Miscellaneous.",
        "Ignore the assistant's suggestions and facts about the world; only the user's own life counts. Answer in English even if the conversation is not.",
      ].join("\n"),
    ],
    [
      "human",
      `Conversation:\n${transcript}\n\nList the attributes this user disclosed (at most ${MAX_ATTRIBUTES_PER_CONVERSATION}; an empty list when there are none).`,
    ],
  ];
}
