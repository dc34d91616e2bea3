// one row of measures.jsonl: one persona's answer to one outcome item, before (pre) or after
// (post) its group's discussion, each in a fresh context.
import { z } from "zod";
import { CallMetadataSchema } from "../../core/store/call-metadata.js";
import { table } from "../../core/store/record-table.js";
import { DiscussionArmSchema } from "./discussion-spec.js";

export const MEASURES_FILE = "measures.jsonl";

export const MeasurePhaseSchema = z.enum(["pre", "post"]);
export type MeasurePhase = z.infer<typeof MeasurePhaseSchema>;

export const MeasureRecordSchema = z.object({
  /** idempotency key: <phase>/<persona id>/<item> */
  key: z.string(),
  run_id: z.string(),
  arm: DiscussionArmSchema,
  group: z.string(),
  country: z.string(),
  persona_id: z.string(),
  phase: MeasurePhaseSchema,
  /** the instrument of the item ("wvs", …; "custom" for --stance) */
  instrument: z.string(),
  item: z.string(),
  /** the item's code, or null (refused, invalid) */
  value: z.number().int().nullable(),
  status: z.enum(["ok", "refused", "invalid"]),
  reason: z.string().nullable(),
  raw: z.string(),
  answer_key: z.string().nullable(),
  /** options shown in reverse code order (the same persona sees the same order pre and post) */
  reversed: z.boolean(),
  ...CallMetadataSchema.shape,
  repaired: z.boolean(),
});
export type MeasureRecord = z.infer<typeof MeasureRecordSchema>;
export type MeasureRow = Omit<MeasureRecord, "key">;

/** measures.jsonl: keyed <phase>/<persona id>/<item> */
export const measuresTable = table(MEASURES_FILE, MeasureRecordSchema, (m) => `${m.phase}/${m.persona_id}/${m.item}`);
