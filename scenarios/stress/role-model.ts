// the stress test's roles (users, target, judge) are model clients (core/model/model-client.ts):
// each records its own spec, sampling and latencies; this file keeps the record form of usage.
import type { ModelClient } from "../../core/model/model-client.js";
import type { TokenUsage } from "../../core/usage/token-usage.js";

/** a model in one role of the stress test */
export type RoleModel = ModelClient;

/** a call's usage in record form */
export function usageRecord(u: TokenUsage): { input_tokens: number; output_tokens: number; total_tokens: number } {
  return { input_tokens: u.inputTokens, output_tokens: u.outputTokens, total_tokens: u.totalTokens };
}
