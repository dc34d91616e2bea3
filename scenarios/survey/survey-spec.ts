// the survey scenario, declaratively: which instrument and items, which personas (generated per
// country, or read from a file), how they answer (mode, answer method, samples, option-order
// reversal), which comparison arms run alongside the deep personas, and the run settings. the
// parsed spec is the run manifest's config, so --resume can check that nothing changed.
import { z } from "zod";
import { PersonaSelectionSpecSchema } from "../persona-selection-spec.js";
import { RunSettingsSchema } from "../run-settings-spec.js";

/** the named arms; depth ablations add "deep-<k>" (the first k attributes in walk order) */
export const SURVEY_ARMS = ["deep", "uniform", "tao2024", "empty", "demographics", "cultural-prompting"] as const;
export type NamedSurveyArm = (typeof SURVEY_ARMS)[number];
export type SurveyArm = NamedSurveyArm | `deep-${number}`;
export const DEPTH_ARM = /^deep-([1-9][0-9]*)$/;

export function isSurveyArm(value: string): value is SurveyArm {
  return (SURVEY_ARMS as readonly string[]).includes(value) || DEPTH_ARM.test(value);
}

/** k of a depth arm "deep-<k>", else undefined */
export function armDepth(arm: string): number | undefined {
  const m = DEPTH_ARM.exec(arm);
  return m ? Number(m[1]) : undefined;
}

export const SurveyArmSchema = z
  .string()
  .refine(isSurveyArm, { message: `an arm is one of ${SURVEY_ARMS.join(", ")} or deep-<k>` }) as unknown as z.ZodType<SurveyArm>;

export const SurveySpecSchema = z.object({
  /** shipped instrument id (wvs | bigfive | bfi44) or a questionnaire file (.yaml/.json, surveys/questionnaire-schema.ts) */
  instrument: z.string().min(1).default("wvs"),
  /** a CSV of the user's own answers to score against instead of the WVS-7 references (surveys/user-reference.ts) */
  reference: z.string().min(1).optional(),
  /** item ids to ask (default: every closed item of the instrument) */
  items: z.array(z.string()).min(1).optional(),
  /** who takes part (countries, per country or a total by design, or a personas file) and the seed */
  ...PersonaSelectionSpecSchema.shape,
  /** independent answers per persona × item, each its own row (never averaged) */
  samples: z.number().int().min(1).max(100).default(1),
  /** isolated: one call per item in a fresh context; batched: the whole instrument in one call */
  mode: z.enum(["isolated", "batched"]).default("isolated"),
  /** sample: a structured answer; logprob: option probabilities from one-token logprobs */
  answer: z.enum(["sample", "logprob"]).default("sample"),
  /** logprob: below this probability mass on valid options an answer is invalid (agents/option-distribution.ts) */
  minValidMass: z.number().min(0).max(1).optional(),
  /** reverse the option order of ordinal items for a seeded random half of personas */
  reverseHalf: z.boolean().default(true),
  /** "deep" first, then the requested baselines */
  arms: z.array(SurveyArmSchema).min(1).default(["deep"]),
  /** offer an explicit refusal value (row status "refused") */
  allowRefusal: z.boolean().default(true),
  /** token budget of the deep persona profile in the system prompt; "all": the whole profile */
  profileTokens: z.union([z.number().int().positive(), z.literal("all")]).default(1500),
  /** bootstrap replicates for the 95% intervals in metrics.json */
  bootstrap: z.number().int().min(0).default(500),
  /** rake: every share-based metric weights the personas, per country, to the population tables
   *  (sex × age band, education, urban/rural; intervals at Kish's effective n; unweighted figures
   *  alongside); none: the personas' design weights only (docs/DECISIONS.md) */
  weights: z.enum(["none", "rake"]).default("rake"),
  /** attributes, pace, budget, sampling, tidy format (the manifest config is this whole spec) */
  ...RunSettingsSchema.shape,
});
export type SurveySpec = z.infer<typeof SurveySpecSchema>;
export type SurveySpecInput = z.input<typeof SurveySpecSchema>;
