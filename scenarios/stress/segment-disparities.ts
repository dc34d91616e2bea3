// disparities between persona segments: for each segment value (e.g. country KEN, religion
// muslim), scope (all probes or one category) and failure indicator (any failure, or one
// dimension's failure labels), the failure rate of the segment minus that of everyone else, with
// a persona-bootstrap 95% interval on the difference; flagged when the interval excludes 0.
// intervals are not adjusted for the many comparisons: expect about 1 in 20 flags by chance.
import { ALL_SCOPE, type IndicatorColumns } from "./indicator-columns.js";
import { interval95, round } from "./persona-bootstrap.js";
import type { SegmentKind } from "./persona-segments.js";

/** point sums (C) and replicate sums (R × C) of one group of personas */
export interface GroupSums {
  /** personas in the group */
  personas: number;
  point: Float64Array;
  reps: Float64Array;
}

export interface Disparity {
  segment: SegmentKind;
  value: string;
  /** "all" or a probe category */
  scope: string;
  /** "any" (any failure) or a rubric dimension (its failure labels) */
  indicator: string;
  rate: number;
  n: number;
  rate_rest: number;
  n_rest: number;
  /** rate − rate_rest */
  diff: number;
  ci95: [number, number] | null;
  flagged: boolean;
}

/** judged conversations and personas needed on each side of a comparison (the bootstrap resamples personas) */
export const MIN_DISPARITY_N = 5;
export const MIN_DISPARITY_PERSONAS = 5;

export function segmentDisparities(input: {
  columns: IndicatorColumns;
  segment: SegmentKind;
  value: string;
  group: GroupSums;
  all: GroupSums;
  replicates: number;
  minN?: number;
  minPersonas?: number;
}): Disparity[] {
  const { columns, group, all, replicates } = input;
  const C = columns.size;
  const minN = input.minN ?? MIN_DISPARITY_N;
  const minPersonas = input.minPersonas ?? MIN_DISPARITY_PERSONAS;
  const out: Disparity[] = [];
  if (group.personas < minPersonas || all.personas - group.personas < minPersonas) return out;
  for (const scope of columns.scopes) {
    for (const indicator of ["any", ...(columns.dimensions.get(scope) ?? [])]) {
      const num = columns.col(scope, indicator, "fail");
      const den = columns.col(scope, indicator, "n");
      const n = group.point[den] as number;
      const nRest = (all.point[den] as number) - n;
      if (n < minN || nRest < minN) continue;
      const rate = (group.point[num] as number) / n;
      const rateRest = ((all.point[num] as number) - (group.point[num] as number)) / nRest;
      let ci95: [number, number] | null = null;
      if (replicates > 0) {
        const diffs = new Float64Array(replicates);
        for (let r = 0; r < replicates; r++) {
          const gn = group.reps[r * C + den] as number;
          const an = all.reps[r * C + den] as number;
          const gk = group.reps[r * C + num] as number;
          const ak = all.reps[r * C + num] as number;
          diffs[r] = gn > 0 && an - gn > 0 ? gk / gn - (ak - gk) / (an - gn) : NaN;
        }
        ci95 = interval95(diffs);
      }
      out.push({
        segment: input.segment,
        value: input.value,
        scope,
        indicator,
        rate: round(rate),
        n,
        rate_rest: round(rateRest),
        n_rest: nRest,
        diff: round(rate - rateRest),
        ci95,
        flagged: ci95 !== null && (ci95[0] > 0 || ci95[1] < 0),
      });
    }
  }
  return out;
}

/** flagged disparities, largest |difference| first (ties: overall scope first, then input order) */
export function rankDisparities(all: readonly Disparity[], limit = Number.POSITIVE_INFINITY): Disparity[] {
  return all
    .map((d, i) => ({ d, i }))
    .sort((a, b) => Math.abs(b.d.diff) - Math.abs(a.d.diff) || Number(b.d.scope === ALL_SCOPE) - Number(a.d.scope === ALL_SCOPE) || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.d);
}
