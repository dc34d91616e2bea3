// the manifest's `usage` block: what a run's model calls cost — calls, failed requests (each one
// retried or given up), tokens (provider-cached prompt tokens apart), estimated USD, and the
// response-cache hits with what they saved. a resumed run adds this session to the previous block.
import type { UsageMeter, UsageTotals } from "./usage-meter.js";

export type UsageManifestBlock = {
  calls: number;
  failed_calls: number;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  cache_hits: number;
  cache_saved_usd: number;
  /** false when some model had no price (its cost counted as 0) */
  priced: boolean;
  prices_as_of: string;
  sessions: number;
  by_model: Record<string, Omit<UsageManifestBlock, "by_model" | "prices_as_of" | "sessions">>;
};

const round = (x: number) => Number(x.toFixed(6));

function block(t: UsageTotals): Omit<UsageManifestBlock, "by_model" | "prices_as_of" | "sessions"> {
  return {
    calls: t.calls,
    failed_calls: t.failedCalls,
    input_tokens: t.inputTokens,
    cached_input_tokens: t.cachedInputTokens,
    output_tokens: t.outputTokens,
    cost_usd: round(t.costUsd),
    cache_hits: t.cacheHits,
    cache_saved_usd: round(t.cacheSavedUsd),
    priced: t.priced,
  };
}

type Numeric = Omit<UsageManifestBlock, "by_model" | "prices_as_of" | "sessions">;

function add(a: Numeric, b: Partial<Numeric> | undefined): Numeric {
  if (!b) return a;
  const n = (x: unknown) => (typeof x === "number" ? x : 0);
  return {
    calls: a.calls + n(b.calls),
    failed_calls: a.failed_calls + n(b.failed_calls),
    input_tokens: a.input_tokens + n(b.input_tokens),
    cached_input_tokens: a.cached_input_tokens + n(b.cached_input_tokens),
    output_tokens: a.output_tokens + n(b.output_tokens),
    cost_usd: round(a.cost_usd + n(b.cost_usd)),
    cache_hits: a.cache_hits + n(b.cache_hits),
    cache_saved_usd: round(a.cache_saved_usd + n(b.cache_saved_usd)),
    priced: a.priced && b.priced !== false,
  };
}

/** this session's usage, plus `previous` (the manifest's block before a resume) */
export function usageManifestBlock(meter: UsageMeter, previous?: unknown): UsageManifestBlock {
  const prev = previous && typeof previous === "object" ? (previous as Partial<UsageManifestBlock>) : undefined;
  const by_model: UsageManifestBlock["by_model"] = {};
  for (const [spec, t] of Object.entries(meter.byModel())) by_model[spec] = add(block(t), prev?.by_model?.[spec]);
  for (const [spec, b] of Object.entries(prev?.by_model ?? {})) by_model[spec] ??= b;
  return { ...add(block(meter.totals()), prev), prices_as_of: meter.prices.as_of, sessions: (prev?.sessions ?? 0) + 1, by_model };
}
