// the zod schema of a discussion's metrics.json (discuss): design, status counts, per arm × item
// results, and the treatment effects. discussionMetrics checks what it writes against it.
import { z } from "zod";
import { DiscussionArmSchema } from "./discussion-spec.js";

const Interval = z.tuple([z.number(), z.number()]).nullable();
const StatusCountsSchema = z.object({ rows: z.number().int(), ok: z.number().int(), refused: z.number().int(), invalid: z.number().int() });

export const ArmItemMetricsSchema = z.object({
  n_personas: z.number().int(),
  n_groups: z.number().int(),
  /** personas with an ok answer both before and after */
  n_paired: z.number().int(),
  mean_pre: z.number().nullable(),
  mean_post: z.number().nullable(),
  mean_change: z.number().nullable(),
  /** clustered bootstrap (groups resampled within the arm): estimate ± t(G − 1)·SE */
  ci95_change: Interval,
  /** personas resampled as if independent: for comparison only */
  ci95_change_persona_naive: Interval,
  share_changed: z.number().nullable(),
  /** 1 − Σ pre_k·post_k: the share that would change under independent redraws (a chance level) */
  share_changed_chance: z.number().nullable(),
  ci95_change_percentile: Interval,
  shift: z.object({ js_distance: z.number().nullable(), total_variation: z.number().nullable() }),
  distribution: z.object({ codes: z.array(z.number()), pre: z.array(z.number()), post: z.array(z.number()) }),
});
export type ArmItemMetrics = z.infer<typeof ArmItemMetricsSchema>;

export const TreatmentEffectSchema = z.object({
  /** "treatment − control", "message-only − control", "treatment − message-only" */
  contrast: z.string(),
  estimate: z.number().nullable(),
  /** estimate ± t(0.975, G − 1) · SE (G = groups of the smaller arm) */
  ci95: Interval,
  ci95_percentile: Interval,
  ci95_persona_naive: Interval,
  se: z.number().nullable(),
  df: z.number().nullable(),
  /** minimum detectable effect, 80% power, two-sided 5% */
  mde: z.number().nullable(),
  n_groups: z.partialRecord(DiscussionArmSchema, z.number().int()),
});
export type TreatmentEffect = z.infer<typeof TreatmentEffectSchema>;

export const DiscussionMetricsSchema = z.object({
  run_id: z.string(),
  model: z.string(),
  /** every turn and answer came from the built-in offline model */
  synthetic: z.boolean(),
  seed: z.union([z.number(), z.string()]),
  topic: z.string(),
  arms: z.array(DiscussionArmSchema),
  items: z.array(
    z.object({
      id: z.string(),
      instrument: z.string(),
      title: z.string(),
      construct: z.string().nullable(),
      direction: z.union([z.literal(1), z.literal(-1)]),
    }),
  ),
  design: z.object({
    group_size: z.number().int(),
    rounds: z.number().int(),
    post_memory: z.enum(["transcript", "none"]),
    groups: z.record(z.string(), z.number().int()),
    personas: z.record(z.string(), z.number().int()),
  }),
  bootstrap: z.object({ replicates: z.number().int(), unit: z.literal("group"), method: z.string() }),
  status_counts: z.object({ pre: StatusCountsSchema, post: StatusCountsSchema }),
  /** arm → item → metrics */
  results: z.record(z.string(), z.record(z.string(), ArmItemMetricsSchema)),
  /** item → treatment − control; null without both arms */
  treatment_effect: z.record(z.string(), TreatmentEffectSchema).nullable(),
  /** every contrast → item → effect */
  effects: z.record(z.string(), z.record(z.string(), TreatmentEffectSchema)),
  warnings: z.array(z.string()),
});
export type DiscussionMetrics = z.infer<typeof DiscussionMetricsSchema>;
