import { describe, expect, it } from "vitest";
import { UsageError } from "../../core/errors.js";
import { loadInstrument } from "../load-instrument.js";
import { validCodes } from "../item-codes.js";
import {
  conditionalReferences,
  findConditionalReference,
  findReference,
  loadBigFiveCultureMeans,
  loadReference,
  loadWvsReferenceTable,
  referenceCountries,
  referenceItems,
} from "./load-reference.js";

describe("WVS-7 references", () => {
  it("56 microdata countries plus the flagged PDF-based / US ones", () => {
    const countries = referenceCountries();
    expect(countries.filter((c) => c.quality === "high")).toHaveLength(56);
    const flagged = countries.filter((c) => c.quality !== "high").map((c) => `${c.iso3}:${c.quality}`);
    expect(flagged.sort()).toEqual([
      "CAN:medium",
      "CHN:medium",
      "HKG:medium",
      "IDN:medium",
      "IND:medium",
      "NLD:medium",
      "TUR:medium",
      "USA:low",
    ]);
  });

  it("every shipped WVS item has references in most microdata countries, on its full support", () => {
    const wvs = loadInstrument("wvs");
    const table = loadWvsReferenceTable();
    for (const item of wvs.items) {
      const n = Object.values(table.countries).filter((c) => c.quality === "high" && c.items[item.id]).length;
      expect(n, item.id).toBeGreaterThanOrEqual(46);
      const ref = findReference("KEN", item.id);
      if (!ref) continue;
      expect(ref.codes, item.id).toEqual(validCodes(item));
      expect(ref.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it("loadReference: shares, n, dk/na, quality; names work too", () => {
    const r = loadReference("DEU", "Q57");
    expect(r.codes).toEqual([1, 2]);
    expect(r.shares[0]).toBeCloseTo(0.4595, 4);
    expect(r.n).toBe(1482);
    expect(r.dkShare).toBeCloseTo(0.0203, 4);
    expect(r.quality).toBe("high");
    expect(loadReference("germany", "Q57").country).toBe("DEU");
    expect(loadReference("CAN", "Q45").quality).toBe("medium");
    expect(loadReference("CAN", "Q45").n).toBeNull();
  });

  it("Q254: code 5 dropped and renormalised (Andorra: half the sample are not nationals)", () => {
    const r = loadReference("AND", "Q254");
    expect(r.codes).toEqual([1, 2, 3, 4]);
    expect(r.excludedShare).toBeGreaterThan(0.5);
    expect(r.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(r.nApprox).toBe(true);
  });

  it("unknown country / item → UsageError with close matches", () => {
    expect(() => loadReference("DEX", "Q57")).toThrow(UsageError);
    expect(() => loadReference("DEX", "Q57")).toThrow(/close matches: DEU/);
    expect(() => loadReference("EGY", "Q218")).toThrow(/no WVS-7 reference for 'Q218' in EGY/);
    expect(findReference("DEX", "Q57")).toBeUndefined();
    expect(referenceItems("TUR")).toEqual(["Q57"]);
  });
});

describe("conditional references", () => {
  it("DEU generalised trust: 25% among the lower educated vs 61% among the higher educated", () => {
    const lower = findConditionalReference("DEU", "Q57", "edu3", "lower");
    const higher = findConditionalReference("DEU", "Q57", "edu3", "higher");
    expect(lower?.shares[0]).toBeCloseTo(0.25, 3);
    expect(higher?.shares[0]).toBeCloseTo(0.6135, 3);
    expect(lower?.n).toBe(168);
    expect(conditionalReferences("DEU", "Q57").map((c) => c.dimension)).toEqual(expect.arrayContaining(["sex", "age3", "edu3", "urbrur"]));
    for (const g of conditionalReferences("AND", "Q254")) expect(g.codes).toEqual([1, 2, 3, 4]);
  });
});

describe("Big Five culture means", () => {
  it("49 cultures with provenance; source codes MOR/SKO mapped to MAR/KOR; no KEN/EGY", () => {
    const f = loadBigFiveCultureMeans();
    expect(f.cultures).toHaveLength(49);
    expect(f.provenance.source).toMatch(/McCrae/);
    const iso = f.cultures.map((c) => c.iso3);
    expect(iso).toContain("MAR");
    expect(iso).toContain("KOR");
    expect(iso).not.toContain("MOR");
    expect(iso).not.toContain("KEN");
    const deu = f.cultures.find((c) => c.iso3 === "DEU");
    expect(deu?.O).toBe(54.9);
  });
});

describe("findBigFiveCulture and compareWithWvsReference", async () => {
  const { findBigFiveCulture } = await import("./load-reference.js");
  const { compareWithWvsReference } = await import("../metrics/compare-with-reference.js");
  it("culture z-scores; absent cultures → undefined", () => {
    expect(findBigFiveCulture("deu")?.z.O).toBeCloseTo(0.49, 10);
    expect(findBigFiveCulture("KEN")).toBeUndefined();
  });
  it("compares simulated answers with a country's reference in one call", () => {
    const r = compareWithWvsReference("DEU", "Q57", [1, 2, 2, 2, -1], { bootstrap: 50 });
    expect(r.country).toBe("DEU");
    expect(r.n_simulated).toBe(4);
    expect(r.missing_simulated).toBe(1);
    expect(r.reference_quality).toBe("high");
    expect(r.bootstrap?.resampled).toBe("simulated");
    // p = (¼, ¾), q = (0.4595, 0.5405): KS = |¼ − 0.4595|
    expect(r.ks).toBeCloseTo(Math.abs(0.25 - 0.4595), 4);
  });
});
