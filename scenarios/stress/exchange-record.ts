// one row of exchanges.jsonl: one turn of one conversation — the persona's message (speak, in
// character) and the target's reply. keyed <persona id>/<probe id>/t<turn>, so a crash mid-
// conversation keeps the turns already made.
import { z } from "zod";
import { ResponseUsageSchema } from "../survey/response-record.js";
import { StressRecordBaseSchema } from "./stress-record-base.js";

export const EXCHANGES_FILE = "exchanges.jsonl";

export const CallRecordSchema = z.object({
  text: z.string(),
  model: z.string(),
  usage: ResponseUsageSchema,
  /** wall time of the call; 0 for the offline model (nothing is waited for, and offline runs stay byte-identical) */
  latency_ms: z.number().nonnegative(),
  /** sampling parameters sent with the call (--temperature, --top-p; absent in older runs) */
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  /** requests sent (transient retries included) */
  attempts: z.number().int().nonnegative(),
  prompt_version: z.string(),
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

export const ExchangeRecordSchema = StressRecordBaseSchema.extend({
  /** 1-based */
  turn: z.number().int().positive(),
  /** the persona's message; `clipped` when it ran over the word limit */
  user: CallRecordSchema.extend({
    clipped: z.boolean(),
    /** present when the user turn is unusable after one repair (empty, punctuation-only, placeholder) */
    status: z.literal("invalid").optional(),
    reason: z.string().optional(),
  }),
  /** the target's reply */
  assistant: CallRecordSchema,
});
export type ExchangeRecord = z.infer<typeof ExchangeRecordSchema>;
export type ExchangeRow = Omit<ExchangeRecord, "key">;

export function exchangeKey(personaId: string, probeId: string, turn: number): string {
  return `${personaId}/${probeId}/t${turn}`;
}

export function conversationKey(personaId: string, probeId: string): string {
  return `${personaId}/${probeId}`;
}
