// the readable vocabularies of the demographic variables (the LLM sees these words). the build
// script maps source codes (WVS-7, Pew) onto them; the sampler and the record schema use them.

export const SEXES = ["female", "male"] as const;

/** WVS-7 Q275R: lower = ISCED 0-2, middle = ISCED 3-4, higher = ISCED 5-8 */
export const EDUCATION_LEVELS = ["lower", "middle", "higher"] as const;

/** WVS-7 Q275 (ISCED 2011), codes 0..8 in this order */
export const EDUCATIONS = [
  "early childhood or no education",
  "primary",
  "lower secondary",
  "upper secondary",
  "post-secondary non-tertiary",
  "short-cycle tertiary",
  "bachelor or equivalent",
  "master or equivalent",
  "doctoral or equivalent",
] as const;

/** WVS-7 Q273, codes 1..6 in this order */
export const MARITAL_STATUSES = ["married", "living together as married", "divorced", "separated", "widowed", "single"] as const;

/** WVS-7 Q279, codes 1..8 in this order */
export const EMPLOYMENTS = ["full time", "part time", "self-employed", "retired", "homemaker", "student", "unemployed", "other"] as const;

/** WVS-7 Q281 (current or last job), codes 0..11 in this order; "other" is only used in JPN, KGZ, TJK */
export const OCCUPATION_GROUPS = [
  "never had a job",
  "professional and technical",
  "higher administrative",
  "clerical",
  "sales",
  "service",
  "skilled worker",
  "semi-skilled worker",
  "unskilled worker",
  "farm worker",
  "farm owner or manager",
  "other",
] as const;

/** WVS-7 Q288: self-placed step on a 10-step income scale (1 = lowest) — a subjective proxy, not a measured decile */
export const INCOME_DECILES = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"] as const;

/** broad religious groups of Pew 2020; WVS-7 denominations are mapped onto them where Pew has no figure */
export const RELIGIONS = ["christian", "muslim", "unaffiliated (no religion)", "buddhist", "hindu", "jewish", "other religion"] as const;

/** WVS-7 Q289 major denominations (code 0 → "none") */
export const RELIGIOUS_DENOMINATIONS = [
  "none",
  "roman catholic",
  "protestant",
  "orthodox christian",
  "jewish",
  "muslim",
  "hindu",
  "buddhist",
  "other christian",
  "other religion",
] as const;

/** WVS-7 H_URBRURAL */
export const SETTLEMENTS = ["urban", "rural"] as const;

/** WVS-7 Q270 people in the household; "7" means seven or more (WVS top-codes 7 in some countries) */
export const HOUSEHOLD_SIZES = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** the variables of a country population file, in sampling order */
export const POPULATION_VARIABLES = [
  "age_sex",
  "education_level",
  "education",
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
export type PopulationVariable = (typeof POPULATION_VARIABLES)[number];

/** the vocabulary of every categorical variable (age_sex and region excepted) */
export const VARIABLE_LEVELS: Readonly<Record<Exclude<PopulationVariable, "age_sex" | "region">, readonly string[]>> = {
  education_level: EDUCATION_LEVELS,
  education: EDUCATIONS,
  marital_status: MARITAL_STATUSES,
  employment: EMPLOYMENTS,
  occupation_group: OCCUPATION_GROUPS,
  income_decile: INCOME_DECILES,
  religion: RELIGIONS,
  religious_denomination: RELIGIOUS_DENOMINATIONS,
  settlement: SETTLEMENTS,
  household_size: HOUSEHOLD_SIZES,
};

/** WVS-7 age groups of the sex × age × education cells (16-29 in WVS; applied to adults 18-29) */
export const EDUCATION_AGE_GROUPS = [
  [18, 29],
  [30, 49],
  [50, 104],
] as const;

/** oldest integer age drawn: the WPP open band 100+ is drawn uniformly as 100-104 */
export const MAX_AGE = 104;

/** "18-29", or "50+" when the band is open (reaches MAX_AGE) */
export function ageBandLabel(lo: number, hi: number): string {
  return hi >= MAX_AGE ? `${lo}+` : `${lo}-${hi}`;
}

/** WVS-7 joint tables' age groups (age6): 18-24 … 55-64, 65+ */
export const AGE6_GROUPS = [
  [18, 24],
  [25, 34],
  [35, 44],
  [45, 54],
  [55, 64],
  [65, 104],
] as const;
