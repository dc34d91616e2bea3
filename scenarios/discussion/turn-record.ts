// one row of turns.jsonl: one persona's turn in its group's discussion (one `speak` call).
import { z } from "zod";
import { ResponseUsageSchema } from "../survey/response-record.js";
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
  model: z.string(),
  usage: ResponseUsageSchema,
  latency_ms: z.number().nonnegative(),
  /** sampling parameters sent with the call (--temperature, --top-p; absent in older runs) */
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  prompt_version: z.string(),
  /** requests the call took (transient retries included) */
  attempts: z.number().int().nonnegative(),
  /** present when the turn is unusable after one repair (empty, punctuation-only, placeholder) */
  status: z.literal("invalid").optional(),
  reason: z.string().optional(),
});
export type TurnRecord = z.infer<typeof TurnRecordSchema>;
export type TurnRow = Omit<TurnRecord, "key">;
