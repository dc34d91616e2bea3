// every metric works on a Tally: the distinct answer values with their counts (a sample) or
// shares (a distribution). raw answer arrays, count maps, share maps and reference distributions
// all become tallies, so metrics are O(categories) whatever the number of respondents.

export interface Tally {
  /** distinct valid values, ascending */
  values: number[];
  /** weight of each value: integer counts for samples, shares for distributions */
  counts: number[];
  /** Σ counts */
  total: number;
  /** sample size: the count for samples; the declared n (or null) for distributions */
  n: number | null;
  /** "sample" tallies are resampled by the bootstrap; "distribution" tallies stay fixed */
  kind: "sample" | "distribution";
  /** answers excluded as missing: blank, NaN, negative (WVS don't know/no answer…) or listed missing codes */
  missing: number;
  /** answers excluded as invalid: not one of the item's codes (e.g. 1.67, a mean of samples) */
  invalid: number;
  /** the valid raw values in input order (only with `keepRaw`; the official recipe's means use them) */
  raw?: Float64Array;
}

/** raw answers, one per respondent (null/undefined/NaN = missing) */
export type AnswerArray = ArrayLike<number | null | undefined>;
/** answer counts by code (a sample) */
export interface CountsInput {
  counts: Readonly<Record<string, number>> | ReadonlyMap<number, number>;
  missing?: number;
  invalid?: number;
}
/** answer shares by code (a distribution); `n` is the sample size behind it, if known */
export interface SharesInput {
  shares: Readonly<Record<string, number>> | ReadonlyMap<number, number>;
  n?: number | null;
}
/** shares aligned with codes (e.g. a ReferenceDistribution) */
export interface AlignedSharesInput {
  codes: readonly number[];
  shares: readonly number[];
  n?: number | null;
}
/**
 * one probability vector per respondent over `codes` (e.g. renormalised answer-token
 * probabilities): the population distribution is their mean; the bootstrap resamples respondents.
 */
export interface VectorsInput {
  codes: readonly number[];
  vectors: readonly ArrayLike<number>[];
}
export type SampleInput = AnswerArray | CountsInput | SharesInput | AlignedSharesInput | VectorsInput | Tally;

export function isVectorsInput(x: unknown): x is VectorsInput {
  return typeof x === "object" && x !== null && "vectors" in x && "codes" in x;
}

/** the mean of respondent vectors, optionally weighted (weights: how often each respondent is drawn) */
export function meanVector(input: VectorsInput, weights?: ArrayLike<number>): Float64Array {
  const k = input.codes.length;
  const out = new Float64Array(k);
  let total = 0;
  input.vectors.forEach((vec, r) => {
    const w = weights ? (weights[r] as number) : 1;
    if (w === 0) return;
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.max(0, (vec[j] as number) || 0);
    if (!(sum > 0)) return;
    for (let j = 0; j < k; j++) out[j] = (out[j] as number) + (w * Math.max(0, (vec[j] as number) || 0)) / sum;
    total += w;
  });
  if (total > 0) for (let j = 0; j < k; j++) out[j] = (out[j] as number) / total;
  return out;
}

export interface TallyOptions {
  /** the valid codes; values outside are missing (negative or listed) or invalid. omit: any finite value */
  validCodes?: readonly number[];
  /** codes counted as missing besides blanks, NaN and negatives (e.g. Q254 code 5) */
  missingCodes?: readonly number[];
  /** keep the valid raw values in order (raw answer arrays only) */
  keepRaw?: boolean;
}

function isTally(x: unknown): x is Tally {
  return typeof x === "object" && x !== null && "values" in x && "counts" in x && "kind" in x && "total" in x;
}

const SMALL = 256;

function classifier(options: TallyOptions): (v: number) => 0 | 1 | 2 {
  // 0 valid, 1 missing, 2 invalid
  const valid = options.validCodes ? new Set(options.validCodes) : undefined;
  const missing = new Set(options.missingCodes ?? []);
  return (v: number) => {
    if (Number.isNaN(v)) return 1;
    if (valid) {
      if (valid.has(v)) return 0;
      return v < 0 || missing.has(v) ? 1 : 2;
    }
    if (missing.has(v) || v < 0) return 1;
    return Number.isFinite(v) ? 0 : 2;
  };
}

function fromMap(map: Map<number, number>, rest: Omit<Tally, "values" | "counts" | "total">): Tally {
  const values = [...map.keys()].sort((a, b) => a - b);
  const counts = values.map((v) => map.get(v) as number);
  let total = 0;
  for (const c of counts) total += c;
  return { values, counts, total, ...rest, n: rest.kind === "sample" ? total : rest.n };
}

function tallyAnswers(values: AnswerArray, options: TallyOptions): Tally {
  const classify = classifier(options);
  // fast path: a status table and a count table for small non-negative integers
  const status = new Int8Array(SMALL).fill(-1);
  const small = new Float64Array(SMALL);
  let other: Map<number, number> | undefined;
  let missing = 0;
  let invalid = 0;
  const len = values.length;
  const raw = options.keepRaw ? new Float64Array(len) : undefined;
  let rawLen = 0;
  for (let i = 0; i < len; i++) {
    const x = values[i];
    if (x === null || x === undefined || x !== x) {
      missing++;
      continue;
    }
    if (x >= 0 && x < SMALL && (x | 0) === x) {
      let s = status[x] as number;
      if (s < 0) {
        s = classify(x);
        status[x] = s;
      }
      if (s === 0) {
        small[x] = (small[x] as number) + 1;
        if (raw) raw[rawLen++] = x;
      } else if (s === 1) missing++;
      else invalid++;
      continue;
    }
    const s = classify(x);
    if (s === 0) {
      other ??= new Map();
      other.set(x, (other.get(x) ?? 0) + 1);
      if (raw) raw[rawLen++] = x;
    } else if (s === 1) missing++;
    else invalid++;
  }
  const map = other ?? new Map<number, number>();
  for (let v = 0; v < SMALL; v++) if ((small[v] as number) > 0) map.set(v, (map.get(v) ?? 0) + (small[v] as number));
  const t = fromMap(map, { n: null, kind: "sample", missing, invalid });
  if (raw) t.raw = raw.subarray(0, rawLen);
  return t;
}

function entries(src: Readonly<Record<string, number>> | ReadonlyMap<number, number>): [number, number][] {
  if (src instanceof Map) return [...(src as ReadonlyMap<number, number>).entries()];
  return Object.entries(src as Record<string, number>).map(([k, v]) => [Number(k), v]);
}

/** a Tally from any accepted input; `options` decide which values are valid, missing or invalid */
export function toTally(input: SampleInput, options: TallyOptions = {}): Tally {
  if (isTally(input)) return input;
  if (isVectorsInput(input)) {
    const mean = meanVector(input);
    const empty = input.vectors.filter((v) => !(Array.from(v).reduce((a, b) => a + Math.max(0, b || 0), 0) > 0)).length;
    const t = toTally({ codes: input.codes, shares: Array.from(mean), n: input.vectors.length - empty }, options);
    return { ...t, missing: empty };
  }
  if (typeof input === "object" && input !== null && "counts" in input && !("length" in input)) {
    const classify = classifier(options);
    const map = new Map<number, number>();
    let missing = input.missing ?? 0;
    let invalid = input.invalid ?? 0;
    for (const [code, count] of entries(input.counts)) {
      if (!(count >= 0)) throw new RangeError(`count of ${code} must be ≥ 0, got ${count}`);
      const s = classify(code);
      if (s === 0) map.set(code, (map.get(code) ?? 0) + count);
      else if (s === 1) missing += count;
      else invalid += count;
    }
    return fromMap(map, { n: null, kind: "sample", missing, invalid });
  }
  if (typeof input === "object" && input !== null && "shares" in input && !("length" in input)) {
    const pairs: [number, number][] =
      "codes" in input
        ? (input as AlignedSharesInput).codes.map((c, i) => [c, (input as AlignedSharesInput).shares[i] ?? 0])
        : entries((input as SharesInput).shares);
    const classify = classifier(options);
    const map = new Map<number, number>();
    let dropped = 0;
    for (const [code, share] of pairs) {
      if (!(share >= 0)) throw new RangeError(`share of ${code} must be ≥ 0, got ${share}`);
      if (classify(code) === 0) map.set(code, (map.get(code) ?? 0) + share);
      else dropped += share;
    }
    let sum = 0;
    for (const v of map.values()) sum += v;
    if (sum > 0) for (const [k, v] of map) map.set(k, v / sum);
    const n = input.n ?? null;
    return fromMap(map, { n, kind: "distribution", missing: 0, invalid: dropped > 0 && sum + dropped > 0 ? dropped / (sum + dropped) : 0 });
  }
  return tallyAnswers(input as AnswerArray, options);
}

/** shares of `tally` on `support` (values outside the support are ignored; all-zero when empty) */
export function sharesOn(tally: Tally, support: readonly number[]): Float64Array {
  const out = new Float64Array(support.length);
  if (!(tally.total > 0)) return out;
  const index = new Map(support.map((v, i) => [v, i]));
  for (let i = 0; i < tally.values.length; i++) {
    const j = index.get(tally.values[i] as number);
    if (j !== undefined) out[j] = (tally.counts[i] as number) / tally.total;
  }
  return out;
}

/** the union of the values of several tallies, ascending */
export function unionSupport(...tallies: Tally[]): number[] {
  const set = new Set<number>();
  for (const t of tallies) for (const v of t.values) set.add(v);
  return [...set].sort((a, b) => a - b);
}
