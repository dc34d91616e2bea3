// counts model calls, tokens, latency and estimated cost, per model spec, and the run's transient
// retries and repair requests. one meter per run; the model client records every request it
// sends (retries and repairs included).
import { estimateCostUsd } from "./estimate-cost-usd.js";
import { DEFAULT_PRICE_TABLE, lookupPrice, type PriceTable } from "./price-table.js";

export interface UsageRecord {
  modelSpec: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  /** false for failed requests (429, 5xx, timeouts); they count as calls, usually with 0 tokens */
  ok?: boolean;
  /** of inputTokens, those read from the provider's prompt cache (priced at the cached rate) */
  cachedInputTokens?: number;
  /** "batch": sent through a provider batch API, priced at the batch rate */
  tier?: "batch";
}

/** a reply served from the response cache: no request, no cost; its original tokens are counted as saved */
export interface CacheHitRecord {
  modelSpec: string;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageTotals {
  calls: number;
  failedCalls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  latencyMs: number;
  costUsd: number;
  /** false when some spec had no price (cost counted as 0) */
  priced: boolean;
  /** input tokens the provider served from its prompt cache (included in inputTokens) */
  cachedInputTokens: number;
  /** replies served from the response cache (not calls, not tokens, no cost) */
  cacheHits: number;
  /** tokens the cache hits would have cost */
  cacheSavedTokens: number;
  /** USD the cache hits would have cost */
  cacheSavedUsd: number;
  /** transient failures that were retried (totals() only; 0 per model) */
  retries: number;
  /** repair requests after invalid structured output (totals() only; 0 per model) */
  repairs: number;
}

const emptyTotals = (): UsageTotals => ({
  calls: 0,
  failedCalls: 0,
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  latencyMs: 0,
  costUsd: 0,
  priced: true,
  cachedInputTokens: 0,
  cacheHits: 0,
  cacheSavedTokens: 0,
  cacheSavedUsd: 0,
  retries: 0,
  repairs: 0,
});

export interface UsageMeterOptions {
  prices?: PriceTable;
}

export class UsageMeter {
  readonly prices: PriceTable;
  private readonly perModel = new Map<string, UsageTotals>();
  private readonly listeners = new Set<(record: UsageRecord, costUsd: number) => void>();
  private retried = 0;
  private repaired = 0;

  constructor(options: UsageMeterOptions = {}) {
    this.prices = options.prices ?? DEFAULT_PRICE_TABLE;
  }

  /** add one request */
  record(rec: UsageRecord): void {
    const t = this.perModel.get(rec.modelSpec) ?? emptyTotals();
    const cost = estimateCostUsd(rec, this.prices);
    t.calls += 1;
    if (rec.ok === false) t.failedCalls += 1;
    t.inputTokens += rec.inputTokens;
    t.outputTokens += rec.outputTokens;
    t.totalTokens += rec.inputTokens + rec.outputTokens;
    t.latencyMs += rec.latencyMs;
    t.costUsd += cost;
    t.cachedInputTokens += rec.cachedInputTokens ?? 0;
    t.priced = lookupPrice(this.prices, rec.modelSpec) !== undefined;
    this.perModel.set(rec.modelSpec, t);
    for (const l of this.listeners) l(rec, cost);
  }

  /** count one transient failure that is retried */
  recordRetry(): void {
    this.retried++;
  }

  /** count one repair request */
  recordRepair(): void {
    this.repaired++;
  }

  /** add one response-cache hit (not a call: listeners are not told, the budget does not move) */
  recordCacheHit(rec: CacheHitRecord): void {
    const t = this.perModel.get(rec.modelSpec) ?? emptyTotals();
    t.cacheHits += 1;
    t.cacheSavedTokens += rec.inputTokens + rec.outputTokens;
    t.cacheSavedUsd += estimateCostUsd(rec, this.prices);
    t.priced = lookupPrice(this.prices, rec.modelSpec) !== undefined;
    this.perModel.set(rec.modelSpec, t);
  }

  /** called after every record (e.g. to emit budget events); returns an unsubscribe function */
  onRecord(listener: (record: UsageRecord, costUsd: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** totals per model spec (copies) */
  byModel(): Record<string, UsageTotals> {
    const out: Record<string, UsageTotals> = {};
    for (const [spec, t] of [...this.perModel].sort(([a], [b]) => a.localeCompare(b))) out[spec] = { ...t };
    return out;
  }

  /** totals over all model specs */
  totals(): UsageTotals {
    const sum = emptyTotals();
    const counts = sum as unknown as Record<string, number>;
    for (const t of this.perModel.values()) {
      // every count adds up (retries and repairs are 0 per model); priced only when every spec is
      for (const [field, value] of Object.entries(t)) if (typeof value === "number") counts[field] = (counts[field] as number) + value;
      sum.priced &&= t.priced;
    }
    sum.retries = this.retried;
    sum.repairs = this.repaired;
    return sum;
  }

  /** estimated USD spent so far */
  totalCostUsd(): number {
    return this.totals().costUsd;
  }
}
