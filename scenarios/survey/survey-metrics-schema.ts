// the zod schema of metrics.json (survey run): the head, and for item-distribution instruments
// the fidelity, contrast, subgroup, rank and spread sections (raw distances per cell stay
// loosely typed: their shape is CategoricalComparison). surveyMetrics parses what it writes.
import { z } from "zod";

const Interval = z.tuple([z.number(), z.number()]).nullable();
export const EstimateSummarySchema = z.object({ value: z.number().nullable(), ci: Interval });
export const ContrastSchema = EstimateSummarySchema.extend({ verdict: z.enum(["better", "worse", "tie"]).nullable() });

export const MetricFidelitySchema = z.object({
  distance: z.number(),
  floor: z.number(),
  uniform: z.number(),
  excess: EstimateSummarySchema,
  fidelity: EstimateSummarySchema,
});
export const ItemFidelitySummarySchema = z.object({
  n_units: z.number().int().nonnegative(),
  n_eff: z.number().nonnegative(),
  metrics: z.record(z.string(), MetricFidelitySchema),
  fidelity: EstimateSummarySchema,
  note: z.string().optional(),
});
const byArmCountryItem = <T extends z.ZodTypeAny>(t: T) => z.record(z.string(), z.record(z.string(), z.record(z.string(), t)));

export const SubgroupGradientSchema = z.object({
  contrast: z.tuple([z.string(), z.string()]),
  levels: z.array(
    z.object({
      level: z.string(),
      n_simulated: z.number().int(),
      mean_simulated: z.number().nullable(),
      n_reference: z.number().nullable(),
      mean_reference: z.number().nullable(),
    }),
  ),
  simulated: EstimateSummarySchema,
  real: EstimateSummarySchema,
  difference: EstimateSummarySchema,
});

export const CountryRankSchema = z.object({
  rank: z.number().int().positive().nullable(),
  of: z.number().int().nonnegative(),
  nearest: z.array(z.object({ country: z.string(), js_distance: z.number() })),
  items: z.number().int().nonnegative(),
});

export const ItemDistributionSectionsSchema = z.object({
  kind: z.literal("item-distributions"),
  arms: z.array(z.string()),
  countries: z.array(z.string()),
  items: z.array(z.string()),
  results: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.object({ n_rows: z.number().int() }).passthrough()))),
  means: z.record(z.string(), z.object({ overall: z.object({}).passthrough() }).passthrough()),
  closest: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({ arms: z.array(z.string()), decided: z.boolean(), js_distance: z.record(z.string(), z.number().nullable()) }),
    ),
  ),
  closest_counts: z.record(z.string(), z.number().int()),
  fidelity: z.object({
    method: z.string(),
    bootstrap: z.number().int(),
    confidence: z.number(),
    cells: byArmCountryItem(ItemFidelitySummarySchema.nullable()),
    pooled: z.record(
      z.string(),
      z.object({
        overall: EstimateSummarySchema,
        by_country: z.record(z.string(), EstimateSummarySchema),
        by_item: z.record(z.string(), EstimateSummarySchema),
      }),
    ),
  }),
  contrasts: z.object({
    focal: z.string(),
    method: z.string(),
    arms: z.record(
      z.string(),
      z.object({
        overall: ContrastSchema,
        by_country: z.record(z.string(), ContrastSchema),
        by_cell: z.record(z.string(), z.record(z.string(), ContrastSchema)),
      }),
    ),
  }),
  subgroups: byArmCountryItem(z.record(z.string(), SubgroupGradientSchema)),
  country_rank: z.record(z.string(), z.record(z.string(), CountryRankSchema)),
  sd_ratio: byArmCountryItem(z.number().nullable()),
  entropy_ratio: byArmCountryItem(z.number().nullable()),
  country_mean_correlation: z.record(
    z.string(),
    z.object({ by_item: z.record(z.string(), z.number().nullable()), mean: z.number().nullable(), countries: z.number().int() }),
  ),
});

export const TraitSectionsSchema = z.object({ kind: z.literal("trait-means") }).passthrough();

const MarginLevelSchema = z.object({ target: z.number(), unweighted: z.number(), weighted: z.number() });
export const SurveyWeightsSchema = z.object({
  kind: z.enum(["none", "rake"]),
  method: z.string(),
  note: z.string().optional(),
  by_country: z
    .record(
      z.string(),
      z.object({
        n: z.number().int().nonnegative(),
        kish_n: z.number().nonnegative(),
        converged: z.boolean(),
        max_error: z.number(),
        dimensions: z.array(z.string()),
        margins: z.record(z.string(), z.record(z.string(), MarginLevelSchema)),
      }),
    )
    .optional(),
});

export const SurveyMetricsHeadSchema = z.object({
  run_id: z.string(),
  instrument: z.object({ id: z.string(), name: z.string(), version: z.string() }),
  model: z.string(),
  synthetic: z.boolean(),
  mode: z.string(),
  answer_method: z.string(),
  samples: z.number().int(),
  seed: z.union([z.number(), z.string()]),
  reverse_half: z.boolean(),
  personas_per_country: z.record(z.string(), z.number().int()),
  status_counts: z.record(
    z.string(),
    z.object({ rows: z.number().int(), ok: z.number().int(), refused: z.number().int(), invalid: z.number().int() }),
  ),
  /** absent in runs made before survey run had --weights */
  weights: SurveyWeightsSchema.optional(),
});

export const SurveyMetricsSchema = z.union([
  SurveyMetricsHeadSchema.merge(ItemDistributionSectionsSchema).passthrough(),
  SurveyMetricsHeadSchema.merge(TraitSectionsSchema).passthrough(),
]);
