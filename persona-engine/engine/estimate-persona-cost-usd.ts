// what one generated persona is estimated to cost, for the budget guard: the per-persona token
// ceiling personas are designed for (≈ 11k prompt tokens measured; see docs/DECISIONS.md).
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import type { PriceTable } from "../../core/usage/price-table.js";

export const PERSONA_TOKEN_CEILING = { inputTokens: 12_000, outputTokens: 6_000 } as const;

/** estimated USD of one persona on `modelSpec` (default prices: the built-in table) */
export function estimatePersonaCostUsd(modelSpec: string, prices?: PriceTable): number {
  return estimateCostUsd({ modelSpec, ...PERSONA_TOKEN_CEILING }, prices);
}
