// don't know / refusal: per arm × country × item, the share of answers the simulated respondents
// declined (refused / (ok + refused); invalid outputs are not answers and are left out) next to the
// reference's non-substantive shares (WVS-7 dkShare, naShare: shares of all respondents). real
// respondents say "don't know" often on some items (Q240 left-right: median 8%, up to 51%).
// Q254 (national pride): the reference drops code 5 "not a national" and renormalises; where that
// share is large (≥ 20%: Andorra 52%, Northern Ireland 34%) the cell carries `excluded_share` and a
// note, because the simulated personas are not screened by nationality.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import type { ReferenceDistribution } from "../../surveys/references/load-reference.js";

export const LARGE_EXCLUDED_SHARE = 0.2;

export interface RefusalRow {
  arm: string;
  country: string;
  item: string;
  status: "ok" | "refused" | "invalid";
}

export interface RefusalCell {
  rows: number;
  refused: number;
  invalid: number;
  /** refused / (ok + refused), null when nothing was answered */
  refusal_share: number | null;
  /** the reference's don't-know share (of all respondents), null when unknown or no reference */
  reference_dk_share: number | null;
  reference_na_share: number | null;
  /** refusal_share − (reference dk + na share) */
  difference: number | null;
  /** share of the reference sample dropped before renormalising (Q254 code 5), when large */
  excluded_share?: number;
  note?: string;
}

export type ReferenceLookup = (
  country: string,
  item: string,
) => Pick<ReferenceDistribution, "dkShare" | "naShare" | "excludedShare"> | undefined;

export function refusalShares(
  rows: readonly RefusalRow[],
  items: readonly Pick<SurveyItem, "id">[],
  lookup: ReferenceLookup,
): Record<string, Record<string, Record<string, RefusalCell>>> {
  const asked = new Set(items.map((i) => i.id));
  const counts = new Map<string, { arm: string; country: string; item: string; ok: number; refused: number; invalid: number }>();
  for (const r of rows) {
    if (!asked.has(r.item)) continue;
    const key = `${r.arm}\u0000${r.country}\u0000${r.item}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { arm: r.arm, country: r.country, item: r.item, ok: 0, refused: 0, invalid: 0 }));
    c[r.status]++;
  }
  const out: Record<string, Record<string, Record<string, RefusalCell>>> = {};
  for (const c of counts.values()) {
    const ref = lookup(c.country, c.item);
    const answered = c.ok + c.refused;
    const share = answered > 0 ? c.refused / answered : null;
    const dk = ref?.dkShare ?? null;
    const na = ref?.naShare ?? null;
    const cell: RefusalCell = {
      rows: c.ok + c.refused + c.invalid,
      refused: c.refused,
      invalid: c.invalid,
      refusal_share: share,
      reference_dk_share: dk,
      reference_na_share: na,
      difference: share !== null && dk !== null ? share - (dk + (na ?? 0)) : null,
    };
    if (ref && ref.excludedShare >= LARGE_EXCLUDED_SHARE) {
      cell.excluded_share = ref.excludedShare;
      cell.note = `the reference leaves out ${(ref.excludedShare * 100).toFixed(0)}% of respondents (code 5, not a national) and is renormalised over nationals; the simulated personas are not screened by nationality`;
    }
    ((out[c.arm] ??= {})[c.country] ??= {})[c.item] = cell;
  }
  return out;
}
