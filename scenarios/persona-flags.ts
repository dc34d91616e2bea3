// the persona flags every persona scenario command (survey run, discuss, stress) shares — who
// answers (--personas FILE, or generated per --countries by --per-country / --count and
// --design), how deep (--attributes), the persona profile's prompt budget and the bootstrap
// replicates — and their parsers, which turn bad input into one-line UsageErrors.
import type { OptionSpec } from "../core/flags/option-spec.js";
import { UsageError } from "../core/errors.js";
import { parseList, parsePositiveInt, parseSeed } from "../core/flags/flag-values.js";
import type { PersonaSelectionSpec } from "./persona-selection-spec.js";

export const PERSONA_OPTIONS = {
  countries: {
    type: "string",
    valueName: "KEN,DEU",
    description: "countries to simulate (ISO3 or names); with --personas: keep only these",
  },
  "per-country": { type: "string", valueName: "N", description: "personas per country", range: { min: 1, max: 100000 } },
  count: {
    type: "string",
    valueName: "N",
    description: "total personas, split across countries by --design (instead of --per-country)",
    range: { min: 1, max: 1000000 },
  },
  design: { type: "string", valueName: "equal|proportional", description: "how --count is split across countries", default: "equal" },
  personas: {
    type: "string",
    valueName: "FILE.jsonl",
    description: "answer with these personas (a personas.jsonl or run directory) instead of generating them",
  },
  attributes: {
    type: "string",
    valueName: "K",
    description: "attributes per generated persona",
    default: "220",
    range: { min: 20, max: 2000 },
  },
  "profile-tokens": {
    type: "string",
    valueName: "N",
    description: "token budget of the persona profile in the system prompt",
    default: "1500",
    range: { min: 50, max: 100000 },
  },
  "skip-invalid": {
    type: "boolean",
    description: "skip invalid lines of the --personas file (counted in the summary and manifest) instead of stopping at the first",
  },
  bootstrap: {
    type: "string",
    valueName: "N",
    description: "bootstrap replicates for the metrics' 95% CIs (0 = none)",
    default: "500",
    range: { min: 0, max: 100000 },
  },
} satisfies Record<string, OptionSpec>;

/** who takes part, in every persona scenario's flag order */
export const PERSONA_SELECTION_OPTIONS = {
  countries: PERSONA_OPTIONS.countries,
  "per-country": PERSONA_OPTIONS["per-country"],
  count: PERSONA_OPTIONS.count,
  design: PERSONA_OPTIONS.design,
  personas: PERSONA_OPTIONS.personas,
  "skip-invalid": PERSONA_OPTIONS["skip-invalid"],
} satisfies Record<string, OptionSpec>;

export type PersonaDesign = PersonaSelectionSpec["design"];

/** where the personas come from, as given: a file, or the countries to generate them for */
export interface PersonaSourceFlags {
  personasFile?: string;
  countries: string[];
}

/**
 * --personas or --countries with exactly one of --per-country / --count. `example` fills the
 * hint "(e.g. --countries KEN,DEU)"; `withPersonas` ends "drop them when … --personas".
 */
export function parsePersonaSource(
  values: Record<string, unknown>,
  wording: { example: string; withPersonas: string },
): PersonaSourceFlags {
  const personasFile = typeof values.personas === "string" ? values.personas : undefined;
  const countries = values.countries !== undefined ? parseList("countries", values.countries) : [];
  if (!personasFile) {
    if (countries.length === 0)
      throw new UsageError(`--countries is required (e.g. --countries ${wording.example}), or pass --personas FILE.jsonl`);
    if ((values.count === undefined) === (values["per-country"] === undefined))
      throw new UsageError("pass exactly one of --per-country N or --count N (total)");
  } else if (values.count !== undefined || values["per-country"] !== undefined) {
    throw new UsageError(`--per-country/--count generate personas; drop them when ${wording.withPersonas} --personas`);
  }
  return { ...(personasFile ? { personasFile } : {}), countries };
}

export function parseDesign(value: unknown): PersonaDesign {
  const design = String(value);
  if (design !== "equal" && design !== "proportional") throw new UsageError(`--design must be equal or proportional, got '${design}'`);
  return design;
}

/**
 * the persona fields of a scenario spec, in spec order: countries, perCountry, count, design,
 * personasFile, seed. --per-country splits equally (and --design is then not read, unless the
 * caller checked it already and passes it).
 */
export function personaSpecFields(
  values: Record<string, unknown>,
  source: PersonaSourceFlags,
  design?: PersonaDesign,
): PersonaSelectionSpec {
  return {
    countries: source.countries,
    ...(values["per-country"] !== undefined ? { perCountry: parsePositiveInt("per-country", values["per-country"], { max: 100000 }) } : {}),
    ...(values.count !== undefined ? { count: parsePositiveInt("count", values.count, { max: 1000000 }) } : {}),
    design: values["per-country"] !== undefined ? "equal" : (design ?? parseDesign(values.design)),
    ...(source.personasFile ? { personasFile: source.personasFile } : {}),
    ...(source.personasFile && values["skip-invalid"] ? { skipInvalid: true } : {}),
    seed: parseSeed(values.seed),
  };
}

/** --attributes: attributes per generated persona, core included */
export function parseAttributes(values: Record<string, unknown>): number {
  return parsePositiveInt("attributes", values.attributes, { min: 20, max: 2000 });
}

/** --profile-tokens: token budget of the persona profile in a prompt */
export function parseProfileTokens(values: Record<string, unknown>): number {
  return parsePositiveInt("profile-tokens", values["profile-tokens"], { min: 50, max: 100000 });
}

/** --bootstrap: replicates for the metrics' intervals (0 = none) */
export function parseBootstrap(values: Record<string, unknown>): number {
  return parsePositiveInt("bootstrap", values.bootstrap, { min: 0, max: 100000 });
}
