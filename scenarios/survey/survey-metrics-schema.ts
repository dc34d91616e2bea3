// the zod schema of metrics.json (survey run): the head, and for item-distribution instruments
// the fidelity, contrast, subgroup, rank and spread sections (raw distances per cell stay
// loosely typed: their shape is CategoricalComparison). surveyMetrics parses what it writes.
import { z } from "zod";
import { ArmContrastsSchema, PooledFidelitySchema } from "../../surveys/metrics/arm-fidelity.js";
import { CountryRankSchema } from "../../surveys/metrics/country-rank.js";
import { ItemFidelitySummarySchema } from "../../surveys/metrics/item-fidelity.js";
import { SubgroupGradientSchema } from "../../surveys/metrics/subgroup-gradient.js";

const byArmCountryItem = <T extends z.ZodTypeAny>(t: T) => z.record(z.string(), z.record(z.string(), z.record(z.string(), t)));

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
    pooled: z.record(z.string(), PooledFidelitySchema),
  }),
  contrasts: z.object({
    focal: z.string(),
    method: z.string(),
    arms: z.record(z.string(), ArmContrastsSchema),
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

export const StatusCountsSchema = z.object({
  rows: z.number().int(),
  ok: z.number().int(),
  refused: z.number().int(),
  invalid: z.number().int(),
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
  status_counts: z.record(z.string(), StatusCountsSchema),
  /** absent in runs made before survey run had --weights */
  weights: SurveyWeightsSchema.optional(),
});

export const SurveyMetricsSchema = z.union([
  SurveyMetricsHeadSchema.merge(ItemDistributionSectionsSchema).passthrough(),
  SurveyMetricsHeadSchema.merge(TraitSectionsSchema).passthrough(),
]);
