// reads the shipped country population files (data/populations) through core/package-root,
// validates them with zod once and caches them. country names resolve case-insensitively from an
// ISO3 code or an English name; unknown input fails with close matches.
import { existsSync, readFileSync } from "node:fs";
import { DeepPersonaError, ERROR_CODES, UsageError } from "../../core/errors.js";
import { dataPath } from "../../core/package-root.js";
import {
  CountryPopulationSchema,
  PopulationIndexSchema,
  type CountryPopulation,
  type PopulationIndex,
  type PopulationIndexEntry,
} from "./population-table-schema.js";
import { closeMatches } from "../../core/close-matches.js";

let indexCache: PopulationIndex | undefined;
const tableCache = new Map<string, CountryPopulation>();

function readJson(file: string, what: string): unknown {
  if (!existsSync(file)) {
    throw new DeepPersonaError(
      ERROR_CODES.dataUnavailable,
      `${what} not found at ${file}; run \`npx tsx scripts/build-populations.ts\` to generate data/populations`,
    );
  }
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new DeepPersonaError(ERROR_CODES.dataInvalid, `${what} at ${file} is not valid JSON`, { cause: err });
  }
}

/** the population index: every country with its tables (validated, cached) */
export function loadPopulationIndex(): PopulationIndex {
  if (indexCache) return indexCache;
  const file = dataPath("populations", "index.json");
  const parsed = PopulationIndexSchema.safeParse(readJson(file, "population index"));
  if (!parsed.success) {
    throw new DeepPersonaError(
      ERROR_CODES.dataInvalid,
      `population index ${file} does not match its schema: ${parsed.error.issues[0]?.message ?? ""}`,
    );
  }
  indexCache = parsed.data;
  return indexCache;
}

/** every country with population tables, sorted by ISO3 code */
export function listPopulations(): PopulationIndexEntry[] {
  return loadPopulationIndex().countries;
}

/**
 * an ISO3 code (any case) or an English country name → the ISO3 code of a shipped table.
 * throws a UsageError listing close matches when nothing fits.
 */
export function resolveCountry(input: string): string {
  const countries = listPopulations();
  const q = input.trim();
  const byCode = countries.find((c) => c.country === q.toUpperCase());
  if (byCode) return byCode.country;
  const byName = countries.find((c) => c.name.toLowerCase() === q.toLowerCase());
  if (byName) return byName.country;
  const known = [...countries.map((c) => c.country), ...countries.map((c) => c.name)];
  const hints = closeMatches(q, known).map((h) => {
    const c = countries.find((x) => x.country === h || x.name === h);
    return c ? `${c.country} (${c.name})` : h;
  });
  const unique = [...new Set(hints)];
  throw new UsageError(
    `unknown country '${input}'; ${unique.length ? `close matches: ${unique.join(", ")}` : "no close match"}; run \`deeppersona population list\` for the ${countries.length} countries`,
    { code: ERROR_CODES.invalidInput },
  );
}

/** the validated population file of one country (ISO3 or name) */
export function loadPopulationTable(country: string): CountryPopulation {
  const iso3 = resolveCountry(country);
  const cached = tableCache.get(iso3);
  if (cached) return cached;
  const entry = listPopulations().find((c) => c.country === iso3) as PopulationIndexEntry;
  const file = dataPath("populations", entry.file);
  const parsed = CountryPopulationSchema.safeParse(readJson(file, `population table ${iso3}`));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeepPersonaError(
      ERROR_CODES.dataInvalid,
      `population table ${file} does not match its schema at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? ""}`,
    );
  }
  tableCache.set(iso3, parsed.data);
  return parsed.data;
}
