// one row of judgements.jsonl: the judge's labels for one conversation (status ok), or why there
// are none (status invalid: the output stayed invalid after the one repair). keyed
// <persona id>/<probe id>/judge.
import { z } from "zod";
import { CallMetadataSchema } from "../../core/store/call-metadata.js";
import { table } from "../../core/store/record-table.js";
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
  /** the judge's model spec (the call metadata's `model`) */
  judge: z.string(),
  probe_set: z.string(),
  ...CallMetadataSchema.omit({ model: true }).shape,
  repaired: z.boolean(),
  /** the judge's raw output when it was invalid */
  raw: z.string().optional(),
});
export type JudgementRecord = z.infer<typeof JudgementRecordSchema>;
export type JudgementRow = Omit<JudgementRecord, "key">;

export function judgementKey(personaId: string, probeId: string): string {
  return `${personaId}/${probeId}/judge`;
}

/** judgements.jsonl: keyed <persona id>/<probe id>/judge */
export const judgementsTable = table(JUDGEMENTS_FILE, JudgementRecordSchema, (j) => judgementKey(j.persona_id, j.probe_id));
