// the unit of independence for fidelity and contrasts: one PERSONA (or one real respondent), not
// one row. a unit carries a share vector over the item's support — one answer (one-hot), the
// mean of its `--samples N` answers, or its logprob probability vector — and an optional survey
// weight. the simulated distribution is the weighted mean of the unit vectors; the bootstrap
// resamples units, so repeated samples of one persona never count as independent respondents.

export interface UnitSample {
  /** the item's codes, ascending */
  support: number[];
  /** units × support, row-major; a row of zeros = the unit gave no valid answer (excluded) */
  matrix: Float64Array;
  /** the support index of a unit's single answer (one-hot rows), −1 otherwise (fast path) */
  oneHot: Int32Array;
  /** survey weight per unit (1 when none) */
  weights: Float64Array;
  /** unit ids (persona ids) for pairing across arms; index order otherwise */
  ids: string[];
}

export interface UnitInput {
  id: string;
  /** the unit's valid answers (codes); several = its repeated samples */
  answers?: readonly number[];
  /** a probability vector by code (logprob answering); used instead of `answers` when given */
  probs?: Readonly<Record<string, number>>;
  weight?: number;
}

/** a UnitSample from units' answers or probability vectors; codes outside `support` are ignored */
export function buildUnitSample(support: readonly number[], units: readonly UnitInput[]): UnitSample {
  const k = support.length;
  const index = new Map(support.map((c, i) => [c, i]));
  const matrix = new Float64Array(units.length * k);
  const oneHot = new Int32Array(units.length).fill(-1);
  const weights = new Float64Array(units.length);
  units.forEach((u, r) => {
    weights[r] = u.weight !== undefined && Number.isFinite(u.weight) && u.weight > 0 ? u.weight : 1;
    const row = r * k;
    let total = 0;
    if (u.probs) {
      for (const [code, p] of Object.entries(u.probs)) {
        const j = index.get(Number(code));
        if (j === undefined || !(p > 0)) continue;
        matrix[row + j] = (matrix[row + j] as number) + p;
        total += p;
      }
    } else {
      for (const a of u.answers ?? []) {
        const j = index.get(a);
        if (j === undefined) continue;
        matrix[row + j] = (matrix[row + j] as number) + 1;
        total += 1;
      }
    }
    if (total > 0) {
      let nonzero = -1;
      let count = 0;
      for (let j = 0; j < k; j++) {
        matrix[row + j] = (matrix[row + j] as number) / total;
        if ((matrix[row + j] as number) > 0) {
          nonzero = j;
          count++;
        }
      }
      if (count === 1) oneHot[r] = nonzero;
    }
  });
  return { support: [...support], matrix, oneHot, weights, ids: units.map((u) => u.id) };
}

/** one answer per unit (raw answer array, e.g. a CSV column; NaN/invalid = no answer) */
export function unitSampleFromAnswers(support: readonly number[], answers: ArrayLike<number>, ids?: readonly string[]): UnitSample {
  const units: UnitInput[] = [];
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i] as number;
    units.push({ id: ids?.[i] ?? String(i), answers: Number.isFinite(a) ? [a] : [] });
  }
  return buildUnitSample(support, units);
}

/** true when unit r gave a valid answer */
function unitHasAnswer(s: UnitSample, r: number): boolean {
  if ((s.oneHot[r] as number) >= 0) return true;
  const k = s.support.length;
  for (let j = 0; j < k; j++) if ((s.matrix[r * k + j] as number) > 0) return true;
  return false;
}

/**
 * the weighted mean distribution over the units, each unit counted `counts[r]` times (a bootstrap
 * replicate) or once; null when no unit with an answer is drawn
 */
export function unitMean(s: UnitSample, counts?: ArrayLike<number>, offset = 0): Float64Array | null {
  const k = s.support.length;
  const out = new Float64Array(k);
  let total = 0;
  const n = s.oneHot.length;
  for (let r = 0; r < n; r++) {
    const c = counts ? (counts[offset + r] as number) : 1;
    if (c === 0) continue;
    const w = c * (s.weights[r] as number);
    const j = s.oneHot[r] as number;
    if (j >= 0) {
      out[j] = (out[j] as number) + w;
      total += w;
      continue;
    }
    const row = r * k;
    let any = false;
    for (let q = 0; q < k; q++) {
      const x = s.matrix[row + q] as number;
      if (x > 0) {
        out[q] = (out[q] as number) + w * x;
        any = true;
      }
    }
    if (any) total += w;
  }
  if (!(total > 0)) return null;
  for (let q = 0; q < k; q++) out[q] = (out[q] as number) / total;
  return out;
}

/** units with an answer, and Kish's effective sample size (Σw)² / Σw² over them */
export function effectiveSize(s: UnitSample): { units: number; n_eff: number } {
  let sw = 0;
  let sw2 = 0;
  let units = 0;
  for (let r = 0; r < s.oneHot.length; r++) {
    if (!unitHasAnswer(s, r)) continue;
    const w = s.weights[r] as number;
    sw += w;
    sw2 += w * w;
    units++;
  }
  return { units, n_eff: sw2 > 0 ? (sw * sw) / sw2 : 0 };
}
