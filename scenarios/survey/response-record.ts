// one row of responses.jsonl: one persona × item × sample answer of one arm.
import { z } from "zod";
import { CallMetadataSchema } from "../../core/store/call-metadata.js";
import { table } from "../../core/store/record-table.js";
import { SurveyArmSchema } from "./survey-spec.js";

export const RESPONSES_FILE = "responses.jsonl";

export const ResponseRecordSchema = z.object({
  /** idempotency key: <arm>/<persona id>/<item>/<sample> */
  key: z.string(),
  run_id: z.string(),
  arm: SurveyArmSchema,
  persona_id: z.string(),
  /** ISO3 */
  country: z.string(),
  instrument: z.string(),
  item: z.string(),
  sample: z.number().int().nonnegative(),
  /** the model's text for this answer */
  raw: z.string(),
  /** the item's code, or null (refused, invalid) */
  value: z.number().int().nullable(),
  status: z.enum(["ok", "refused", "invalid"]),
  reason: z.string().nullable(),
  /** model, usage (a batched call's tokens split across its rows), latency, sampling, prompt version, attempts, repaired */
  ...CallMetadataSchema.shape,
  /** the options were shown in reverse code order (keys 1..k still follow the display order) */
  reversed: z.boolean(),
  /** the answer key the model gave ("3", "refuse"), before mapping back to a code */
  answer_key: z.string().nullable(),
  rationale: z.string().nullable(),
  mode: z.enum(["isolated", "batched"]),
  answer_method: z.enum(["sample", "logprob"]),
  repaired: z.boolean(),
  /** persona facts the answering prompt showed (rendered attributes; demographics: anchors; 0 for persona-less arms) */
  attributes_shown: z.number().int().nonnegative().optional(),
  /** token estimate of the persona profile in the system prompt */
  profile_tokens: z.number().int().nonnegative().optional(),
  /** tao2024: which of the ten wording variants the persona got */
  tao_variant: z.number().int().nonnegative().optional(),
  /** the list question (battery) this row's item was answered in, e.g. "Q7-Q17" */
  battery: z.string().optional(),
  /** served from the response cache: no request was sent, nothing paid; usage and latency are the original call's */
  cached: z.boolean().optional(),
  /** logprob answering: code → renormalised probability, and the mass on valid codes */
  probs: z.record(z.string(), z.number()).optional(),
  valid_mass: z.number().optional(),
});
export type ResponseRecord = z.infer<typeof ResponseRecordSchema>;

/** responses.jsonl: keyed <arm>/<persona id>/<item>/<sample> */
export const responsesTable = table(RESPONSES_FILE, ResponseRecordSchema, (r) => `${r.arm}/${r.persona_id}/${r.item}/${r.sample}`);
