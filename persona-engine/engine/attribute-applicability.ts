// attributes that cannot apply to a person given their census anchors are not sampled for them
// (a real model would only answer "not applicable", which wastes a slot and tokens). the rules are
// deliberately few and conservative; they match attribute paths (names, not options).
import type { FlatTaxonomy } from "../taxonomy/flatten-taxonomy.js";

export interface ApplicabilityRule {
  id: string;
  pattern: RegExp;
  unless?: RegExp;
  sex?: "female" | "male";
  minAge?: number;
}

export const APPLICABILITY_RULES: readonly ApplicabilityRule[] = [
  {
    id: "female-reproductive",
    pattern: /Pregnancy and Maternal Health|Currently Pregnant|Menstrua|Menopaus|Breastfe/i,
    unless: /Education|Custom|Taboo|Seat/i,
    sex: "female",
  },
  { id: "menopause-age", pattern: /Menopaus/i, minAge: 40 },
  { id: "male-prostate", pattern: /Prostate/i, sex: "male" },
  { id: "grandchildren-age", pattern: /Grandchild/i, minAge: 35 },
];

/** the rules that restrict each leaf (leaves without rules always apply) */
export function applicabilityIndex(taxonomy: FlatTaxonomy): Map<number, ApplicabilityRule[]> {
  const out = new Map<number, ApplicabilityRule[]>();
  for (const leaf of taxonomy.leaves) {
    const rules = APPLICABILITY_RULES.filter((r) => r.pattern.test(leaf.path) && !(r.unless && r.unless.test(leaf.path)));
    if (rules.length) out.set(leaf.index, rules);
  }
  return out;
}

export function appliesTo(rules: readonly ApplicabilityRule[], person: { sex: unknown; age: unknown }): boolean {
  return rules.every((r) => (r.sex === undefined || person.sex === r.sex) && (r.minAge === undefined || Number(person.age) >= r.minAge));
}
