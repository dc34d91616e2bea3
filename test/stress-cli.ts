// helpers for stress e2e tests: read a stress run directory's jsonl files and outputs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ConversationRecord } from "../scenarios/stress/conversation-record.js";
import type { ExchangeRecord } from "../scenarios/stress/exchange-record.js";
import type { JudgementRecord } from "../scenarios/stress/judgement-record.js";
import type { StressMetrics } from "../scenarios/stress/stress-metrics.js";

/** the files a complete stress run writes whose bytes depend only on seed, flags and models */
export const STRESS_OUTPUTS = [
  "personas.jsonl",
  "exchanges.jsonl",
  "conversations.jsonl",
  "judgements.jsonl",
  "metrics.json",
  "report.md",
] as const;

export function readJsonl<T>(dir: string, file: string): T[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export const readExchanges = (dir: string) => readJsonl<ExchangeRecord>(dir, "exchanges.jsonl");
export const readConversations = (dir: string) => readJsonl<ConversationRecord>(dir, "conversations.jsonl");
export const readJudgements = (dir: string) => readJsonl<JudgementRecord>(dir, "judgements.jsonl");
export const readMetrics = (dir: string) => JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8")) as StressMetrics;

/** every output file's text, by name */
export function outputBytes(dir: string): Record<string, string> {
  return Object.fromEntries(STRESS_OUTPUTS.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}
