// the persona part of every persona scenario's spec (survey, discussion, stress): which personas
// take part — generated per country, or read from a file — and the seed. each spec schema spreads
// these fields where they stand in its manifest config.
import { z } from "zod";

export const PersonaSelectionSpecSchema = z.object({
  /** generated personas: countries (ISO3 or names) … */
  countries: z.array(z.string()).default([]),
  /** … and either personas per country or a total split by `design` */
  perCountry: z.number().int().positive().optional(),
  count: z.number().int().positive().optional(),
  design: z.enum(["equal", "proportional"]).default("equal"),
  /** personas read from a personas.jsonl file instead of generated (path, for the record) */
  personasFile: z.string().optional(),
  /** --skip-invalid: skip (and count) bad lines of the personas file instead of stopping */
  skipInvalid: z.boolean().optional(),
  seed: z.union([z.number(), z.string()]),
});
export type PersonaSelectionSpec = z.infer<typeof PersonaSelectionSpecSchema>;
