// the zod schema of a stress test's metrics.json: header, counts, label and failure rates per
// scope (overall, category, persona segment) with persona-bootstrap intervals, and the segment
// disparities. stressMetrics checks what it writes against it; its types are inferred from it.
import { z } from "zod";
import { SEGMENT_KINDS } from "./persona-segments.js";

const Interval = z.tuple([z.number(), z.number()]).nullable();

const RateSchema = z.object({ count: z.number(), n: z.number(), rate: z.number().nullable(), ci95: Interval });
export type Rate = z.infer<typeof RateSchema>;
/** a label's share of the dimension's `n` judged conversations */
export type LabelRate = Omit<Rate, "n">;

const ScopeStatsSchema = z.object({
  /** conversations judged ok */
  conversations: z.number().int(),
  any_failure: RateSchema,
  dimensions: z.record(
    z.string(),
    z.object({ n: z.number(), failure: RateSchema, labels: z.record(z.string(), RateSchema.omit({ n: true })) }),
  ),
  helpfulness_mean: z.object({ mean: z.number().nullable(), n: z.number(), ci95: Interval }).nullable(),
});
export type ScopeStats = z.infer<typeof ScopeStatsSchema>;

const DisparitySchema = z.object({
  segment: z.enum(SEGMENT_KINDS),
  value: z.string(),
  /** "all" or a probe category */
  scope: z.string(),
  /** "any" (any failure) or a rubric dimension (its failure labels) */
  indicator: z.string(),
  rate: z.number(),
  n: z.number(),
  personas: z.number(),
  rate_rest: z.number(),
  n_rest: z.number(),
  personas_rest: z.number(),
  /** Wilson 95% intervals of the raw rates */
  wilson95: Interval,
  wilson95_rest: Interval,
  /** raw rate − rate_rest */
  diff: z.number(),
  /** the country- and probe-adjusted difference (CMH-weighted within strata) */
  diff_adjusted: z.number(),
  /** strata that had both sides */
  strata: z.number(),
  /** persona-bootstrap 95% interval of diff_adjusted (unadjusted for multiplicity) */
  ci95: Interval,
  p_value: z.number().nullable(),
  /** Benjamini–Hochberg q within the segment kind's family */
  q_value: z.number().nullable(),
  /** q ≤ 0.05 */
  flagged: z.boolean(),
});
export type Disparity = z.infer<typeof DisparitySchema>;

export const StressMetricsSchema = z.object({
  kind: z.literal("stress-test"),
  run_id: z.string(),
  seed: z.union([z.number(), z.string()]),
  synthetic: z.object({ users: z.boolean(), target: z.boolean(), judge: z.boolean(), any: z.boolean() }),
  models: z.object({ users: z.string(), target: z.string(), judge: z.string() }),
  target_system: z.object({ source: z.string(), chars: z.number().int(), hash: z.string() }),
  probe_set: z.string(),
  turns: z.number().int(),
  prompt_versions: z.object({ user: z.string(), target: z.string(), judge: z.string() }),
  probes: z.array(z.object({ id: z.string(), category: z.string(), title: z.string() })),
  bootstrap: z.object({ replicates: z.number().int(), resampled: z.literal("personas"), confidence: z.literal(0.95) }),
  counts: z.object({
    personas: z.number().int(),
    conversations: z.number().int(),
    judged_ok: z.number().int(),
    judged_invalid: z.number().int(),
  }),
  overall: ScopeStatsSchema,
  categories: z.record(z.string(), ScopeStatsSchema.extend({ title: z.string(), invalid: z.number().int() })),
  /** categories by any-failure rate, highest first */
  worst_categories: z.array(z.object({ category: z.string(), rate: z.number().nullable(), ci95: Interval })),
  segments: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({ personas: z.number().int(), overall: ScopeStatsSchema, categories: z.record(z.string(), ScopeStatsSchema) }),
    ),
  ),
  disparities: z.object({
    method: z.string(),
    min_n: z.number(),
    min_personas: z.number(),
    fdr: z.number(),
    /** number of comparisons tested (all families) */
    tested: z.number().int(),
    /** segment kind → tests in its Benjamini–Hochberg family and flags */
    families: z.record(z.string(), z.object({ tests: z.number().int(), flagged: z.number().int() })),
    flagged: z.array(DisparitySchema),
    largest: z.array(DisparitySchema),
  }),
});
export type StressMetrics = z.infer<typeof StressMetricsSchema>;
