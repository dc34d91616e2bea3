// `survey run` flags → a validated SurveySpec plus the run settings, with one-line UsageErrors
// for anything wrong (checked before the run directory is touched).
import type { OptionSpec } from "./command.js";
import { UsageError } from "../core/errors.js";
import { parseList, parsePositiveInt, parsePositiveNumber, parseSeed } from "./run-options.js";
import type { SurveyArm, SurveySpec } from "../scenarios/survey/survey-spec.js";

export const SURVEY_OPTIONS: Record<string, OptionSpec> = {
  instrument: { type: "string", valueName: "wvs|bigfive|bfi44", description: "the survey instrument", default: "wvs" },
  items: { type: "string", valueName: "Q45,Q46", description: "items to ask (default: every closed item of the instrument)" },
  countries: { type: "string", valueName: "KEN,DEU", description: "countries to simulate (ISO3 or names); with --personas: keep only these" },
  "per-country": { type: "string", valueName: "N", description: "personas per country" },
  count: { type: "string", valueName: "N", description: "total personas, split across countries by --design (instead of --per-country)" },
  design: { type: "string", valueName: "equal|proportional", description: "how --count is split across countries", default: "equal" },
  personas: { type: "string", valueName: "FILE.jsonl", description: "answer with these personas (a personas.jsonl or run directory) instead of generating them" },
  samples: { type: "string", valueName: "N", description: "independent answers per persona × item, kept as N rows (never averaged)", default: "1" },
  mode: { type: "string", valueName: "isolated|batched", description: "isolated: one call per item in a fresh context; batched: the whole instrument in one call", default: "isolated" },
  answer: { type: "string", valueName: "sample|logprob", description: "sample: a structured answer; logprob: option probabilities from one-token logprobs", default: "sample" },
  "reverse-half": { type: "boolean", description: "reverse ordinal option order for a seeded random half of personas (default on)" },
  "no-reverse-half": { type: "boolean", description: "show every option list in code order" },
  baseline: { type: "string", valueName: "NAME", multiple: true, description: "comparison arms: none | cultural-prompting | demographics (repeatable or comma list)" },
  "no-refusal": { type: "boolean", description: "do not offer the explicit refusal answer" },
  attributes: { type: "string", valueName: "K", description: "attributes per generated persona", default: "220" },
  "profile-tokens": { type: "string", valueName: "N", description: "token budget of the persona profile in the system prompt", default: "1500" },
  bootstrap: { type: "string", valueName: "N", description: "bootstrap replicates for the metrics' 95% CIs (0 = none)", default: "500" },
};

const BASELINES = ["cultural-prompting", "demographics"] as const;

export interface SurveySettings {
  spec: SurveySpec;
  out: string;
  concurrency: number;
  rpm?: number;
  budgetUsd?: number;
  attributes: number;
}

function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[]): T {
  const v = String(value);
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${flag} must be ${allowed.join(" or ")}, got '${v}'`);
  return v as T;
}

export function parseBaselines(values: unknown): SurveyArm[] {
  const given = ((values as string[] | undefined) ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  if (given.length === 0 || (given.length === 1 && given[0] === "none")) return ["deep"];
  const arms: SurveyArm[] = ["deep"];
  for (const g of given) {
    if (g === "none") throw new UsageError("--baseline none cannot be combined with other baselines");
    if (!(BASELINES as readonly string[]).includes(g)) throw new UsageError(`unknown baseline '${g}'; known: none, ${BASELINES.join(", ")}`);
    if (!arms.includes(g as SurveyArm)) arms.push(g as SurveyArm);
  }
  return arms;
}

export function parseSurveyOptions(v: Record<string, unknown>): SurveySettings {
  if (typeof v.out !== "string" || !v.out.trim()) throw new UsageError("--out DIR is required (the run directory to write)");
  const personasFile = typeof v.personas === "string" ? v.personas : undefined;
  const countries = v.countries !== undefined ? parseList("countries", v.countries) : [];
  if (!personasFile) {
    if (countries.length === 0) throw new UsageError("--countries is required (e.g. --countries KEN,DEU), or pass --personas FILE.jsonl");
    if ((v.count === undefined) === (v["per-country"] === undefined)) throw new UsageError("pass exactly one of --per-country N or --count N (total)");
  } else if (v.count !== undefined || v["per-country"] !== undefined) {
    throw new UsageError("--per-country/--count generate personas; drop them when answering with --personas");
  }
  if (v["reverse-half"] && v["no-reverse-half"]) throw new UsageError("--reverse-half and --no-reverse-half contradict each other; pass one");
  const mode = oneOf("mode", v.mode, ["isolated", "batched"] as const);
  const answer = oneOf("answer", v.answer, ["sample", "logprob"] as const);
  if (answer === "logprob" && mode === "batched") throw new UsageError("--answer logprob asks one item per call; use --mode isolated with it");
  const items = v.items !== undefined ? [...new Set(parseList("items", v.items))] : undefined;
  const spec: SurveySpec = {
    instrument: String(v.instrument),
    ...(items ? { items } : {}),
    countries,
    ...(v["per-country"] !== undefined ? { perCountry: parsePositiveInt("per-country", v["per-country"], { max: 100000 }) } : {}),
    ...(v.count !== undefined ? { count: parsePositiveInt("count", v.count, { max: 1000000 }) } : {}),
    design: v["per-country"] !== undefined ? "equal" : oneOf("design", v.design, ["equal", "proportional"] as const),
    ...(personasFile ? { personasFile } : {}),
    seed: parseSeed(v.seed),
    samples: parsePositiveInt("samples", v.samples, { max: 100 }),
    mode,
    answer,
    reverseHalf: !v["no-reverse-half"],
    arms: parseBaselines(v.baseline),
    allowRefusal: !v["no-refusal"],
    profileTokens: parsePositiveInt("profile-tokens", v["profile-tokens"], { min: 50, max: 100000 }),
    bootstrap: parsePositiveInt("bootstrap", v.bootstrap, { min: 0, max: 100000 }),
  };
  return {
    spec,
    out: v.out,
    concurrency: parsePositiveInt("concurrency", v.concurrency, { max: 1024 }),
    ...(v.rpm !== undefined ? { rpm: parsePositiveInt("rpm", v.rpm) } : {}),
    ...(v["budget-usd"] !== undefined ? { budgetUsd: parsePositiveNumber("budget-usd", v["budget-usd"]) } : {}),
    attributes: parsePositiveInt("attributes", v.attributes, { min: 20, max: 2000 }),
  };
}
