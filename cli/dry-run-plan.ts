// the bill of a dry run: every request the command would send (its real prompt, rendered but
// not sent), every request the response cache already answers, summed into calls, tokens, a cost
// range and a wall time. the estimating constants are documented here (docs/DECISIONS.md):
// - prompt tokens: chars/4 of the messages joined by newlines, plus chars/4 of the
//   response_format JSON (the schema is part of the prompt for constrained decoding) — the same
//   rule the fake OpenAI server and the offline model count by;
// - completion tokens: structured replies are sized by a schema-valid sample of their schema (the
//   offline model's reply to the same request: the keys, enums and short values a concise model
//   writes); plain-text replies count TEXT_REPLY_TOKENS;
// - range: low = prompt × 0.9 and completion × 0.5, high = prompt × 1.25 and completion × 2.5
//   (rationales, longer free text, tokenizer differences, repairs);
// - wall time: each call takes CALL_OVERHEAD_SECONDS + completion / OUTPUT_TOKENS_PER_SECOND,
//   spread over --concurrency requests in flight.
import { estimateCostUsd } from "../core/usage/estimate-cost-usd.js";
import { lookupPrice, type PriceTable } from "../core/usage/price-table.js";

export const TEXT_REPLY_TOKENS = 120;
export const CALL_OVERHEAD_SECONDS = 0.6;
export const OUTPUT_TOKENS_PER_SECOND = 60;
export const RANGE = { promptLow: 0.9, promptHigh: 1.25, completionLow: 0.5, completionHigh: 2.5 } as const;

export interface PlannedCall {
  modelSpec: string;
  /** schema name, or "text" */
  name: string;
  promptTokens: number;
  completionTokens: number;
  /** answered by the response cache: not sent, not paid */
  cached: boolean;
}

export interface DryRunSummary {
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  usd: number;
  usd_low: number;
  usd_high: number;
  wall_seconds: number;
  cache_hits: number;
  concurrency: number;
  /** "batch" (--executor batch): every cost at the price table's batch rate (`batch_factor` × synchronous) */
  pricing: "synchronous" | "batch";
  batch_factor?: number;
  /** false when a model has no price (its cost counts as 0) */
  priced: boolean;
  models: Record<string, { calls: number; prompt_tokens: number; completion_tokens: number; usd: number; cache_hits: number }>;
  by_call: Record<string, { calls: number; prompt_tokens: number; completion_tokens: number; cache_hits: number }>;
}

export class DryRunPlan {
  readonly calls: PlannedCall[] = [];
  /** where the dry run may put scratch files (removed afterwards) */
  readonly scratchDir: string;

  constructor(scratchDir: string) {
    this.scratchDir = scratchDir;
  }

  add(call: PlannedCall): void {
    this.calls.push(call);
  }

  summary(prices: PriceTable, concurrency: number, pricing: "synchronous" | "batch" = "synchronous"): DryRunSummary {
    const round = (x: number) => Number(x.toFixed(6));
    const tier = pricing === "batch" ? { tier: "batch" as const } : {};
    const cost = (c: PlannedCall, p: number, o: number) =>
      estimateCostUsd(
        { modelSpec: c.modelSpec, inputTokens: Math.round(c.promptTokens * p), outputTokens: Math.round(c.completionTokens * o), ...tier },
        prices,
      );
    const s: DryRunSummary = {
      calls: 0,
      prompt_tokens: 0,
      completion_tokens: 0,
      usd: 0,
      usd_low: 0,
      usd_high: 0,
      wall_seconds: 0,
      cache_hits: 0,
      concurrency,
      pricing,
      ...(pricing === "batch" ? { batch_factor: prices.batch?.factor ?? 1 } : {}),
      priced: true,
      models: {},
      by_call: {},
    };
    let seconds = 0;
    for (const c of this.calls) {
      const m = (s.models[c.modelSpec] ??= { calls: 0, prompt_tokens: 0, completion_tokens: 0, usd: 0, cache_hits: 0 });
      const b = (s.by_call[c.name] ??= { calls: 0, prompt_tokens: 0, completion_tokens: 0, cache_hits: 0 });
      if (c.cached) {
        s.cache_hits += 1;
        m.cache_hits += 1;
        b.cache_hits += 1;
        continue;
      }
      if (c.modelSpec !== "offline" && !lookupPrice(prices, c.modelSpec)) s.priced = false;
      const usd = cost(c, 1, 1);
      for (const t of [s, m, b]) {
        t.calls += 1;
        t.prompt_tokens += c.promptTokens;
        t.completion_tokens += c.completionTokens;
      }
      s.usd += usd;
      m.usd += usd;
      s.usd_low += cost(c, RANGE.promptLow, RANGE.completionLow);
      s.usd_high += cost(c, RANGE.promptHigh, RANGE.completionHigh);
      seconds += CALL_OVERHEAD_SECONDS + c.completionTokens / OUTPUT_TOKENS_PER_SECOND;
    }
    for (const k of ["usd", "usd_low", "usd_high"] as const) s[k] = round(s[k]);
    for (const m of Object.values(s.models)) m.usd = round(m.usd);
    s.wall_seconds = Math.round(seconds / Math.max(1, concurrency));
    return s;
  }
}

const plans = new WeakMap<object, DryRunPlan>();

/** the dry run's plan for a command's parsed flags (set by runDryRun; undefined = a real run) */
export function dryRunPlanOf(values: object): DryRunPlan | undefined {
  return plans.get(values);
}

export function setDryRunPlan(values: object, plan: DryRunPlan): void {
  plans.set(values, plan);
}

/** one-screen text of a plan */
export function formatDryRunSummary(command: string, s: DryRunSummary): string {
  const usd = (x: number) => `$${x.toFixed(4)}`;
  const lines = [
    `${command} --dry-run: nothing was sent or written`,
    `  calls ${s.calls}  (+ ${s.cache_hits} answered by the response cache)`,
    `  tokens  prompt ≈ ${s.prompt_tokens}  completion ≈ ${s.completion_tokens}`,
    `  cost ≈ ${usd(s.usd)}  (range ${usd(s.usd_low)} – ${usd(s.usd_high)})${s.pricing === "batch" ? `  at the batch rate: ${s.batch_factor} × the synchronous price (price table \`batch\`)` : ""}${s.priced ? "" : "  some models have no price: pass --prices FILE.json"}`,
    s.pricing === "batch"
      ? `  wall time: up to the batch window (24 h); one batch per stage`
      : `  wall time ≈ ${s.wall_seconds} s at --concurrency ${s.concurrency}`,
    ...Object.entries(s.by_call).map(
      ([name, b]) =>
        `    ${name.padEnd(24)} calls ${String(b.calls).padStart(6)}  prompt ${String(b.prompt_tokens).padStart(9)}  completion ${String(b.completion_tokens).padStart(8)}${b.cache_hits ? `  cached ${b.cache_hits}` : ""}`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
