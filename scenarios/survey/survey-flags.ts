// `survey run` flags (help defaults read from SurveySpecSchema) and flags → SurveySpec input, with
// one-line UsageErrors for anything wrong (checked before the run directory is touched). light:
// the command module imports this for --help.
import { UsageError } from "../../core/errors.js";
import { parseList, parsePositiveInt } from "../../core/flags/flag-values.js";
import {
  PERSONA_OPTIONS,
  PERSONA_SELECTION_OPTIONS,
  parseBootstrap,
  parsePersonaSource,
  parseProfileTokens,
  personaSpecFields,
} from "../persona-flags.js";
import { withSpecDefaults } from "../run-settings-spec.js";
import { SurveySpecSchema, type SurveyArm, type SurveySpecInput } from "./survey-spec.js";

export const SURVEY_OPTIONS = withSpecDefaults(
  {
    instrument: {
      type: "string",
      valueName: "wvs|bigfive|bfi44|FILE",
      description: "the survey instrument, or your own questionnaire (.yaml/.json; see examples/)",
    },
    reference: {
      type: "string",
      valueName: "FILE.csv",
      description:
        "your own answers (one column per item, optional country, sex, age, education, weight) to score against instead of WVS-7",
    },
    items: { type: "string", valueName: "Q45,Q46", description: "items to ask (default: every closed item of the instrument)" },
    ...PERSONA_SELECTION_OPTIONS,
    samples: {
      type: "string",
      valueName: "N",
      description: "independent answers per persona × item, kept as N rows (never averaged)",
      range: { min: 1, max: 100 },
    },
    mode: {
      type: "string",
      valueName: "isolated|batched",
      description: "isolated: one call per item in a fresh context; batched: the whole instrument in one call",
    },
    answer: {
      type: "string",
      valueName: "sample|logprob",
      description: "sample: a structured answer; logprob: option probabilities from one-token logprobs",
    },
    "min-valid-mass": {
      type: "string",
      valueName: "P",
      description: "logprob: an answer whose valid options hold less than P of the first token's probability is invalid",
      default: "0.5",
    },
    "reverse-half": { type: "boolean", description: "reverse ordinal option order for a seeded random half of personas (default on)" },
    "no-reverse-half": { type: "boolean", description: "show every option list in code order" },
    baseline: {
      type: "string",
      valueName: "NAME",
      multiple: true,
      description:
        "comparison arms next to deep: none | uniform (no model call) | tao2024 | empty (no persona) | demographics | cultural-prompting (repeatable or comma list)",
    },
    depths: {
      type: "string",
      valueName: "25,50,100,220",
      description: "depth ablations: arms deep-<k> showing the first k attributes in walk order (all k always fit)",
    },
    "no-refusal": { type: "boolean", description: "do not offer the explicit refusal answer" },
    attributes: PERSONA_OPTIONS.attributes,
    "profile-tokens": {
      ...PERSONA_OPTIONS["profile-tokens"],
      valueName: "N|all",
      description: "token budget of the deep persona profile in the system prompt; all = the whole profile",
    },
    bootstrap: PERSONA_OPTIONS.bootstrap,
    weights: {
      type: "string",
      valueName: "none|rake",
      description:
        "rake: weight the personas per country to the population tables (sex × age, education, urban) in every share-based metric (Kish-n intervals, unweighted alongside); none: design weights only",
    },
  },
  SurveySpecSchema,
  {
    instrument: "instrument",
    samples: "samples",
    mode: "mode",
    answer: "answer",
    "profile-tokens": "profileTokens",
    bootstrap: "bootstrap",
    weights: "weights",
  },
);

const BASELINES = ["uniform", "tao2024", "empty", "demographics", "cultural-prompting"] as const;

function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[]): T {
  const v = String(value);
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${flag} must be ${allowed.join(" or ")}, got '${v}'`);
  return v as T;
}

export function parseBaselines(values: unknown): SurveyArm[] {
  const given = ((values as string[] | undefined) ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  if (given.length === 0 || (given.length === 1 && given[0] === "none")) return ["deep"];
  const arms: SurveyArm[] = ["deep"];
  for (const g of given) {
    if (g === "none") throw new UsageError("--baseline none cannot be combined with other baselines");
    if (!(BASELINES as readonly string[]).includes(g))
      throw new UsageError(`unknown baseline '${g}'; known: none, ${BASELINES.join(", ")}`);
    if (!arms.includes(g as SurveyArm)) arms.push(g as SurveyArm);
  }
  return arms;
}

/** --depths 25,50,100,220 → arms deep-25, deep-50, … (ascending, distinct) */
export function parseDepths(value: unknown): SurveyArm[] {
  if (value === undefined) return [];
  const ks = parseList("depths", value).map((v) => {
    if (!/^[1-9][0-9]*$/.test(v) || Number(v) > 5000)
      throw new UsageError(`--depths takes attribute counts 1..5000 (e.g. --depths 25,50,100,220), got '${v}'`);
    return Number(v);
  });
  return [...new Set(ks)].sort((a, b) => a - b).map((k) => `deep-${k}` as SurveyArm);
}

/** survey run's flags → the spec input (SurveySpecSchema fills in nothing the flags gave) */
export function surveySpecFromFlags(v: Record<string, unknown>): SurveySpecInput {
  const source = parsePersonaSource(v, { example: "KEN,DEU", withPersonas: "answering with" });
  if (v["reverse-half"] && v["no-reverse-half"])
    throw new UsageError("--reverse-half and --no-reverse-half contradict each other; pass one");
  const mode = oneOf("mode", v.mode, ["isolated", "batched"] as const);
  const answer = oneOf("answer", v.answer, ["sample", "logprob"] as const);
  if (answer === "logprob" && mode === "batched")
    throw new UsageError("--answer logprob asks one item per call; use --mode isolated with it");
  const items = v.items !== undefined ? [...new Set(parseList("items", v.items))] : undefined;
  return {
    instrument: String(v.instrument),
    ...(typeof v.reference === "string" ? { reference: v.reference } : {}),
    ...(items ? { items } : {}),
    ...personaSpecFields(v, source),
    samples: parsePositiveInt("samples", v.samples, { max: 100 }),
    mode,
    answer,
    ...(answer === "logprob" ? { minValidMass: parseMinValidMass(v["min-valid-mass"]) } : {}),
    reverseHalf: !v["no-reverse-half"],
    arms: [...parseBaselines(v.baseline), ...parseDepths(v.depths)],
    allowRefusal: !v["no-refusal"],
    profileTokens: v["profile-tokens"] === "all" ? "all" : parseProfileTokens(v),
    bootstrap: parseBootstrap(v),
    weights: oneOf("weights", v.weights, ["none", "rake"] as const),
  };
}

function parseMinValidMass(raw: unknown): number {
  const p = Number(raw ?? 0.5);
  if (!Number.isFinite(p) || p < 0 || p > 1)
    throw new UsageError(`--min-valid-mass must be a probability between 0 and 1, got '${String(raw)}'`);
  return p;
}
