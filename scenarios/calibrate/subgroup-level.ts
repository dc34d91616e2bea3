// the subgroup a persona or a pilot respondent belongs to, for the per-subgroup bias correction of
// `calibrate`: the levels of the chosen dimensions joined with "|" ("female|30-49"); null when one
// of them is unknown (the respondent then falls into the pooled remainder).
import { ageBand } from "./population-rake-targets.js";

export const SUBGROUP_DIMENSIONS = ["sex", "age3", "education", "urban"] as const;
export type SubgroupDimensionName = (typeof SUBGROUP_DIMENSIONS)[number];

export interface SubgroupFields {
  sex?: string | null;
  age?: number | null;
  education_level?: string | null;
  settlement?: string | null;
}

function levelOf(x: SubgroupFields, dim: SubgroupDimensionName): string | null {
  if (dim === "sex") return x.sex === "female" || x.sex === "male" ? x.sex : null;
  if (dim === "age3") return ageBand(x.age);
  if (dim === "education") return x.education_level ?? null;
  return x.settlement ?? null;
}

export function subgroupLevel(x: SubgroupFields, dims: readonly SubgroupDimensionName[]): string | null {
  const levels = dims.map((d) => levelOf(x, d));
  return levels.some((l) => l === null) ? null : levels.join("|");
}
