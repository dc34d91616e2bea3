// one row of turns.jsonl: one persona's turn in its group's discussion (one `speak` call).
import { z } from "zod";
import { CallMetadataSchema } from "../../core/store/call-metadata.js";
import { table } from "../../core/store/record-table.js";
import { DiscussionArmSchema } from "./discussion-spec.js";

export const TURNS_FILE = "turns.jsonl";

export const TurnRecordSchema = z.object({
  /** idempotency key: <group>/r<round>/t<turn> */
  key: z.string(),
  run_id: z.string(),
  arm: DiscussionArmSchema,
  group: z.string(),
  /** ISO3 of the group (groups never mix countries) */
  country: z.string(),
  /** 1-based */
  round: z.number().int().positive(),
  /** 1-based position in the round's seeded speaking order */
  turn: z.number().int().positive(),
  persona_id: z.string(),
  /** what the persona said (as returned; transcripts clip it to the word limit) */
  text: z.string(),
  /** model, usage, latency, sampling, prompt version, attempts (a text call: no repaired) */
  ...CallMetadataSchema.shape,
  /** present when the turn is unusable after one repair (empty, punctuation-only, placeholder) */
  status: z.literal("invalid").optional(),
  reason: z.string().optional(),
});
export type TurnRecord = z.infer<typeof TurnRecordSchema>;
export type TurnRow = Omit<TurnRecord, "key">;

/** turns.jsonl: keyed <group>/r<round>/t<turn> */
export const turnsTable = table(TURNS_FILE, TurnRecordSchema, (t) => `${t.group}/r${t.round}/t${t.turn}`);
