// weighted answers as effective counts: code → weighted share × Kish's n = (Σw)² / Σw² over the
// answers with a valid code, so every categorical distance (compare-categorical.ts) uses the
// weighted shares and its bootstrap resamples at the effective n. used by `metrics compare
// --weights rake` (one answer per CSV row) and `survey run --weights rake` (one per response row;
// a logprob answer is its option probabilities, weighing w × its mass on the valid codes).

export interface WeightedAnswer {
  weight: number;
  /** a code, or code → probability (logprob answers) */
  answer: number | Readonly<Record<string, number>>;
}

export interface EffectiveCounts {
  input: { counts: Map<number, number>; missing: number; invalid: number };
  /** Kish's effective n of the answers' weights */
  kish: number;
}

export function effectiveCounts(
  answers: Iterable<WeightedAnswer>,
  support: readonly number[],
  missing: number,
  invalid: number,
): EffectiveCounts {
  const valid = new Set(support);
  const sums = new Map<number, number>();
  let sw = 0;
  let sw2 = 0;
  for (const { weight, answer } of answers) {
    if (typeof answer === "number") {
      if (!valid.has(answer)) continue;
      sums.set(answer, (sums.get(answer) ?? 0) + weight);
      sw += weight;
      sw2 += weight * weight;
      continue;
    }
    let mass = 0;
    for (const [code, p] of Object.entries(answer)) {
      const c = Number(code);
      if (!valid.has(c) || !(p > 0)) continue;
      sums.set(c, (sums.get(c) ?? 0) + weight * p);
      mass += p;
    }
    if (mass > 0) {
      sw += weight * mass;
      sw2 += (weight * mass) ** 2;
    }
  }
  const kish = sw2 > 0 ? (sw * sw) / sw2 : 0;
  const counts = new Map([...sums].map(([code, s]) => [code, sw > 0 ? (s / sw) * kish : 0]));
  return { input: { counts, missing, invalid }, kish };
}
