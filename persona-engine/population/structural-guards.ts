// structural guards applied on top of the country tables, and the plausibility rules that
// `population check` counts. the tables are survey aggregates per age GROUP (18-24, 25-34, …) and
// carry small-cell noise; a guard removes a level where it is impossible for the drawn integer age
// or the drawn employment, and the row is renormalised over the remaining levels.
// documented (with the rates they remove) in persona-engine/population/README.md.
import type { DemographicRecord } from "./demographic-record.js";

/** youngest age at which each tertiary ISCED level can be held (typical programme lengths) */
export const ISCED_MIN_AGE: Readonly<Record<string, number>> = {
  "short-cycle tertiary": 19,
  "bachelor or equivalent": 20,
  "master or equivalent": 22,
  "doctoral or equivalent": 25,
};

/** the employment levels that mean "has a job now" (their occupation cannot be "never had a job") */
export const WORKING: readonly string[] = ["full time", "part time", "self-employed"];

export interface StructuralGuard {
  id: string;
  variable: "marital_status" | "employment" | "occupation_group";
  /** the level that is removed … */
  level: string;
  /** … when the record is younger than this … */
  ageBelow?: number;
  /** … or its employment is one of these */
  employmentIn?: readonly string[];
  description: string;
}

/** guards on the chained draws (the ISCED guards live in ISCED_MIN_AGE, applied to the core joint) */
export const STRUCTURAL_GUARDS: readonly StructuralGuard[] = [
  { id: "no-widowed-under-20", variable: "marital_status", level: "widowed", ageBelow: 20, description: "no widow(er)s aged 18-19" },
  {
    id: "no-retired-under-30",
    variable: "employment",
    level: "retired",
    ageBelow: 30,
    description: "no retirement before 30; at 30-39 the country's own sex × age-group row decides (most show none)",
  },
  {
    id: "working-has-had-a-job",
    variable: "occupation_group",
    level: "never had a job",
    employmentIn: WORKING,
    description: "people working full time, part time or self-employed have had a job",
  },
];

export interface PlausibilityRule {
  id: string;
  description: string;
  /** true when the record breaks the rule */
  test: (r: DemographicRecord) => boolean;
}

const heldBelow = (level: string) => (r: DemographicRecord) => r.education === level && r.age < (ISCED_MIN_AGE[level] as number);

/** the combinations counted as impossible by `population check` (plausibility block) */
export const PLAUSIBILITY_RULES: readonly PlausibilityRule[] = [
  { id: "doctorate-under-25", description: "doctoral degree before age 25", test: heldBelow("doctoral or equivalent") },
  { id: "master-under-22", description: "master's degree before age 22", test: heldBelow("master or equivalent") },
  { id: "bachelor-under-20", description: "bachelor's degree before age 20", test: heldBelow("bachelor or equivalent") },
  { id: "short-tertiary-under-19", description: "short-cycle tertiary degree before age 19", test: heldBelow("short-cycle tertiary") },
  { id: "retired-under-30", description: "retired before age 30", test: (r) => r.employment === "retired" && r.age < 30 },
  { id: "widowed-under-20", description: "widowed before age 20", test: (r) => r.marital_status === "widowed" && r.age < 20 },
  {
    id: "working-never-had-a-job",
    description: "working (full time, part time, self-employed) but 'never had a job'",
    test: (r) => r.occupation_group === "never had a job" && r.employment !== null && WORKING.includes(r.employment),
  },
  {
    id: "full-time-at-90-plus",
    description: "working full time at age 90 or over (not guarded: measures the 65+ row's tail)",
    test: (r) => r.employment === "full time" && r.age >= 90,
  },
];
