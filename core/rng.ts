// seeded, splittable pseudo-random numbers. the ONLY source of randomness in the project:
// logic never calls Math.random. `fork(label)` derives an independent stream from the seed and a
// label, so results do not depend on scheduling order (persona i always uses fork(`persona:${i}`)).

export interface Rng {
  /** the seed material this stream was derived from (for records and debugging) */
  readonly seedKey: string;
  /** uniform float in [0, 1) */
  next(): number;
  /** uniform integer in [0, maxExclusive) */
  int(maxExclusive: number): number;
  /** uniform integer in [min, max] (both inclusive) */
  intBetween(min: number, max: number): number;
  /** one element, uniformly */
  pick<T>(items: readonly T[]): T;
  /** index drawn proportionally to non-negative weights */
  weightedIndex(weights: readonly number[]): number;
  /** a shuffled copy */
  shuffle<T>(items: readonly T[]): T[];
  /** standard normal deviate */
  normal(): number;
  /** independent child stream, a pure function of (this seed, label) */
  fork(label: string | number): Rng;
}

/** 128-bit string hash (cyrb128) used to turn seed material into generator state */
export function hashString128(input: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** 32-bit unsigned hash of a string (fast, deterministic) */
export function hashString32(input: string): number {
  return hashString128(input)[0];
}

class Sfc32Rng implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  constructor(readonly seedKey: string) {
    [this.a, this.b, this.c, this.d] = hashString128(seedKey);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    // 53 bits of randomness
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive <= 0) {
      throw new RangeError(`rng.int needs a positive integer bound, got ${maxExclusive}`);
    }
    return Math.floor(this.next() * maxExclusive);
  }

  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("rng.pick on an empty list");
    return items[this.int(items.length)] as T;
  }

  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w > 0 ? w : 0;
    if (!(total > 0)) throw new RangeError("rng.weightedIndex needs a positive total weight");
    let u = this.next() * total;
    let last = -1;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (w <= 0) continue;
      last = i;
      if (u < w) return i;
      u -= w;
    }
    return last;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  normal(): number {
    if (this.spareNormal !== undefined) {
      const s = this.spareNormal;
      this.spareNormal = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  fork(label: string | number): Rng {
    return new Sfc32Rng(`${this.seedKey}/${label}`);
  }
}

/** a seeded generator; same seed → same sequence on every machine */
export function createRng(seed: number | string): Rng {
  return new Sfc32Rng(String(seed));
}
