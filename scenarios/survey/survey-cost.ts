// what a survey run cost, for the report and the summary: calls, cache hits, tokens (provider-
// cached prompt tokens apart), failed requests, USD, and the cost per valid respondent — a
// persona with at least one answer and no invalid answer in any arm (refusals are valid answers).
import type { UsageTotals } from "../../core/usage/usage-meter.js";
import type { ResponseRecord } from "./response-record.js";

export interface SurveyCost {
  calls: number;
  cache_hits: number;
  failed_calls: number;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  priced: boolean;
  valid_respondents: number;
  respondents: number;
  /** null when no respondent is valid */
  cost_per_valid_respondent_usd: number | null;
}

export function surveyCost(totals: UsageTotals, rows: readonly Pick<ResponseRecord, "persona_id" | "status">[]): SurveyCost {
  const invalid = new Set(rows.filter((r) => r.status === "invalid").map((r) => r.persona_id));
  const respondents = new Set(rows.map((r) => r.persona_id));
  const valid = [...respondents].filter((p) => !invalid.has(p)).length;
  return {
    calls: totals.calls,
    cache_hits: totals.cacheHits,
    failed_calls: totals.failedCalls,
    input_tokens: totals.inputTokens,
    cached_input_tokens: totals.cachedInputTokens,
    output_tokens: totals.outputTokens,
    cost_usd: Number(totals.costUsd.toFixed(6)),
    priced: totals.priced,
    valid_respondents: valid,
    respondents: respondents.size,
    cost_per_valid_respondent_usd: valid > 0 ? Number((totals.costUsd / valid).toFixed(6)) : null,
  };
}

/** "$0.0123 per valid respondent (38 of 40)" */
export function costPerRespondentLine(c: SurveyCost): string {
  const per = c.cost_per_valid_respondent_usd === null ? "n/a" : `$${c.cost_per_valid_respondent_usd.toFixed(4)}`;
  return `cost per valid respondent: ${per} (${c.valid_respondents} of ${c.respondents} respondents without invalid answers${c.priced ? "" : "; some models unpriced"})`;
}

/** the report.md section (the calls of every session: the manifest's usage block) */
export function surveyCostMarkdown(c: SurveyCost): string {
  return [
    "",
    "## Cost",
    "",
    "| calls | cache hits | failed requests | prompt tokens (cached) | completion tokens | est. USD | per valid respondent |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${c.calls} | ${c.cache_hits} | ${c.failed_calls} | ${c.input_tokens} (${c.cached_input_tokens}) | ${c.output_tokens} | ${c.cost_usd.toFixed(4)}${c.priced ? "" : " (unpriced models count 0)"} | ${c.cost_per_valid_respondent_usd === null ? "n/a" : c.cost_per_valid_respondent_usd.toFixed(4)} |`,
    "",
    "Cache hits were served from the response cache: no request, no cost. Totals are over every session of the run (`manifest.json` → usage).",
    "",
  ].join("\n");
}
