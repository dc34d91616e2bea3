// one stored model response: what structuredCall/textCall need to return the same result again.
// only successful, validated results are stored; rows built from a hit equal the original rows
// except `cached` (usage, attempts and latency are the original call's).
import { z } from "zod";

export const CACHE_ENTRY_VERSION = 1;

export const cachedResponseSchema = z.object({
  v: z.literal(CACHE_ENTRY_VERSION),
  kind: z.enum(["structured", "text"]),
  /** the model reference the request went to */
  model: z.string(),
  /** the accepted reply text (structured: the JSON the value was parsed from) */
  raw: z.string(),
  /** structured: the value came from the repair call */
  repaired: z.boolean().default(false),
  /** text: OpenAI-format logprobs (`response_metadata.logprobs`) when the model returned them */
  logprobs: z.unknown().optional(),
  usage: z.object({
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    totalTokens: z.number().int().nonnegative(),
    cachedInputTokens: z.number().int().nonnegative().optional(),
  }),
  attempts: z.number().int().nonnegative(),
  latencyMs: z.number().nonnegative(),
});
export type CachedResponse = z.infer<typeof cachedResponseSchema>;
