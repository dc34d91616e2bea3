// fidelity of several items answered by the same respondents (CSV columns: one row = one
// respondent), each against its reference shares. one resample of the ROWS is shared by every
// item, so the mean fidelity over items gets a joint interval. with row `weights` (raking) the
// simulated distribution is the weighted one and floor / uniform are taken at Kish's effective n.
import { createRng } from "../../core/rng.js";
import { summariseEstimate, type EstimateSummary } from "./estimate.js";
import { itemFidelity, type FidelityParts, type ItemFidelitySummary } from "./item-fidelity.js";
import { pooledFidelity } from "./pooled-fidelity.js";
import { buildUnitSample, unitSampleFromAnswers } from "./unit-sample.js";
import { countsForUnits, sharedResample } from "./unit-resampling.js";

export interface FidelityColumn {
  item: string;
  /** one answer per row (NaN = missing) */
  values: ArrayLike<number>;
  support: readonly number[];
  /** reference shares aligned with `support` */
  reference: ArrayLike<number>;
  ordinal: boolean;
  /** scale range for W1 (default: the support's) */
  range?: number;
  /** survey weight per row (default 1) */
  weights?: ArrayLike<number>;
}

export interface ColumnsFidelity {
  items: Record<string, ItemFidelitySummary>;
  /** pooled over items and metrics: Σ(uniform − d) / Σ(uniform − floor), joint interval */
  average: EstimateSummary & { n_items: number };
}

export function columnsFidelity(
  columns: readonly FidelityColumn[],
  options: { bootstrap: number; seed: number | string; nullDraws?: number },
): ColumnsFidelity {
  const rows = columns.reduce((m, c) => Math.max(m, c.values.length), 0);
  const ids = Array.from({ length: rows }, (_, i) => String(i));
  const rng = createRng(options.seed).fork("fidelity");
  const shared = options.bootstrap > 0 ? sharedResample(rng.fork("rows"), ids, options.bootstrap) : undefined;
  const items: Record<string, ItemFidelitySummary> = {};
  const parts: FidelityParts[] = [];
  for (const c of columns) {
    const w = c.weights;
    const sample = w
      ? buildUnitSample(
          c.support,
          Array.from({ length: c.values.length }, (_, i) => ({
            id: ids[i] as string,
            answers: Number.isFinite(c.values[i] as number) ? [c.values[i] as number] : [],
            weight: w[i] ?? 1,
          })),
        )
      : unitSampleFromAnswers(c.support, c.values, ids.slice(0, c.values.length));
    const counts = shared ? countsForUnits(sample.ids, shared.replicates, rng.fork(`rows:${c.item}`), shared) : undefined;
    const f = itemFidelity(sample, c.reference, {
      ordinal: c.ordinal,
      ...(c.range !== undefined ? { range: c.range } : {}),
      ...(counts ? { counts } : {}),
      null: { seed: options.seed, ...(options.nullDraws ? { draws: options.nullDraws } : {}) },
    });
    items[c.item] = f.summary;
    if (f.estimates.mean) parts.push(f.parts);
  }
  return { items, average: { ...summariseEstimate(pooledFidelity(parts)), n_items: parts.length } };
}
