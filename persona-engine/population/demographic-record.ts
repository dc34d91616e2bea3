// one census-grounded demographic record: what the persona engine anchors a persona on.
// every field has a readable value (or null when no table exists for the country) and cites the
// table it was drawn from in `sources` ("unavailable" when null).
import { z } from "zod";
import {
  EDUCATIONS,
  EDUCATION_LEVELS,
  EMPLOYMENTS,
  MARITAL_STATUSES,
  MAX_AGE,
  OCCUPATION_GROUPS,
  RELIGIONS,
  RELIGIOUS_DENOMINATIONS,
  SETTLEMENTS,
  SEXES,
} from "./population-labels.js";

/** the drawn fields, in output order (csv columns follow it) */
export const DEMOGRAPHIC_FIELDS = [
  "sex",
  "age",
  "education",
  "education_level",
  "marital_status",
  "employment",
  "occupation_group",
  "income_decile",
  "religion",
  "religious_denomination",
  "settlement",
  "household_size",
  "region",
] as const;
export type DemographicField = (typeof DEMOGRAPHIC_FIELDS)[number];

export const UNAVAILABLE_SOURCE = "unavailable";

export const DemographicSourcesSchema = z.object(
  Object.fromEntries(DEMOGRAPHIC_FIELDS.map((f) => [f, z.string()])) as Record<DemographicField, z.ZodString>,
);

export const DemographicRecordSchema = z.object({
  /** position in the sample (0-based) */
  index: z.number().int().min(0),
  /** ISO3 code */
  country: z.string().regex(/^[A-Z]{3}$/),
  country_name: z.string(),
  sex: z.enum(SEXES),
  /** integer years, 18-104 (uniform inside the WPP 5-year band) */
  age: z.number().int().min(18).max(MAX_AGE),
  /** highest education, ISCED 2011 level in words */
  education: z.enum(EDUCATIONS).nullable(),
  /** lower = ISCED 0-2, middle = 3-4, higher = 5-8 */
  education_level: z.enum(EDUCATION_LEVELS).nullable(),
  marital_status: z.enum(MARITAL_STATUSES).nullable(),
  employment: z.enum(EMPLOYMENTS).nullable(),
  /** occupational group of the current or last job */
  occupation_group: z.enum(OCCUPATION_GROUPS).nullable(),
  /**
   * 1-10: self-placed step on the WVS-7 Q288 10-step income scale — SUBJECTIVE, not a measured
   * decile (the field keeps its historical name; anchors present it as "subjective income")
   */
  income_decile: z.number().int().min(1).max(10).nullable(),
  /** broad group (Pew 2020 where available) */
  religion: z.enum(RELIGIONS).nullable(),
  religious_denomination: z.enum(RELIGIOUS_DENOMINATIONS).nullable(),
  settlement: z.enum(SETTLEMENTS).nullable(),
  /** people in the household; 7 means seven or more */
  household_size: z.number().int().min(1).max(7).nullable(),
  /** sub-national region: no table exists yet, always null */
  region: z.string().nullable(),
  /**
   * post-stratification weight back to the tables: (population share of the record's stratum)
   * / (sample share of that stratum); strata are country × quota cell. 1 for a plain
   * single-country sample.
   */
  weight: z.number().min(0),
  /** field → id of the table it was drawn from ("unavailable" when the value is null) */
  sources: DemographicSourcesSchema,
});
export type DemographicRecord = z.infer<typeof DemographicRecordSchema>;

export type SourceKind = "census" | "survey-table" | "modelled" | "unavailable";

/**
 * how a table id should be described to a reader: census-grade reference (UN WPP, Pew), a survey
 * table of the country itself (WVS-7), modelled (a "wvs7-model.*" table fitted from donor
 * countries, or a "wvs7-donor.*" table of another country standing in), or none
 */
export function sourceKindOf(tableId: string): SourceKind {
  if (tableId === UNAVAILABLE_SOURCE) return "unavailable";
  if (tableId.startsWith("wpp2019") || tableId.startsWith("pew2020")) return "census";
  if (tableId.startsWith("wvs7-model.") || tableId.startsWith("wvs7-donor.")) return "modelled";
  return "survey-table";
}

/** the record as persona anchors: [{field, value, source, table}] in field order, country first */
export function demographicAnchors(
  record: DemographicRecord,
): { field: string; value: string | number | null; source: SourceKind; table?: string }[] {
  const out: { field: string; value: string | number | null; source: SourceKind; table?: string }[] = [
    { field: "country", value: record.country_name, source: "census" },
  ];
  for (const f of DEMOGRAPHIC_FIELDS) {
    const table = record.sources[f];
    const kind = sourceKindOf(table);
    out.push({ field: f, value: record[f], source: kind, ...(kind === "unavailable" ? {} : { table }) });
  }
  return out;
}
