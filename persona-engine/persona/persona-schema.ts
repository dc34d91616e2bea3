import { z } from "zod";

export const AttributeTierSchema = z.enum(["core", "near", "mid", "far"]);
export type AttributeTier = z.infer<typeof AttributeTierSchema>;

/** where a value came from: census tables (UN WPP, Pew), survey-based proxy tables (WVS-7), modelled or donor-country tables, or the model */
export const ValueSourceSchema = z.enum(["census", "survey-table", "modelled", "llm", "unavailable"]);
export type ValueSource = z.infer<typeof ValueSourceSchema>;

export const FilledAttributeSchema = z.object({
  path: z.string(),
  category: z.string(),
  tier: AttributeTierSchema,
  status: z.literal("filled"),
  value: z.string(),
  source: ValueSourceSchema,
  /** the table a census/survey value was drawn from */
  table: z.string().optional(),
});

export const UnfilledAttributeSchema = z.object({
  path: z.string(),
  category: z.string(),
  tier: AttributeTierSchema,
  status: z.literal("unfilled"),
  value: z.null(),
  source: ValueSourceSchema,
  reason: z.string(),
});

export const PersonaAttributeSchema = z.discriminatedUnion("status", [FilledAttributeSchema, UnfilledAttributeSchema]);
export type PersonaAttribute = z.infer<typeof PersonaAttributeSchema>;

export const AnchorSchema = z.object({
  field: z.string(),
  value: z.union([z.string(), z.number(), z.null()]),
  source: ValueSourceSchema,
  table: z.string().optional(),
});
export type Anchor = z.infer<typeof AnchorSchema>;

export const LifeStorySchema = z.object({
  core_values: z.array(z.string()),
  life_attitudes: z.array(z.string()),
  vignettes: z.array(z.object({ year: z.number().int(), title: z.string(), story: z.string() })),
  interests: z.array(z.string()),
  hobbies: z.array(z.string()),
});
export type LifeStory = z.infer<typeof LifeStorySchema>;

export const UsageTotalsSchema = z.object({
  calls: z.number().int(),
  embedding_calls: z.number().int(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  repairs: z.number().int(),
});
export type UsageTotals = z.infer<typeof UsageTotalsSchema>;

export const PersonaSchema = z.object({
  /** idempotency key in personas.jsonl */
  key: z.string(),
  id: z.string(),
  seed: z.string(),
  index: z.number().int(),
  country: z.string(),
  name: z.string(),
  anchors: z.array(AnchorSchema),
  /** survey weight for post-stratification back to the population tables */
  weight: z.number(),
  life_story: LifeStorySchema,
  attributes: z.array(PersonaAttributeSchema),
  summary: z.string(),
  model: z.string(),
  embeddings: z.string(),
  synthetic_notice: z.string().optional(),
  prompt_versions: z.record(z.string(), z.string()),
  taxonomy_version: z.string(),
  usage: UsageTotalsSchema,
  /** what went wrong outside attribute values (e.g. the summary call failed), never silently */
  problems: z.array(z.string()).optional(),
  /** taxonomy paths left out because they mirror (pre-answer) the survey items of the run that generated it */
  excluded_mirrors: z.array(z.string()).optional(),
});
export type Persona = z.infer<typeof PersonaSchema>;
