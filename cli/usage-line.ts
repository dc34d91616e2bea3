// the usage line a run prints at its end: who was metered, then calls, tokens and the estimated
// cost (flagged when some model had no price), and the transient retries and repairs it took.
import type { UsageTotals } from "../core/usage/usage-meter.js";

/** `models`: e.g. "model: offline" or "models: users … · target … · judge …" */
export function usageLine(models: string, t: UsageTotals): string {
  return `${models}  calls ${t.calls}  tokens in ${t.inputTokens} out ${t.outputTokens}  est. cost $${t.costUsd.toFixed(4)}${t.priced ? "" : " (some models unpriced)"}  retries ${t.retries}, repairs ${t.repairs}`;
}
