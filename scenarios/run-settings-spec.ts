// the run settings every persona scenario's spec ends with (after its own fields): attributes per
// generated persona, pace, budget, sampling, the tidy format, and the personas-file lines skipped.
// spread into each spec schema, so the parsed spec IS the manifest's config; defaults live here
// (the flags' help defaults are read from this schema: `specDefault`).
import { z } from "zod";
import type { OptionSpec } from "../core/flags/option-spec.js";

export const RunSettingsSchema = z.object({
  /** attributes per generated persona; null when the personas are read or given */
  attributes: z.number().int().min(20).max(2000).nullable().default(220),
  /** model requests in flight (the run's one limiter) */
  concurrency: z.number().int().min(1).max(1024).default(8),
  requestsPerMinute: z.number().int().positive().nullable().default(null),
  budgetUsd: z.number().positive().nullable().default(null),
  /** sampling sent on every request (core/model/model-client.ts DEFAULT_SAMPLING) */
  temperature: z.number().min(0).max(2).default(1),
  top_p: z.number().gt(0).max(1).default(1),
  /** --format parquet: Parquet twins of the tidy tables (absent: csv only) */
  format: z.literal("parquet").optional(),
  /** --skip-invalid: the bad lines of the personas file that were skipped */
  input_skipped: z.object({ file: z.string(), lines: z.array(z.number().int()), count: z.number().int().nonnegative() }).optional(),
});
export type RunSettings = z.infer<typeof RunSettingsSchema>;

/** a field's default in a spec schema, as a flag's help default ("220", "isolated") */
export function specDefault(schema: z.ZodObject, key: string): string {
  const field = schema.shape[key] as z.ZodType | undefined;
  if (!field) throw new Error(`no spec field '${key}'`);
  return String(field.parse(undefined));
}

/**
 * the spec with scenario fields set by prepare (resolved items…): a new field joins the scenario's
 * own fields, before the run settings, so the recorded config (and the run id hashed from it)
 * keeps one key order
 */
export function withSpecFields<S extends object>(spec: S, fields: Partial<S>): S {
  const settings = new Set(Object.keys(RunSettingsSchema.shape));
  const entries = Object.entries(spec);
  const own = Object.fromEntries(entries.filter(([k]) => !settings.has(k)));
  return { ...own, ...fields, ...Object.fromEntries(entries.filter(([k]) => settings.has(k))) } as S;
}

/** flags with their help defaults read from a spec schema: flag name → spec field */
export function withSpecDefaults(
  flags: Record<string, OptionSpec>,
  schema: z.ZodObject,
  fields: Record<string, string>,
): Record<string, OptionSpec> {
  const out = { ...flags };
  for (const [flag, field] of Object.entries(fields)) out[flag] = { ...(flags[flag] as OptionSpec), default: specDefault(schema, field) };
  return out;
}
