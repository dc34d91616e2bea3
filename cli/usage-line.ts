// the usage line a run prints at its end: who was metered, then calls, tokens and the estimated
// cost (flagged when some model had no price), response-cache hits and provider-cached prompt
// tokens when there were any, and the transient retries and repairs it took.
import { redactUrlCredentials } from "../core/sanitize/redact-url-credentials.js";
import type { UsageTotals } from "../core/usage/usage-meter.js";

/** `models`: e.g. "model: offline" or "models: users … · target … · judge …" */
export function usageLine(models: string, t: UsageTotals): string {
  const hits = t.cacheHits ? `  cache hits ${t.cacheHits} (saved $${t.cacheSavedUsd.toFixed(4)})` : "";
  const cachedIn = t.cachedInputTokens ? ` (${t.cachedInputTokens} cached)` : "";
  return `${redactUrlCredentials(models)}  calls ${t.calls}${hits}  tokens in ${t.inputTokens}${cachedIn} out ${t.outputTokens}  est. cost $${t.costUsd.toFixed(4)}${t.priced ? "" : " (some models unpriced)"}  retries ${t.retries}, repairs ${t.repairs}`;
}
