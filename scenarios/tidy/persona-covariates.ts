// the covariates every tidy response row carries, from a persona's census/survey anchors: the
// columns an analyst weights, stratifies or regresses on.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { ageGroup } from "../stress/persona-segments.js";
import { tidyColumns, type TidyColumn, type TidyValue } from "./tidy-table.js";

export const COVARIATE_COLUMNS: TidyColumn[] = [
  ...tidyColumns("string", "sex"),
  ...tidyColumns("int", "age"),
  ...tidyColumns("string", "age_group", "education", "education_level", "urban_rural", "religion"),
  ...tidyColumns("float", "weight"),
];

export function anchorValue(persona: Persona, field: string): string | number | null {
  return persona.anchors.find((a) => a.field === field)?.value ?? null;
}

/** values in COVARIATE_COLUMNS order; all null for an unknown persona */
export function personaCovariates(persona: Persona | undefined): TidyValue[] {
  if (!persona) return COVARIATE_COLUMNS.map(() => null);
  const age = anchorValue(persona, "age");
  const ageNumber = typeof age === "number" ? age : typeof age === "string" ? Number.parseInt(age, 10) : NaN;
  return [
    anchorValue(persona, "sex"),
    Number.isFinite(ageNumber) ? ageNumber : null,
    Number.isFinite(ageNumber) ? ageGroup(ageNumber) : null,
    anchorValue(persona, "education"),
    anchorValue(persona, "education_level"),
    anchorValue(persona, "settlement"),
    anchorValue(persona, "religion"),
    persona.weight,
  ];
}
