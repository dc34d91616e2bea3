import { z } from "zod";

/** token counts of one or more model calls */
export const tokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** input tokens the provider served from its prompt cache (`prompt_tokens_details.cached_tokens`); absent when 0 */
  cachedInputTokens: z.number().int().nonnegative().optional(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const ZERO_USAGE: TokenUsage = Object.freeze({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });

/** sum of usages (cachedInputTokens only when some side has it) */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  const cached = (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0);
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    ...(cached > 0 ? { cachedInputTokens: cached } : {}),
  };
}

/** usage from a LangChain AIMessage's `usage_metadata` (zeros when absent); cached prompt tokens from `input_token_details.cache_read` */
export function usageFromMessage(message: unknown): TokenUsage {
  const meta = (
    message as {
      usage_metadata?: {
        input_tokens?: number;
        output_tokens?: number;
        total_tokens?: number;
        input_token_details?: { cache_read?: number };
      };
    }
  )?.usage_metadata;
  const inputTokens = meta?.input_tokens ?? 0;
  const outputTokens = meta?.output_tokens ?? 0;
  const cached = meta?.input_token_details?.cache_read ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: meta?.total_tokens ?? inputTokens + outputTokens,
    ...(cached > 0 ? { cachedInputTokens: Math.min(cached, inputTokens) } : {}),
  };
}
