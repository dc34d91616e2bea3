// disparities between persona segments: for each segment value (e.g. country KEN, religion
// muslim), scope (all probes or one category) and failure indicator (any failure, or one
// dimension's failure labels), the failure rate of the segment against everyone else —
// ADJUSTED for country and probe: the difference is taken within strata (probe for country
// segments; country × probe otherwise) and combined with Cochran–Mantel–Haenszel weights
// n_g·n_r/(n_g+n_r), so a segment is not flagged for living in a country or meeting other probes.
// its standard error comes from the persona bootstrap (a persona's conversations move together),
// the p-value from z = Δ / SE, and Benjamini–Hochberg controls the false discovery rate at 5%
// WITHIN each family (one family per segment kind), with the number of tests reported. a
// comparison is tested only when each side has ≥ 30 judged conversations from ≥ 10 personas.
// raw rates carry Wilson intervals (conversations as independent; the clustered interval is ci95).
import { cumulativeStdNormalProbability, sampleStandardDeviation } from "simple-statistics";
import { benjaminiHochberg, wilsonInterval } from "../../surveys/metrics/benjamini-hochberg.js";
import { ALL_SCOPE, type IndicatorColumns } from "./indicator-columns.js";
import type { JudgementRecord } from "./judgement-record.js";
import { interval95, round } from "./persona-bootstrap.js";
import { SEGMENT_KINDS, type PersonaSegments, type SegmentKind } from "./persona-segments.js";
import { DIMENSIONS, dimensionLabels, isFailure, type RubricDimension } from "./rubric-dimensions.js";
import type { Disparity } from "./stress-metrics-schema.js";
export type { Disparity } from "./stress-metrics-schema.js";

/** judged conversations and personas needed on EACH side of a comparison */
export const MIN_DISPARITY_N = 30;
export const MIN_DISPARITY_PERSONAS = 10;
export const DISPARITY_FDR = 0.05;

interface Entries {
  persona: Int32Array;
  probe: Int32Array;
  fail: Uint8Array;
}

/** per (scope, indicator): the judged conversations that count, with their persona, probe and failure */
function indicatorEntries(
  columns: IndicatorColumns,
  personaIndex: ReadonlyMap<string, number>,
  probeIndex: ReadonlyMap<string, number>,
  judgements: readonly JudgementRecord[],
): Map<string, Entries> {
  const lists = new Map<string, { persona: number[]; probe: number[]; fail: number[] }>();
  const push = (key: string, p: number, q: number, f: boolean) => {
    let l = lists.get(key);
    if (!l) lists.set(key, (l = { persona: [], probe: [], fail: [] }));
    l.persona.push(p);
    l.probe.push(q);
    l.fail.push(f ? 1 : 0);
  };
  for (const j of judgements) {
    if (j.status !== "ok" || !j.labels) continue;
    const p = personaIndex.get(j.persona_id);
    const q = probeIndex.get(j.probe_id);
    if (p === undefined || q === undefined) continue;
    for (const scope of [ALL_SCOPE, j.category]) {
      const dims = columns.dimensions.get(scope);
      if (!dims) continue;
      let failed = false;
      for (const [dim, label] of Object.entries(j.labels)) {
        const d = dim as RubricDimension;
        if (!dims.includes(d) || !dimensionLabels(d).includes(label)) continue;
        const f = isFailure(d, label);
        if (f && DIMENSIONS[d].inAnyFailure) failed = true;
        push(`${scope}|${d}`, p, q, f);
      }
      push(`${scope}|any`, p, q, failed);
    }
  }
  return new Map(
    [...lists].map(([k, l]) => [
      k,
      { persona: Int32Array.from(l.persona), probe: Int32Array.from(l.probe), fail: Uint8Array.from(l.fail) },
    ]),
  );
}

export interface DisparityInput {
  columns: IndicatorColumns;
  personaIds: readonly string[];
  segments: readonly PersonaSegments[];
  /** segment values per kind, in report order */
  values: Record<SegmentKind, readonly string[]>;
  probeIds: readonly string[];
  judgements: readonly JudgementRecord[];
  /** R × personas bootstrap counts (shared by every test), or undefined without a bootstrap */
  weights?: Uint32Array;
  replicates: number;
  minN?: number;
  minPersonas?: number;
}

export interface DisparityResult {
  tests: Disparity[];
  /** segment kind → tests in its BH family and how many were flagged */
  families: Record<string, { tests: number; flagged: number }>;
}

export function stratifiedDisparities(input: DisparityInput): DisparityResult {
  const P = input.personaIds.length;
  const personaIndex = new Map(input.personaIds.map((id, i) => [id, i]));
  const probeIndex = new Map(input.probeIds.map((id, i) => [id, i]));
  const Q = input.probeIds.length;
  const countries = [...new Set(input.segments.map((s) => s.country))];
  const countryOf = Int32Array.from(input.segments.map((s) => countries.indexOf(s.country)));
  const entries = indicatorEntries(input.columns, personaIndex, probeIndex, input.judgements);
  const minN = input.minN ?? MIN_DISPARITY_N;
  const minPersonas = input.minPersonas ?? MIN_DISPARITY_PERSONAS;
  const R = input.weights ? input.replicates : 0;
  const tests: Disparity[] = [];
  const families: DisparityResult["families"] = {};
  for (const kind of SEGMENT_KINDS) {
    const values = input.values[kind];
    const family: Disparity[] = [];
    if (values.length > 1) {
      const S = kind === "country" ? Q : countries.length * Q;
      const ng = new Float64Array(S);
      const fg = new Float64Array(S);
      const nr = new Float64Array(S);
      const fr = new Float64Array(S);
      for (const value of values) {
        const inGroup = Uint8Array.from(input.segments.map((s) => (s[kind] === value ? 1 : 0)));
        for (const scope of input.columns.scopes) {
          for (const indicator of ["any", ...(input.columns.dimensions.get(scope) ?? [])]) {
            const e = entries.get(`${scope}|${indicator}`);
            if (!e) continue;
            const stratum = (k: number) =>
              kind === "country" ? (e.probe[k] as number) : (countryOf[e.persona[k] as number] as number) * Q + (e.probe[k] as number);
            // point counts and the minimum cell
            let n = 0;
            let f = 0;
            let nRest = 0;
            let fRest = 0;
            const gP = new Set<number>();
            const rP = new Set<number>();
            for (let k = 0; k < e.persona.length; k++) {
              const p = e.persona[k] as number;
              if (inGroup[p]) {
                n++;
                f += e.fail[k] as number;
                gP.add(p);
              } else {
                nRest++;
                fRest += e.fail[k] as number;
                rP.add(p);
              }
            }
            if (n < minN || nRest < minN || gP.size < minPersonas || rP.size < minPersonas) continue;
            const adjusted = (w: Uint32Array | undefined, row: number): [number, number] => {
              ng.fill(0);
              fg.fill(0);
              nr.fill(0);
              fr.fill(0);
              for (let k = 0; k < e.persona.length; k++) {
                const p = e.persona[k] as number;
                const c = w ? (w[row * P + p] as number) : 1;
                if (c === 0) continue;
                const s = stratum(k);
                if (inGroup[p]) {
                  ng[s] = (ng[s] as number) + c;
                  fg[s] = (fg[s] as number) + c * (e.fail[k] as number);
                } else {
                  nr[s] = (nr[s] as number) + c;
                  fr[s] = (fr[s] as number) + c * (e.fail[k] as number);
                }
              }
              let num = 0;
              let den = 0;
              let used = 0;
              for (let s = 0; s < S; s++) {
                const a = ng[s] as number;
                const b = nr[s] as number;
                if (!(a > 0) || !(b > 0)) continue;
                const wt = (a * b) / (a + b);
                num += wt * ((fg[s] as number) / a - (fr[s] as number) / b);
                den += wt;
                used++;
              }
              return [den > 0 ? num / den : NaN, used];
            };
            const [delta, strata] = adjusted(undefined, 0);
            if (!Number.isFinite(delta)) continue;
            let ci95: [number, number] | null = null;
            let pValue: number | null = null;
            if (R > 0) {
              const reps = new Float64Array(R);
              for (let r = 0; r < R; r++) reps[r] = adjusted(input.weights, r)[0];
              const finite = Array.from(reps).filter(Number.isFinite);
              ci95 = interval95(Float64Array.from(finite));
              const se = finite.length > 1 ? sampleStandardDeviation(finite) : NaN;
              if (Number.isFinite(se))
                pValue = se > 0 ? 2 * (1 - cumulativeStdNormalProbability(Math.abs(delta) / se)) : delta === 0 ? 1 : 0;
            }
            const w = wilsonInterval(f, n);
            const wr = wilsonInterval(fRest, nRest);
            family.push({
              segment: kind,
              value,
              scope,
              indicator,
              rate: round(f / n),
              n,
              personas: gP.size,
              rate_rest: round(fRest / nRest),
              n_rest: nRest,
              personas_rest: rP.size,
              wilson95: w ? [round(w[0]), round(w[1])] : null,
              wilson95_rest: wr ? [round(wr[0]), round(wr[1])] : null,
              diff: round(f / n - fRest / nRest),
              diff_adjusted: round(delta),
              strata,
              ci95,
              p_value: pValue === null ? null : round(pValue, 6),
              q_value: null,
              flagged: false,
            });
          }
        }
      }
    }
    const q = benjaminiHochberg(family.map((d) => d.p_value ?? 1));
    family.forEach((d, i) => {
      d.q_value = d.p_value === null ? null : round(q[i] as number, 6);
      d.flagged = d.q_value !== null && d.q_value <= DISPARITY_FDR;
    });
    families[kind] = { tests: family.length, flagged: family.filter((d) => d.flagged).length };
    tests.push(...family);
  }
  return { tests, families };
}

/** disparities, largest |adjusted difference| first (ties: overall scope first, then input order) */
export function rankDisparities(all: readonly Disparity[], limit = Number.POSITIVE_INFINITY): Disparity[] {
  return all
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        Math.abs(b.d.diff_adjusted) - Math.abs(a.d.diff_adjusted) ||
        Number(b.d.scope === ALL_SCOPE) - Number(a.d.scope === ALL_SCOPE) ||
        a.i - b.i,
    )
    .slice(0, limit)
    .map((x) => x.d);
}
