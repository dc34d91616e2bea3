// the anchored stable core (paper steps 1–2): demographic fields drawn from country tables become
// anchors and core attributes at fixed taxonomy paths, each tagged with its source table.
import type { Anchor, PersonaAttribute, ValueSource } from "../persona/persona-schema.js";

const DEMO = "Demographic Information";

/** anchor field → taxonomy path of the attribute it fills */
export const ANCHOR_PATHS: Record<string, string> = {
  country: `${DEMO} > Location and Residence > Country of Residence`,
  sex: `${DEMO} > Sex and Gender > Sex`,
  age: `${DEMO} > Age and Life Stage > Age`,
  region: `${DEMO} > Location and Residence > Home Region`,
  settlement: `${DEMO} > Location and Residence > Settlement Type`,
  education: `${DEMO} > Educational Attainment > Highest Education Level`,
  marital_status: `${DEMO} > Household and Marital Status > Marital Status`,
  household_size: `${DEMO} > Household and Marital Status > Household Size`,
  employment: `${DEMO} > Employment and Income > Employment Status`,
  occupation_group: `${DEMO} > Employment and Income > Occupation Group`,
  income_decile: `${DEMO} > Employment and Income > Household Income Decile`,
  religion: `${DEMO} > Religion and Affiliation > Religious Affiliation`,
};

/** paths the identity call (LLM) fills as core attributes */
export const IDENTITY_PATHS = {
  full_name: `${DEMO} > Names and Identity > Full Name`,
  home_region: `${DEMO} > Location and Residence > Home Region`,
  home_city: `${DEMO} > Location and Residence > Home City or Town`,
} as const;

/** the population record fields the engine reads (persona-engine/population supplies them) */
export interface DemographicLike {
  country: string;
  sex: string;
  age: number;
  sources?: Record<string, string | undefined>;
  weight?: number;
  [field: string]: unknown;
}

/**
 * census (UN WPP, Pew) vs survey-based tables (WVS-7 for this country) vs modelled tables (fitted
 * from donor countries, "wvs7-model.*", or another country's table standing in, "wvs7-donor.*")
 * vs no table
 */
export function sourceOfTable(table: string | undefined): ValueSource {
  if (!table || /unavailable/i.test(table)) return "unavailable";
  if (/wpp|pew|census|un[-_ ]?pop/i.test(table)) return "census";
  if (/model|donor/i.test(table)) return "modelled";
  return "survey-table";
}

/** the income anchor: WVS-7 Q288 is a SUBJECTIVE self-placement on a 10-step scale, not a measured decile */
export const INCOME_ANCHOR_FIELD = "subjective_income";
export function formatIncomeStep(step: number): string {
  return `step ${step} of 10 on the subjective income scale (self-placed, WVS Q288: 1 = lowest, 10 = highest income group in the country; not a measured decile)`;
}

function formatValue(field: string, value: unknown, countryName: string): string | number | null {
  if (value === null || value === undefined || value === "") return null;
  if (field === "country") return countryName;
  if (field === "income_decile" && typeof value === "number") return formatIncomeStep(value);
  if (field === "household_size" && typeof value === "number") return `${value} ${value === 1 ? "person" : "people"}`;
  return typeof value === "number" ? value : String(value);
}

/** anchor fields in prompt order; those in ANCHOR_PATHS also become core attributes */
export const ANCHOR_FIELDS = [
  "country",
  "sex",
  "age",
  "settlement",
  "region",
  "education",
  "education_level",
  "marital_status",
  "household_size",
  "employment",
  "occupation_group",
  "income_decile",
  "religion",
  "religious_denomination",
] as const;

export function anchorsFromRecord(record: DemographicLike, countryName: string): { anchors: Anchor[]; core: PersonaAttribute[] } {
  const anchors: Anchor[] = [];
  const core: PersonaAttribute[] = [];
  for (const field of ANCHOR_FIELDS) {
    if (!(field in record)) continue;
    const path = ANCHOR_PATHS[field];
    const table = field === "country" ? (record.sources?.age ?? record.sources?.sex) : record.sources?.[field];
    const source = field === "country" ? "census" : sourceOfTable(table);
    const value = formatValue(field, record[field], countryName);
    anchors.push({
      field: field === "income_decile" ? INCOME_ANCHOR_FIELD : field,
      value,
      source,
      ...(table && source !== "unavailable" ? { table } : {}),
    });
    if (!path) continue;
    const at = { path, category: DEMO, tier: "core" } as const;
    if (value === null) {
      const what = field === "income_decile" ? "subjective income" : field.replace(/_/g, " ");
      core.push({ ...at, status: "unfilled", value: null, source: "unavailable", reason: `no ${what} table for ${record.country}` });
    } else {
      core.push({
        ...at,
        status: "filled",
        value: field === "age" ? `${value} years` : String(value),
        source,
        ...(table ? { table } : {}),
      });
    }
  }
  return { anchors, core };
}
