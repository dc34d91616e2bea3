// fidelity per rung of the depth ladder with persona-paired bootstrap CIs, and the smallest rung no
// deeper rung beats. a MINIMAL LOCAL version: the statistics engineer's shared fidelity / paired
// contrast functions (surveys/metrics, branch h-stats) replace this at merge — keep callers on
// `rungFidelity` only.
// per country × item cell: d = JS distance (base 2) of the arm's answer shares from the reference;
// floor F = E[d] of n draws from the reference itself, chance U = E[d] of n uniform draws (Monte
// Carlo, `floorDraws` each, at the cell's n); fidelity = (U − d) / (U − F), 1 = as close as n real
// respondents, 0 = chance. a rung's fidelity is the mean over cells. CIs: percentile bootstrap
// resampling PERSONAS within each country, the same resample for every arm (paired); a contrast
// "deeper − shallower" whose CI lies above 0 means the deeper rung beats the shallower one.
import type { Rng } from "../../core/rng.js";
import { createRng } from "../../core/rng.js";
import { jsDistance } from "../../surveys/metrics/categorical-metrics.js";
import { sampleMultinomial } from "../../surveys/metrics/sample-multinomial.js";
import { percentileInterval } from "../../surveys/metrics/bootstrap-ci.js";
import type { AnswerRow } from "../calibrate/answer-row.js";

/** one answer row (arm, persona, country, item, sample, value, status) */
export type RungAnswer = AnswerRow;

export interface RungReference {
  codes: readonly number[];
  shares: readonly number[];
}

export interface RungFidelityInput {
  rows: readonly RungAnswer[];
  /** the ladder, shallow → deep */
  arms: readonly string[];
  reference: (country: string, item: string) => RungReference | undefined;
  seed: number | string;
  replicates?: number;
  floorDraws?: number;
}

export interface RungResult {
  arm: string;
  fidelity: number;
  ci: [number, number] | null;
}

export interface RungContrast {
  deeper: string;
  shallower: string;
  diff: number;
  ci: [number, number] | null;
  /** the CI lies above 0: the deeper rung is better */
  deeper_wins: boolean;
}

/** cells whose chance distance U exceeds the floor F by less than this are left out (U − F ≈ 0) */
export const MIN_SEPARATION = 0.05;

export interface RungFidelityResult {
  cells: number;
  /** "<country> <item>" cells left out: chance is within MIN_SEPARATION of the floor */
  skipped_cells: string[];
  rungs: RungResult[];
  contrasts: RungContrast[];
  /** the shallowest rung that no deeper rung beats */
  smallest_sufficient: string | null;
}

function shares(counts: Float64Array): Float64Array {
  let n = 0;
  for (const c of counts) n += c;
  return counts.map((c) => (n > 0 ? c / n : 0));
}

function expectedDistance(rng: Rng, n: number, draw: readonly number[], ref: readonly number[], draws: number): number {
  let s = 0;
  for (let i = 0; i < draws; i++) s += jsDistance(shares(sampleMultinomial(rng, n, draw)), ref);
  return s / draws;
}

export function rungFidelity(input: RungFidelityInput): RungFidelityResult {
  const replicates = input.replicates ?? 300;
  const floorDraws = input.floorDraws ?? 200;
  const rng = createRng(`rung-fidelity/${String(input.seed)}`);
  // answers[country][item][arm] = persona id → code index
  const cellKeys = new Map<string, { country: string; item: string; ref: RungReference }>();
  const answer = new Map<string, Map<string, number>>(); // `${arm}|${country}|${item}` → persona → code index
  const personas = new Map<string, Set<string>>(); // country → persona ids
  for (const r of input.rows) {
    if (r.sample !== 0 || r.status !== "ok" || r.value === null || !input.arms.includes(r.arm)) continue;
    const cell = `${r.country}|${r.item}`;
    let meta = cellKeys.get(cell);
    if (!meta) {
      const ref = input.reference(r.country, r.item);
      if (!ref) continue;
      meta = { country: r.country, item: r.item, ref };
      cellKeys.set(cell, meta);
    }
    const idx = meta.ref.codes.indexOf(r.value);
    if (idx < 0) continue;
    const key = `${r.arm}|${cell}`;
    if (!answer.has(key)) answer.set(key, new Map());
    answer.get(key)!.set(r.persona_id, idx);
    if (!personas.has(r.country)) personas.set(r.country, new Set());
    personas.get(r.country)!.add(r.persona_id);
  }
  const allCells = [...cellKeys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const scale = new Map<string, { floor: number; uniform: number }>();
  for (const [cell, meta] of allCells) {
    const n = Math.max(1, ...input.arms.map((a) => answer.get(`${a}|${cell}`)?.size ?? 0));
    const k = meta.ref.codes.length;
    const cellRng = rng.fork(`scale/${cell}`);
    scale.set(cell, {
      floor: expectedDistance(cellRng, n, meta.ref.shares, meta.ref.shares, floorDraws),
      uniform: expectedDistance(cellRng, n, new Array<number>(k).fill(1 / k), meta.ref.shares, floorDraws),
    });
  }
  // a cell where n uniform answers land as close as n real respondents cannot tell rungs apart
  const cells = allCells.filter(([cell]) => scale.get(cell)!.uniform - scale.get(cell)!.floor >= MIN_SEPARATION);
  const ids = new Map([...personas.entries()].map(([c, s]) => [c, [...s].sort()]));
  /** arm fidelities for one multiset of persona ids per country (weights = times drawn) */
  const fidelities = (weights: Map<string, number> | null): number[] =>
    input.arms.map((arm) => {
      let sum = 0;
      let used = 0;
      for (const [cell, meta] of cells) {
        const a = answer.get(`${arm}|${cell}`);
        if (!a || a.size === 0) continue;
        const counts = new Float64Array(meta.ref.codes.length);
        for (const [pid, idx] of a) counts[idx] = (counts[idx] ?? 0) + (weights ? (weights.get(pid) ?? 0) : 1);
        const d = jsDistance(shares(counts), meta.ref.shares);
        const s = scale.get(cell)!;
        sum += (s.uniform - d) / (s.uniform - s.floor);
        used++;
      }
      return used ? sum / used : Number.NaN;
    });
  const point = fidelities(null);
  const reps: number[][] = input.arms.map(() => []);
  const bootRng = rng.fork("bootstrap");
  for (let b = 0; b < replicates; b++) {
    const w = new Map<string, number>();
    for (const [, list] of ids) for (let i = 0; i < list.length; i++) {
      const pid = list[bootRng.int(list.length)] as string;
      w.set(pid, (w.get(pid) ?? 0) + 1);
    }
    fidelities(w).forEach((f, i) => reps[i]!.push(f));
  }
  const rungs = input.arms.map((arm, i) => ({ arm, fidelity: point[i] as number, ci: replicates > 0 ? percentileInterval(reps[i]!) : null }));
  const contrasts: RungContrast[] = [];
  for (let i = 0; i < input.arms.length; i++) {
    for (let j = i + 1; j < input.arms.length; j++) {
      const diffs = reps[j]!.map((v, b) => v - reps[i]![b]!);
      const ci = replicates > 0 ? percentileInterval(diffs) : null;
      contrasts.push({ deeper: input.arms[j]!, shallower: input.arms[i]!, diff: (point[j] as number) - (point[i] as number), ci, deeper_wins: ci !== null && ci[0] > 0 });
    }
  }
  const smallest = input.arms.find((arm) => !contrasts.some((c) => c.shallower === arm && c.deeper_wins)) ?? null;
  const skipped = allCells.filter(([cell]) => !cells.some(([c]) => c === cell)).map(([cell]) => cell.replace("|", " "));
  return { cells: cells.length, skipped_cells: skipped, rungs, contrasts, smallest_sufficient: smallest };
}
