// what armFidelity needs of a survey item (support, ordinal, scale range), and a reference
// distribution aligned with that support (codes the reference lacks get 0; renormalised).
import type { SurveyItem } from "../instrument-schema.js";
import { scaleRange, validCodes } from "../item-codes.js";
import type { FidelityItem } from "./arm-fidelity.js";

/** null for items with fewer than two options (no distribution to compare) */
export function fidelityItem(item: SurveyItem): FidelityItem | null {
  const support = validCodes(item).sort((a, b) => a - b);
  if (support.length < 2) return null;
  const sr = scaleRange(item);
  return { id: item.id, support, ordinal: item.kind !== "open" && item.ordinal, range: sr ? sr.max - sr.min || 1 : 1 };
}

/** reference shares by code, aligned with `support`; null when nothing of the support is in it */
export function alignedReference(
  ref: { codes: readonly number[]; shares: readonly number[] } | undefined,
  support: readonly number[],
): number[] | null {
  if (!ref) return null;
  const m = new Map(ref.codes.map((c, j) => [c, ref.shares[j] ?? 0]));
  const raw = support.map((c) => m.get(c) ?? 0);
  const t = raw.reduce((a, b) => a + b, 0);
  return t > 0 ? raw.map((x) => x / t) : null;
}
