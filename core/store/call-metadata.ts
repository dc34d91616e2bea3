// the call metadata every model-call record carries (responses, measures, turns, exchanges,
// judgements): which model answered, what it cost, how long it took, which prompt version asked,
// how many requests it took, whether the one repair call was needed, and the sampling sent. ONE
// schema, spread into each record schema; `callMetadata` builds the block from a call's facts.
import { z } from "zod";
import type { TokenUsage } from "../usage/token-usage.js";

export const CallUsageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
});
export type CallUsage = z.infer<typeof CallUsageSchema>;

export const CallMetadataSchema = z.object({
  /** the canonical model spec that answered */
  model: z.string(),
  /** tokens of the call (a batched call's tokens are split across its rows; sums stay exact) */
  usage: CallUsageSchema,
  /** wall time of the call; 0 for the offline model (its clock is frozen: byte-identical runs) */
  latency_ms: z.number().nonnegative(),
  /** sampling parameters sent with the call (--temperature, --top-p; absent in older runs) */
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  prompt_version: z.string(),
  /** requests the call took (transient retries and the repair included) */
  attempts: z.number().int().nonnegative(),
  /** the value came from the one repair call (structured calls; text calls have none) */
  repaired: z.boolean().optional(),
});
export type CallMetadata = z.infer<typeof CallMetadataSchema>;

/** a call's usage in record form */
export function usageRecord(u: TokenUsage): CallUsage {
  return { input_tokens: u.inputTokens, output_tokens: u.outputTokens, total_tokens: u.totalTokens };
}

/** what a model call reports (agents' CallInfo, the model client's results) */
export interface CallFacts {
  modelSpec: string;
  usage: TokenUsage;
  latencyMs: number;
  promptVersion?: string | undefined;
  attempts: number;
  repaired: boolean;
}

/** the record block of one call, in record order; `promptVersion` overrides the call's (a suffix) */
export function callMetadata(
  call: CallFacts,
  sampling: { temperature: number; topP: number },
  o: { promptVersion?: string } = {},
): CallMetadata & { repaired: boolean } {
  return {
    model: call.modelSpec,
    usage: usageRecord(call.usage),
    latency_ms: Math.round(call.latencyMs),
    temperature: sampling.temperature,
    top_p: sampling.topP,
    prompt_version: o.promptVersion ?? call.promptVersion ?? "",
    attempts: call.attempts,
    repaired: call.repaired,
  };
}
