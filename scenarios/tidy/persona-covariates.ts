// the covariates every tidy response row carries, from a persona's census/survey anchors: the
// columns an analyst weights, stratifies or regresses on.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { ageGroup } from "../stress/persona-segments.js";
import type { TidyColumn, TidyValue } from "./tidy-table.js";

export const COVARIATE_COLUMNS: TidyColumn[] = [
  { name: "sex", type: "string" },
  { name: "age", type: "int" },
  { name: "age_group", type: "string" },
  { name: "education", type: "string" },
  { name: "education_level", type: "string" },
  { name: "urban_rural", type: "string" },
  { name: "religion", type: "string" },
  { name: "weight", type: "float" },
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
