// one row of exchanges.jsonl: one turn of one conversation — the persona's message (speak, in
// character) and the target's reply. keyed <persona id>/<probe id>/t<turn>, so a crash mid-
// conversation keeps the turns already made.
import { z } from "zod";
import { CallMetadataSchema } from "../../core/store/call-metadata.js";
import { table } from "../../core/store/record-table.js";
import { StressRecordBaseSchema } from "./stress-record-base.js";

export const EXCHANGES_FILE = "exchanges.jsonl";

/** one call of an exchange: its text and the shared call metadata (a text call: no repaired) */
export const CallRecordSchema = z.object({ text: z.string(), ...CallMetadataSchema.shape });
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

/** exchanges.jsonl: keyed <persona id>/<probe id>/t<turn> */
export const exchangesTable = table(EXCHANGES_FILE, ExchangeRecordSchema, (e) => exchangeKey(e.persona_id, e.probe_id, e.turn));
