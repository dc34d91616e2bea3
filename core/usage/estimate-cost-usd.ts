import { DEFAULT_PRICE_TABLE, lookupPrice, type PriceTable } from "./price-table.js";

export interface CostInput {
  /** model spec ("openai:gpt-4.1-mini", "offline", …) or bare model name */
  modelSpec: string;
  inputTokens: number;
  outputTokens: number;
  /** of inputTokens, those served from the provider's prompt cache (priced at `cachedInputPerMillion`) */
  cachedInputTokens?: number;
  /** "batch": a provider batch call, priced at the table's batch factor (price-table.ts `batch`) */
  tier?: "batch";
}

/** estimated USD for some tokens on a model; 0 for offline and unpriced (local) models */
export function estimateCostUsd(input: CostInput, table: PriceTable = DEFAULT_PRICE_TABLE): number {
  const price = lookupPrice(table, input.modelSpec);
  if (!price) return 0;
  const cached = Math.min(input.cachedInputTokens ?? 0, input.inputTokens);
  const cachedRate = price.cachedInputPerMillion ?? price.inputPerMillion;
  const factor = input.tier === "batch" ? (table.batch?.factor ?? 1) : 1;
  return (
    (factor * ((input.inputTokens - cached) * price.inputPerMillion + cached * cachedRate + input.outputTokens * price.outputPerMillion)) /
    1_000_000
  );
}
