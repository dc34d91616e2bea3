// per-persona usage: model requests (retries and repairs included), embedding calls, tokens.
import type { TokenUsage } from "../../core/usage/token-usage.js";
import type { UsageTotals } from "../persona/persona-schema.js";

export class UsageTally {
  totals: UsageTotals = { calls: 0, embedding_calls: 0, input_tokens: 0, output_tokens: 0, repairs: 0 };
  add(usage: TokenUsage, requests: number, repaired = false): void {
    this.totals.calls += requests;
    this.totals.input_tokens += usage.inputTokens;
    this.totals.output_tokens += usage.outputTokens;
    if (repaired) this.totals.repairs++;
  }
}
