// "does depth help here?": fidelity per rung of the depth ladder and PAIRED contrasts between rungs,
// all from surveys/metrics/arm-fidelity.ts (the coverage-tested fidelity: persona-resampled centered
// bootstrap, ratio-of-sums pooling over country × item cells, countries as strata).
// - rung fidelity: pooled over every country × item cell, 95% CI.
// - contrasts: for every pair of rungs, deeper − shallower, paired (the same personas answer in every
//   persona arm, and one resample of persona ids per country is shared by every arm). armFidelity
//   contrasts focal − other, so it is called once per rung as focal and the sign is flipped.
// - multiple comparisons: the ladder makes m = K(K−1)/2 deeper-vs-shallower comparisons (21 for 7
//   rungs); every contrast CI is a Bonferroni interval at confidence 1 − α/m, so the chance that ANY
//   "deeper beats shallower" claim on the ladder is false is at most α (family-wise, any dependence).
// - the verdict: the smallest rung r such that for every deeper rung s the adjusted CI of s − r
//   contains 0 or lies below it (no deeper rung is decidedly more faithful). with Bonferroni the
//   error it guards against — calling depth helpful when it is not — stays ≤ α over the whole ladder.
import { armFidelity, type FidelityItem } from "../../surveys/metrics/arm-fidelity.js";
import type { EstimateSummary } from "../../surveys/metrics/estimate.js";
import type { UnitInput } from "../../surveys/metrics/unit-sample.js";
import type { AnswerRow } from "../calibrate/answer-row.js";

export interface DepthLadderInput {
  rows: readonly AnswerRow[];
  /** the ladder, shallow → deep */
  arms: readonly string[];
  items: readonly FidelityItem[];
  /** reference shares aligned with the item's support, null when there is none */
  reference(country: string, item: string): readonly number[] | null;
  bootstrap: number;
  seed: number | string;
  /** family-wise error rate of the contrasts (default 0.05) */
  alpha?: number;
  /** persona id → survey weight (default 1 each) */
  weights?: ReadonlyMap<string, number>;
  nullDraws?: number;
}

export interface LadderRung {
  arm: string;
  fidelity: EstimateSummary;
  by_country: Record<string, EstimateSummary>;
}

export interface LadderContrast {
  deeper: string;
  shallower: string;
  /** deeper − shallower pooled fidelity */
  value: number | null;
  /** Bonferroni-adjusted CI (confidence 1 − α/m) */
  ci: [number, number] | null;
  /** the adjusted CI lies above 0 */
  deeper_wins: boolean;
}

export interface DepthLadder {
  countries: string[];
  /** country × item cells with a fidelity in every rung */
  cells: number;
  /** country × item cells left out (no reference, or fidelity undefined in some rung) */
  skipped_cells: string[];
  alpha: number;
  comparisons: number;
  contrast_confidence: number;
  rungs: LadderRung[];
  contrasts: LadderContrast[];
  /** the shallowest rung that no deeper rung beats */
  smallest_sufficient: string | null;
}

/** one unit per persona × arm × country × item: its valid answers (all samples) */
function groupUnits(
  rows: readonly AnswerRow[],
  arms: ReadonlySet<string>,
  weights?: ReadonlyMap<string, number>,
): Map<string, UnitInput[]> {
  const by = new Map<string, Map<string, UnitInput & { answers: number[] }>>();
  for (const r of rows) {
    if (!arms.has(r.arm)) continue;
    const key = `${r.arm}|${r.country}|${r.item}`;
    let units = by.get(key);
    if (!units) by.set(key, (units = new Map()));
    let u = units.get(r.persona_id);
    if (!u) {
      const w = weights?.get(r.persona_id);
      units.set(r.persona_id, (u = { id: r.persona_id, answers: [], ...(w !== undefined ? { weight: w } : {}) }));
    }
    if (r.status === "ok" && r.value !== null) u.answers.push(r.value);
  }
  return new Map([...by].map(([k, m]) => [k, [...m.values()]]));
}

export function depthLadder(input: DepthLadderInput): DepthLadder {
  const alpha = input.alpha ?? 0.05;
  const arms = [...input.arms];
  const K = arms.length;
  const comparisons = (K * (K - 1)) / 2;
  const confidence = 1 - alpha / Math.max(1, comparisons);
  const grouped = groupUnits(input.rows, new Set(arms), input.weights);
  const countries = [...new Set(input.rows.filter((r) => arms.includes(r.arm)).map((r) => r.country))].sort();
  const common = {
    arms,
    countries,
    items: input.items,
    units: (arm: string, country: string, item: string) => grouped.get(`${arm}|${country}|${item}`) ?? [],
    reference: input.reference,
    bootstrap: input.bootstrap,
    seed: input.seed,
    nullDraws: input.nullDraws ?? 1000,
  };
  const base = armFidelity({ ...common, focal: arms[K - 1] as string, confidence: 1 - alpha });
  const cells: string[] = [];
  const skipped: string[] = [];
  for (const c of countries) {
    for (const it of input.items) {
      const ok = arms.every((a) => (base.cells[a]?.[c]?.[it.id]?.fidelity.value ?? null) !== null);
      (ok ? cells : skipped).push(`${c} ${it.id}`);
    }
  }
  const rungs: LadderRung[] = arms.map((arm) => ({
    arm,
    fidelity: base.pooled[arm]?.overall ?? { value: null, ci: null },
    by_country: base.pooled[arm]?.by_country ?? {},
  }));
  const contrasts: LadderContrast[] = [];
  for (let i = 0; i < K - 1; i++) {
    const shallower = arms[i] as string;
    // the same seed → the same shared persona resample as every other call: contrasts stay paired
    const af = armFidelity({ ...common, focal: shallower, confidence });
    for (let j = i + 1; j < K; j++) {
      const deeper = arms[j] as string;
      const c = af.contrasts[deeper]?.overall;
      const value = c && c.value !== null ? -c.value : null;
      const ci: [number, number] | null = c?.ci ? [-c.ci[1], -c.ci[0]] : null;
      contrasts.push({ deeper, shallower, value, ci, deeper_wins: ci !== null && ci[0] > 0 });
    }
  }
  const hasData = rungs.some((r) => r.fidelity.value !== null);
  const smallest = hasData ? (arms.find((arm) => !contrasts.some((c) => c.shallower === arm && c.deeper_wins)) ?? null) : null;
  return {
    countries,
    cells: cells.length,
    skipped_cells: skipped,
    alpha,
    comparisons,
    contrast_confidence: confidence,
    rungs,
    contrasts,
    smallest_sufficient: smallest,
  };
}
