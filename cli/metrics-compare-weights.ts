// `metrics compare --weights rake`: post-stratification weights for the rows of a simulated CSV,
// raked (scenarios/calibrate/rake-persona-weights.ts) to the population tables of the country
// (`--reference wvs:ISO3`, else a `country` column): sex and age columns are required, education
// (lower|middle|higher or an ISCED level) and urban (or urban_rural) are used when present, and a
// `weight` column is the design weight raking starts from. bad input: one UsageError line.
import { UsageError } from "../core/errors.js";
import { parseCsvText } from "../surveys/parse-csv-text.js";
import { resolveCountry } from "../persona-engine/population/load-population-table.js";
import { rakePersonaWeights, type CountryRaking, type RakeablePersona } from "../scenarios/calibrate/rake-persona-weights.js";
import { educationLevel, SEX, URBAN } from "../scenarios/calibrate/read-pilot-csv.js";

export interface CsvWeights {
  /** one weight per data row (mean 1 within a country) */
  weights: Float64Array;
  by_country: Record<string, CountryRaking>;
}

export function csvRakeWeights(text: string, file: string, country: string | undefined): CsvWeights {
  const table = parseCsvText(text);
  const col = (...names: string[]) => table.header.findIndex((h) => names.includes(h.toLowerCase()));
  const sexCol = col("sex");
  const ageCol = col("age");
  if (sexCol < 0 || ageCol < 0)
    throw new UsageError(
      `--weights rake needs sex and age columns in ${file} (education and urban are used when present); or pass --weights none`,
    );
  const countryCol = col("country");
  if (country === undefined && countryCol < 0)
    throw new UsageError(`--weights rake needs the population: use --reference wvs:ISO3 or add a country column to ${file}`);
  const eduCol = col("education", "education_level");
  const urbanCol = col("urban", "urban_rural", "settlement");
  const weightCol = col("weight");
  let fixed: string | undefined;
  if (country !== undefined) {
    try {
      fixed = resolveCountry(country);
    } catch {
      throw new UsageError(`--weights rake: no population tables for '${country}' (deeppersona population list); or pass --weights none`);
    }
  }
  const personas: RakeablePersona[] = table.rows.map((cells, r) => {
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
    let iso3 = fixed;
    if (iso3 === undefined) {
      try {
        iso3 = resolveCountry(cell(countryCol));
      } catch {
        throw new UsageError(
          `${file}:${r + 2}: unknown country '${cell(countryCol)}' for --weights rake; use an ISO3 code with population tables (deeppersona population list)`,
        );
      }
    }
    const age = Number(cell(ageCol));
    const w = Number(cell(weightCol));
    return {
      id: String(r),
      country: iso3,
      sex: SEX[cell(sexCol).toLowerCase()] ?? null,
      age: cell(ageCol) !== "" && Number.isFinite(age) ? age : null,
      education_level: cell(eduCol) ? (educationLevel(cell(eduCol)) ?? null) : null,
      settlement: URBAN[cell(urbanCol).toLowerCase()] ?? null,
      ...(weightCol >= 0 && Number.isFinite(w) && w > 0 ? { weight: w } : {}),
    };
  });
  const raked = rakePersonaWeights(personas);
  return { weights: Float64Array.from(personas, (p) => raked.weights.get(p.id) ?? 1), by_country: raked.by_country };
}
