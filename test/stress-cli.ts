// helpers for stress e2e tests: read a stress run directory's jsonl files and outputs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ConversationRecord } from "../scenarios/stress/conversation-record.js";
import type { ExchangeRecord } from "../scenarios/stress/exchange-record.js";
import type { JudgementRecord } from "../scenarios/stress/judgement-record.js";
import type { StressMetrics } from "../scenarios/stress/stress-metrics.js";
import { readJsonl } from "./read-jsonl.js";
import { readJson } from "./read-json.js";

/** the files a complete stress run writes whose bytes depend only on seed, flags and models */
export const STRESS_OUTPUTS = [
  "personas.jsonl",
  "exchanges.jsonl",
  "conversations.jsonl",
  "judgements.jsonl",
  "metrics.json",
  "report.md",
] as const;

/** a run file's records; none when the run has not written it */
const readIfAny = <T>(dir: string, file: string): T[] => (existsSync(join(dir, file)) ? readJsonl<T>(dir, file) : []);

export const readExchanges = (dir: string) => readIfAny<ExchangeRecord>(dir, "exchanges.jsonl");
export const readConversations = (dir: string) => readIfAny<ConversationRecord>(dir, "conversations.jsonl");
export const readJudgements = (dir: string) => readIfAny<JudgementRecord>(dir, "judgements.jsonl");
export const readMetrics = (dir: string) => readJson<StressMetrics>(dir, "metrics.json");

/** every output file's text, by name */
export function outputBytes(dir: string): Record<string, string> {
  return Object.fromEntries(STRESS_OUTPUTS.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}
