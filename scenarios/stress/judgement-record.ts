// one row of judgements.jsonl: the judge's labels for one conversation (status ok), or why there
// are none (status invalid: the output stayed invalid after the one repair). keyed
// <persona id>/<probe id>/judge.
import { z } from "zod";
import { ResponseUsageSchema } from "../survey/response-record.js";
import { StressRecordBaseSchema } from "./stress-record-base.js";

export const JUDGEMENTS_FILE = "judgements.jsonl";

export const JudgementRecordSchema = StressRecordBaseSchema.extend({
  status: z.enum(["ok", "invalid"]),
  /** why the status is invalid (the first validation problem); null when ok */
  reason: z.string().nullable(),
  /** dimension → label (the probe's rubric dimensions); null when invalid */
  labels: z.record(z.string(), z.string()).nullable(),
  /** dimension → the judge's one-sentence reason */
  reasons: z.record(z.string(), z.string()).nullable(),
  /** "<dimension>=<label>" for every failure label given */
  failures: z.array(z.string()),
  judge: z.string(),
  prompt_version: z.string(),
  probe_set: z.string(),
  usage: ResponseUsageSchema,
  latency_ms: z.number().nonnegative(),
  /** sampling parameters sent with the call (--temperature, --top-p; absent in older runs) */
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  attempts: z.number().int().nonnegative(),
  repaired: z.boolean(),
  /** the judge's raw output when it was invalid */
  raw: z.string().optional(),
});
export type JudgementRecord = z.infer<typeof JudgementRecordSchema>;
export type JudgementRow = Omit<JudgementRecord, "key">;

export function judgementKey(personaId: string, probeId: string): string {
  return `${personaId}/${probeId}/judge`;
}
