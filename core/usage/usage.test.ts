import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Budget } from "./budget.js";
import { estimateCostUsd } from "./estimate-cost-usd.js";
import { estimateTokens } from "./estimate-tokens.js";
import { DEFAULT_PRICE_TABLE, loadPriceTableFile, lookupPrice, mergePriceTable, modelNameOfSpec } from "./price-table.js";
import { UsageMeter } from "./usage-meter.js";

describe("price table", () => {
  it("has a source and a date, and matches specs and dated snapshots by longest prefix", () => {
    expect(DEFAULT_PRICE_TABLE.source).toMatch(/OpenAI/);
    expect(DEFAULT_PRICE_TABLE.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(modelNameOfSpec("openai:gpt-4.1-mini@http://x:1/v1")).toBe("gpt-4.1-mini");
    expect(lookupPrice(DEFAULT_PRICE_TABLE, "openai:gpt-4o-mini-2024-07-18")).toEqual(DEFAULT_PRICE_TABLE.models["gpt-4o-mini"]);
    expect(lookupPrice(DEFAULT_PRICE_TABLE, "openai:gpt-4.1-nano")).toEqual(DEFAULT_PRICE_TABLE.models["gpt-4.1-nano"]);
    expect(lookupPrice(DEFAULT_PRICE_TABLE, "openai:llama3.1:8b@http://localhost:11434/v1")).toBeUndefined();
  });

  it("costs: 1M input + 1M output of gpt-4.1-mini = 0.4 + 1.6; offline and unknown = 0", () => {
    expect(estimateCostUsd({ modelSpec: "openai:gpt-4.1-mini", inputTokens: 1e6, outputTokens: 1e6 })).toBeCloseTo(2.0, 10);
    expect(estimateCostUsd({ modelSpec: "offline", inputTokens: 1e6, outputTokens: 1e6 })).toBe(0);
    expect(estimateCostUsd({ modelSpec: "openai:mystery", inputTokens: 1e6, outputTokens: 1e6 })).toBe(0);
  });

  it("can be overridden by an object or a JSON file; bad files → one-line UsageError", () => {
    const t = mergePriceTable(DEFAULT_PRICE_TABLE, {
      as_of: "2026-01-01",
      models: { "my-local": { inputPerMillion: 1, outputPerMillion: 1 } },
    });
    expect(t.as_of).toBe("2026-01-01");
    expect(t.models["gpt-4o"]).toBeDefined();
    expect(estimateCostUsd({ modelSpec: "openai:my-local@http://h:1/v1", inputTokens: 1e6, outputTokens: 0 }, t)).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), "prices-"));
    writeFileSync(join(dir, "p.json"), JSON.stringify({ models: { "gpt-4o": { inputPerMillion: 5, outputPerMillion: 20 } } }));
    expect(loadPriceTableFile(join(dir, "p.json")).models["gpt-4o"]?.inputPerMillion).toBe(5);
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ models: { x: { inputPerMillion: -1 } } }));
    expect(() => loadPriceTableFile(join(dir, "bad.json"))).toThrow(/bad\.json: invalid price table: models\.x/);
  });
});

describe("UsageMeter", () => {
  it("totals calls, tokens, latency and cost per model spec", () => {
    const meter = new UsageMeter();
    const seen: number[] = [];
    meter.onRecord((_r, cost) => seen.push(cost));
    meter.record({ modelSpec: "openai:gpt-4o-mini", inputTokens: 1000, outputTokens: 500, latencyMs: 100 });
    meter.record({ modelSpec: "openai:gpt-4o-mini", inputTokens: 0, outputTokens: 0, latencyMs: 5, ok: false });
    meter.record({ modelSpec: "offline", inputTokens: 10, outputTokens: 20, latencyMs: 1 });
    const byModel = meter.byModel();
    expect(byModel["openai:gpt-4o-mini"]).toMatchObject({ calls: 2, failedCalls: 1, inputTokens: 1000, outputTokens: 500, latencyMs: 105 });
    expect(byModel["openai:gpt-4o-mini"]?.costUsd).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 12);
    expect(meter.totals()).toMatchObject({ calls: 3, totalTokens: 1530, priced: true });
    expect(meter.totalCostUsd()).toBeCloseTo(0.00045, 12);
    expect(seen).toHaveLength(3);
    meter.record({ modelSpec: "openai:local-llm@http://h:1/v1", inputTokens: 1, outputTokens: 1, latencyMs: 1 });
    expect(meter.totals().priced).toBe(false);
  });

  it("estimateTokens ≈ chars/4", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abc")).toBe(1);
    expect(estimateTokens("a".repeat(400))).toBe(100);
  });
});

describe("Budget", () => {
  it("canAfford stops BEFORE the cap would be crossed, counting reservations in flight", () => {
    const meter = new UsageMeter();
    const budget = new Budget({ capUsd: 0.01, meter });
    const perCall = estimateCostUsd({ modelSpec: "openai:gpt-4.1", inputTokens: 1000, outputTokens: 500 }); // 0.006
    expect(budget.canAfford(perCall)).toBe(true);
    const release = budget.reserve(perCall);
    expect(budget.canAfford(perCall)).toBe(false); // 0.006 reserved + 0.006 > 0.01
    meter.record({ modelSpec: "openai:gpt-4.1", inputTokens: 1000, outputTokens: 500, latencyMs: 1 });
    release();
    release(); // idempotent
    expect(budget.spentUsd()).toBeCloseTo(0.006, 12);
    expect(budget.remainingUsd()).toBeCloseTo(0.004, 12);
    expect(budget.canAfford(0.004)).toBe(true);
    expect(budget.canAfford(0.0041)).toBe(false);
    expect(budget.exhausted()).toBe(false);
  });

  it("no cap = unlimited; a negative cap is refused", () => {
    const meter = new UsageMeter();
    expect(new Budget({ meter }).canAfford(1e9)).toBe(true);
    expect(() => new Budget({ meter, capUsd: -1 })).toThrow(RangeError);
  });
});

describe("prompt-cache tokens, response-cache hits and the manifest usage block", async () => {
  const { usageFromMessage, addUsage, ZERO_USAGE } = await import("./token-usage.js");
  const { usageManifestBlock } = await import("./usage-manifest-block.js");

  it("reads cache_read into cachedInputTokens (absent when 0) and prices it at the cached rate", () => {
    expect(
      usageFromMessage({
        usage_metadata: { input_tokens: 2000, output_tokens: 10, total_tokens: 2010, input_token_details: { cache_read: 1536 } },
      }),
    ).toEqual({
      inputTokens: 2000,
      outputTokens: 10,
      totalTokens: 2010,
      cachedInputTokens: 1536,
    });
    expect(usageFromMessage({ usage_metadata: { input_tokens: 5, output_tokens: 1 } })).not.toHaveProperty("cachedInputTokens");
    expect(addUsage(ZERO_USAGE, { inputTokens: 1, outputTokens: 1, totalTokens: 2 })).not.toHaveProperty("cachedInputTokens");
    const full = estimateCostUsd({ modelSpec: "openai:gpt-4.1-mini", inputTokens: 1e6, outputTokens: 0 });
    const cached = estimateCostUsd({ modelSpec: "openai:gpt-4.1-mini", inputTokens: 1e6, outputTokens: 0, cachedInputTokens: 1e6 });
    expect(full).toBeCloseTo(0.4, 10);
    expect(cached).toBeCloseTo(DEFAULT_PRICE_TABLE.models["gpt-4.1-mini"]?.cachedInputPerMillion ?? NaN, 10);
    // no cached rate: cached tokens cost the input rate
    const t = mergePriceTable(DEFAULT_PRICE_TABLE, { models: { local: { inputPerMillion: 1, outputPerMillion: 1 } } });
    expect(estimateCostUsd({ modelSpec: "local", inputTokens: 1e6, outputTokens: 0, cachedInputTokens: 5e5 }, t)).toBe(1);
  });

  it("cache hits are not calls and cost nothing; the manifest block sums resumed sessions", () => {
    const meter = new UsageMeter();
    const seen: number[] = [];
    meter.onRecord((_r, c) => seen.push(c));
    meter.record({ modelSpec: "openai:gpt-4.1-mini", inputTokens: 1000, outputTokens: 100, latencyMs: 1, cachedInputTokens: 600 });
    meter.record({ modelSpec: "openai:gpt-4.1-mini", inputTokens: 0, outputTokens: 0, latencyMs: 1, ok: false });
    meter.recordCacheHit({ modelSpec: "openai:gpt-4.1-mini", inputTokens: 1000, outputTokens: 100 });
    expect(seen).toHaveLength(2); // the budget listeners never hear of a hit
    const t = meter.totals();
    expect(t).toMatchObject({ calls: 2, failedCalls: 1, cacheHits: 1, cachedInputTokens: 600, cacheSavedTokens: 1100 });
    expect(t.cacheSavedUsd).toBeCloseTo((1000 * 0.4 + 100 * 1.6) / 1e6, 12);
    const first = usageManifestBlock(meter);
    expect(first).toMatchObject({
      calls: 2,
      failed_calls: 1,
      input_tokens: 1000,
      cached_input_tokens: 600,
      output_tokens: 100,
      cache_hits: 1,
      sessions: 1,
      prices_as_of: DEFAULT_PRICE_TABLE.as_of,
    });
    const resumed = usageManifestBlock(meter, JSON.parse(JSON.stringify(first)));
    expect(resumed).toMatchObject({ calls: 4, input_tokens: 2000, cache_hits: 2, sessions: 2 });
    expect(resumed.by_model["openai:gpt-4.1-mini"]).toMatchObject({ calls: 4, cache_hits: 2 });
    expect(resumed.cost_usd).toBeCloseTo(2 * first.cost_usd, 10);
  });

  it("batch calls cost the table's batch factor (50% on OpenAI, with its source); a table without one prices them in full", () => {
    expect(DEFAULT_PRICE_TABLE.batch).toMatchObject({ factor: 0.5, as_of: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(DEFAULT_PRICE_TABLE.batch?.source).toMatch(/Batch API/);
    const call = { modelSpec: "openai:gpt-4.1-mini", inputTokens: 1000, outputTokens: 100, cachedInputTokens: 200 };
    expect(estimateCostUsd({ ...call, tier: "batch" })).toBeCloseTo(estimateCostUsd(call) / 2, 12);
    const meter = new UsageMeter();
    meter.record({ ...call, latencyMs: 1, tier: "batch" });
    meter.record({ ...call, latencyMs: 1 });
    expect(meter.totals().costUsd).toBeCloseTo(1.5 * estimateCostUsd(call), 12);
    const { batch: _b, ...noBatch } = DEFAULT_PRICE_TABLE;
    expect(estimateCostUsd({ ...call, tier: "batch" }, noBatch)).toBe(estimateCostUsd(call));
    expect(mergePriceTable(DEFAULT_PRICE_TABLE, { batch: { factor: 0.4, source: "x", as_of: "2026-12-01" } }).batch?.factor).toBe(0.4);
  });
});
