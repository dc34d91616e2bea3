import { describe, expect, it } from "vitest";
import { findReference } from "../../surveys/references/load-reference.js";
import { refusalShares, type RefusalRow } from "./refusal-shares.js";

describe("refusalShares", () => {
  const rows = (arm: string, country: string, item: string, ok: number, refused: number, invalid = 0): RefusalRow[] => [
    ...Array.from({ length: ok }, () => ({ arm, country, item, status: "ok" as const })),
    ...Array.from({ length: refused }, () => ({ arm, country, item, status: "refused" as const })),
    ...Array.from({ length: invalid }, () => ({ arm, country, item, status: "invalid" as const })),
  ];

  it("refused / (ok + refused) next to the reference dk and na shares; invalid rows are not answers", () => {
    const lookup = () => ({ dkShare: 0.08, naShare: 0.02, excludedShare: 0 });
    const out = refusalShares([...rows("deep", "DEU", "Q240", 18, 2, 5), ...rows("empty", "DEU", "Q240", 20, 0)], [{ id: "Q240" }], lookup);
    expect(out.deep?.DEU?.Q240).toMatchObject({
      rows: 25,
      refused: 2,
      invalid: 5,
      refusal_share: 0.1,
      reference_dk_share: 0.08,
      reference_na_share: 0.02,
    });
    expect(out.deep?.DEU?.Q240?.difference).toBeCloseTo(0, 12);
    expect(out.empty?.DEU?.Q240?.difference).toBeCloseTo(-0.1, 12);
    expect(refusalShares(rows("deep", "XXX", "Q1", 0, 0, 3), [{ id: "Q1" }], () => undefined).deep?.XXX?.Q1).toMatchObject({
      refusal_share: null,
      reference_dk_share: null,
      difference: null,
    });
  });

  it("Q254 in Andorra and Northern Ireland carries the excluded 'not a national' share; Germany does not", () => {
    const lookup = (c: string, i: string) => findReference(c, i);
    const out = refusalShares(
      [...rows("deep", "AND", "Q254", 5, 0), ...rows("deep", "NIR", "Q254", 5, 0), ...rows("deep", "DEU", "Q254", 5, 0)],
      [{ id: "Q254" }],
      lookup,
    );
    expect(out.deep?.AND?.Q254?.excluded_share).toBeCloseTo(0.5244, 4);
    expect(out.deep?.NIR?.Q254?.excluded_share).toBeCloseTo(0.3379, 4);
    expect(out.deep?.AND?.Q254?.note).toMatch(/not a national/);
    expect(out.deep?.DEU?.Q254?.excluded_share).toBeUndefined();
  });
});
