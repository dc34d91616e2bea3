// a number or integer within a JSON schema's bounds, kept to a plausible range (0–100 when
// unbounded; zod's ±2^53 integer bounds count as unbounded)
import type { Rng } from "../rng.js";

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export function sampleNumber(node: { [key: string]: unknown }, rng: Rng, integer: boolean): number {
  const step = integer ? 1 : 0.01;
  let lo = num(node.minimum);
  let hi = num(node.maximum);
  const exLo = num(node.exclusiveMinimum);
  const exHi = num(node.exclusiveMaximum);
  if (exLo !== undefined) lo = Math.max(lo ?? -Infinity, exLo + step);
  if (exHi !== undefined) hi = Math.min(hi ?? Infinity, exHi - step);
  if (lo === undefined && hi === undefined) [lo, hi] = [0, 100];
  else if (lo === undefined) lo = (hi as number) >= 0 ? 0 : (hi as number) - 100;
  else if (hi === undefined) hi = lo + 100;
  let a = lo as number;
  let b = hi as number;
  if (b - a > 1e6) {
    if (a <= 0 && b >= 0) [a, b] = [0, Math.min(b, 100)];
    else if (a > 0) b = Math.min(b, a + 100);
    else a = Math.max(a, b - 100);
  }
  const multipleOf = num(node.multipleOf);
  if (multipleOf && multipleOf > 0) {
    const kmin = Math.ceil(a / multipleOf);
    const kmax = Math.floor(b / multipleOf);
    if (kmax >= kmin) return Number((rng.intBetween(kmin, kmax) * multipleOf).toFixed(10));
  }
  if (integer) {
    const ia = Math.ceil(a);
    const ib = Math.floor(b);
    return ib >= ia ? rng.intBetween(ia, ib) : ia;
  }
  const v = Math.round((a + rng.next() * (b - a)) * 100) / 100;
  return Math.min(b, Math.max(a, v));
}
