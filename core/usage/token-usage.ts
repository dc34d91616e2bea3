import { z } from "zod";

/** token counts of one or more model calls */
export const tokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const ZERO_USAGE: TokenUsage = Object.freeze({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });

/** sum of usages */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

/** usage from a LangChain AIMessage's `usage_metadata` (zeros when absent) */
export function usageFromMessage(message: unknown): TokenUsage {
  const meta = (message as { usage_metadata?: { input_tokens?: number; output_tokens?: number; total_tokens?: number } })
    ?.usage_metadata;
  const inputTokens = meta?.input_tokens ?? 0;
  const outputTokens = meta?.output_tokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: meta?.total_tokens ?? inputTokens + outputTokens };
}
