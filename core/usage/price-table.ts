// list prices in USD per 1M tokens. lookup is by model name (the part of a spec after
// "openai:" and before "@"), longest prefix wins so dated snapshots ("gpt-4o-mini-2024-07-18")
// match their family. `offline` and unknown (e.g. local) models cost 0 and are reported as unpriced.
// prompt-cache reads (`cachedInputPerMillion`) are priced apart from fresh input.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors.js";

export const modelPriceSchema = z.object({
  /** USD per 1M input (prompt) tokens */
  inputPerMillion: z.number().nonnegative(),
  /** USD per 1M output (completion) tokens; 0 for embedding models */
  outputPerMillion: z.number().nonnegative(),
  /** USD per 1M input tokens served from the provider's prompt cache (default: inputPerMillion) */
  cachedInputPerMillion: z.number().nonnegative().optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** the provider's batch tier: every token of a batch call costs `factor` × the synchronous price */
export const batchPricingSchema = z.object({
  /** 0.5 = half price */
  factor: z.number().positive().max(1),
  source: z.string().min(1),
  as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "batch.as_of must be YYYY-MM-DD"),
});

export const priceTableSchema = z.object({
  source: z.string().min(1),
  as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "as_of must be YYYY-MM-DD"),
  note: z.string().optional(),
  models: z.record(z.string().min(1), modelPriceSchema),
  /** batch calls (--executor batch); absent: batch calls cost the synchronous price */
  batch: batchPricingSchema.optional(),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

export const DEFAULT_PRICE_TABLE: PriceTable = {
  source:
    "OpenAI API pricing (developers.openai.com/api/docs/pricing), standard tier list prices (not batch), as transcribed on 2026-11-06 by api-evangelist ('OpenAI API Pricing: What Every Model Costs Per Million Tokens'), cross-checked with ai-tldr.dev (gpt-5-mini) and the adk-model 0.6 pricing table (Mar 2026, gpt-5.4)",
  as_of: "2026-11-06",
  note: "estimates only. not read from OpenAI's own page by us: gpt-4.1*/gpt-4o*/embedding rates are unchanged from the 2025-06-01 table (secondary sources agree); gpt-5* rates come from the secondary sources above. cached input = prompt-cache reads. override with --prices <file.json>",
  models: {
    "gpt-5": { inputPerMillion: 1.25, outputPerMillion: 10.0, cachedInputPerMillion: 0.125 },
    "gpt-5-mini": { inputPerMillion: 0.25, outputPerMillion: 2.0, cachedInputPerMillion: 0.025 },
    "gpt-5-nano": { inputPerMillion: 0.05, outputPerMillion: 0.4, cachedInputPerMillion: 0.005 },
    "gpt-5.4": { inputPerMillion: 2.5, outputPerMillion: 15.0, cachedInputPerMillion: 0.25 },
    "gpt-5.4-mini": { inputPerMillion: 0.75, outputPerMillion: 4.5, cachedInputPerMillion: 0.075 },
    "gpt-4.1": { inputPerMillion: 2.0, outputPerMillion: 8.0, cachedInputPerMillion: 0.5 },
    "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6, cachedInputPerMillion: 0.1 },
    "gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4, cachedInputPerMillion: 0.025 },
    "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10.0, cachedInputPerMillion: 1.25 },
    "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6, cachedInputPerMillion: 0.075 },
    "text-embedding-3-small": { inputPerMillion: 0.02, outputPerMillion: 0 },
    "text-embedding-3-large": { inputPerMillion: 0.13, outputPerMillion: 0 },
    offline: { inputPerMillion: 0, outputPerMillion: 0 },
  },
  batch: {
    factor: 0.5,
    source:
      "OpenAI Help Center, 'Batch API FAQ' (help.openai.com/en/articles/9197833-batch-api-faq): 'Each model will be offered at 50% cost discount vs. the synchronous APIs'; expired batches bill only the completed work",
    as_of: "2026-12-02",
  },
};

/** the model name inside a spec: "openai:gpt-4.1-mini@http://x/v1" → "gpt-4.1-mini"; "offline" → "offline" */
export function modelNameOfSpec(spec: string): string {
  const rest = spec.replace(/^(openai|anthropic|google|ollama|azure):/, "");
  const at = rest.search(/@https?:\/\//);
  return at >= 0 ? rest.slice(0, at) : rest;
}

/** price for a model spec or name; `undefined` when the table does not know it (cost then counts as 0) */
export function lookupPrice(table: PriceTable, specOrName: string): ModelPrice | undefined {
  const name = modelNameOfSpec(specOrName);
  const exact = table.models[name];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(table.models)) {
    if (name.startsWith(`${key}-`) && (!best || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : table.models[best];
}

/**
 * a table overridden by a partial one (models merged, override wins; source/as_of taken from the
 * override when it has them)
 */
export function mergePriceTable(base: PriceTable, override: unknown): PriceTable {
  const parsed = priceTableSchema.partial().safeParse(override);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new UsageError(`invalid price table: ${issues}`, { code: "E_INVALID_INPUT" });
  }
  const o = parsed.data;
  return {
    source: o.source ?? base.source,
    as_of: o.as_of ?? base.as_of,
    ...((o.note ?? base.note) ? { note: o.note ?? base.note } : {}),
    models: { ...base.models, ...(o.models ?? {}) },
    ...((o.batch ?? base.batch) ? { batch: o.batch ?? base.batch } : {}),
  };
}

/** DEFAULT_PRICE_TABLE overridden by a JSON file (same shape; every field optional) */
export function loadPriceTableFile(path: string, base: PriceTable = DEFAULT_PRICE_TABLE): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`cannot read price table '${path}': ${(err as Error).message}`, { code: "E_INVALID_INPUT" });
  }
  try {
    return mergePriceTable(base, json);
  } catch (err) {
    throw new UsageError(`${path}: ${(err as Error).message}`, { code: "E_INVALID_INPUT" });
  }
}
