// a model in one role of the stress test (users, target, judge): the LangChain model, its spec
// for records and the meter, and the clock its latencies are measured with.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { TokenUsage } from "../../core/usage/token-usage.js";

export interface RoleModel {
  model: BaseChatModel;
  spec: string;
  /** ms clock for latencies (default performance.now); the cli freezes it for offline models */
  clock?: () => number;
}

/** a call's usage in record form */
export function usageRecord(u: TokenUsage): { input_tokens: number; output_tokens: number; total_tokens: number } {
  return { input_tokens: u.inputTokens, output_tokens: u.outputTokens, total_tokens: u.totalTokens };
}
