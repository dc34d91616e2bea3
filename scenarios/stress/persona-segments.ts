// the persona segments the stress metrics break down by, read from the persona's anchors (census
// and survey tables, never the model): country, sex, age group, religion, education level.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";

export const SEGMENT_KINDS = ["country", "sex", "age_group", "religion", "education_level"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];
export type PersonaSegments = Record<SegmentKind, string>;

export const UNKNOWN_SEGMENT = "unknown";

/** 18–29, 30–44, 45–59, 60+ */
export function ageGroup(age: number): string {
  if (age < 30) return "18-29";
  if (age < 45) return "30-44";
  if (age < 60) return "45-59";
  return "60+";
}

function anchor(persona: Persona, field: string): string | number | null {
  const value = persona.anchors.find((a) => a.field === field)?.value;
  return value === undefined || value === "" ? null : value;
}

export function personaSegments(persona: Persona): PersonaSegments {
  const age = anchor(persona, "age");
  const ageNumber = typeof age === "number" ? age : typeof age === "string" ? Number.parseInt(age, 10) : NaN;
  const text = (v: string | number | null) => (v === null ? UNKNOWN_SEGMENT : String(v).trim().toLowerCase() || UNKNOWN_SEGMENT);
  return {
    country: persona.country,
    sex: text(anchor(persona, "sex")),
    age_group: Number.isFinite(ageNumber) ? ageGroup(ageNumber) : UNKNOWN_SEGMENT,
    religion: text(anchor(persona, "religion")),
    // the harmonised level (low / middle / high) when the tables have it, else the ISCED label
    education_level: text(anchor(persona, "education_level") ?? anchor(persona, "education")),
  };
}
