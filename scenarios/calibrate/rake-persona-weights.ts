// post-stratification weights for a run's personas: per country, raking (surveys/metrics/
// rake-weights.ts) from the personas' design weights to the country's population tables (sex × age
// band, education level, settlement; population-rake-targets.ts). weights have mean 1 within each
// country; Kish's effective n says what the weighting costs in precision.
import { levelSums, rakeWeights } from "../../surveys/metrics/rake-weights.js";
import type { PersonaInfo } from "../survey/item-distribution-metrics.js";
import { ageBand, populationRakeTargets } from "./population-rake-targets.js";

/** what raking needs of a persona: country, design weight, sex, age, education level, settlement */
export type RakeablePersona = PersonaInfo;

export interface CountryRaking {
  n: number;
  kish_n: number;
  converged: boolean;
  max_error: number;
  dimensions: string[];
}

/** a raking margin's level: the population target, the sample's unweighted share and the raked share (among personas with a known level) */
export interface MarginLevel {
  target: number;
  unweighted: number;
  weighted: number;
}

export interface PersonaWeights {
  /** persona id → raked weight (mean 1 within its country) */
  weights: Map<string, number>;
  by_country: Record<string, CountryRaking>;
  /** country → dimension → level → target, unweighted and weighted share */
  margins: Record<string, Record<string, Record<string, MarginLevel>>>;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** the share of `level` among the units with a targeted level */
const shareOf = ({ sums, total }: ReturnType<typeof levelSums>, level: string) => (total > 0 ? (sums.get(level) ?? 0) / total : 0);

/** weights are trimmed at this multiple of the mean (limits the variance a few personas can add) */
export const RAKE_WEIGHT_CAP = 5;

export function rakePersonaWeights(personas: readonly RakeablePersona[]): PersonaWeights {
  const weights = new Map<string, number>();
  const byCountry: Record<string, CountryRaking> = {};
  const margins: PersonaWeights["margins"] = {};
  for (const country of [...new Set(personas.map((p) => p.country))].sort()) {
    const group = personas.filter((p) => p.country === country);
    const targets = populationRakeTargets(country);
    const units = group.map((p) => {
      const sex = p.sex === "female" || p.sex === "male" ? p.sex : null;
      const band = ageBand(p.age);
      return {
        sex_age: sex && band ? `${sex}|${band}` : null,
        education_level: p.education_level ?? null,
        settlement: p.settlement ?? null,
      };
    });
    const r = rakeWeights({ units, targets, base: group.map((p) => p.weight ?? 1), cap: RAKE_WEIGHT_CAP });
    group.forEach((p, i) => weights.set(p.id, r.weights[i] ?? 1));
    const ones = units.map(() => 1);
    margins[country] = Object.fromEntries(
      Object.entries(targets).map(([dim, shares]) => {
        const un = levelSums(units, dim, shares, ones);
        const wt = levelSums(units, dim, shares, r.weights);
        return [
          dim,
          Object.fromEntries(
            Object.keys(shares).map((l) => [
              l,
              { target: round6(shares[l] as number), unweighted: round6(shareOf(un, l)), weighted: round6(shareOf(wt, l)) },
            ]),
          ),
        ];
      }),
    );
    byCountry[country] = {
      n: group.length,
      kish_n: Number(r.kish_n.toFixed(3)),
      converged: r.converged,
      max_error: Number(r.max_error.toExponential(3)),
      dimensions: Object.keys(targets),
    };
  }
  return { weights, by_country: byCountry, margins };
}
