import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { flattenTaxonomy, type TaxonomyLeaf } from "../taxonomy/flatten-taxonomy.js";
import type { TaxonomyNode } from "../taxonomy/taxonomy-schema.js";
import { branchWeights, longTailWalk } from "./long-tail-walk.js";
import { TIER_CODES, TIER_OF_CODE, parseTierRatio, splitTiers, tierQuotas } from "./split-tiers.js";
import { batchSizes } from "./fill-attributes.js";
import { attributeValueProblem } from "./validate-attribute-value.js";
import { clampSummary } from "../prompts/summary-prompt.js";

/** a synthetic taxonomy: 12 categories, facets of very different sizes */
function syntheticTaxonomy() {
  const cats: TaxonomyNode[] = [];
  for (let c = 0; c < 12; c++) {
    const facets: TaxonomyNode[] = [];
    for (let f = 0; f < 6; f++) {
      const size = f === 0 ? 60 : 3 + f; // one big facet, several small (long-tail) ones
      facets.push({
        name: `Facet ${c} ${f}`,
        description: "d",
        children: Array.from({ length: size }, (_, l) => ({ name: `Leaf ${c} ${f} ${l}`, kind: "text" as const })),
      });
    }
    cats.push({ name: `Category ${c}`, description: "d", children: facets });
  }
  return flattenTaxonomy(cats, { version: "t", contentHash: "h" });
}

describe("tier split and quotas", () => {
  it("5:3:2 quotas sum to k", () => {
    expect(tierQuotas(205, [5, 3, 2])).toEqual({ near: 103, mid: 62, far: 40 });
    expect(tierQuotas(10, [5, 3, 2])).toEqual({ near: 5, mid: 3, far: 2 });
    expect(parseTierRatio("5:3:2")).toEqual([5, 3, 2]);
    expect(parseTierRatio("5:3")).toBeUndefined();
    expect(parseTierRatio("0:0:0")).toBeUndefined();
  });

  it("splits candidates into similarity thirds (codes indexed by node)", () => {
    const sim = Float32Array.from([0.9, 0.1, 0.5, 0.8, 0.2, 0.4]);
    const nodes = Int32Array.from([10, 11, 12, 13, 14, 15]);
    const tiers = [...splitTiers(sim, nodes, 16)].map((c) => TIER_OF_CODE[c]);
    expect([tiers[10], tiers[13]]).toEqual(["near", "near"]);
    expect([tiers[12], tiers[15]]).toEqual(["mid", "mid"]);
    expect([tiers[11], tiers[14]]).toEqual(["far", "far"]);
    expect(tiers[0]).toBeUndefined();
  });
});

describe("long-tail breadth-first walk", () => {
  const tax = syntheticTaxonomy();
  const weights = branchWeights(tax);
  const rng0 = createRng("tiers");
  const tiers = new Uint8Array(tax.nodes.length);
  for (const l of tax.leaves) tiers[l.index] = [TIER_CODES.near, TIER_CODES.mid, TIER_CODES.far][rng0.int(3)]!;
  const walk = (seed: string) => longTailWalk({ taxonomy: tax, weights, tiers, quotas: tierQuotas(120, [5, 3, 2]), rng: createRng(seed) });

  it("meets the tier quotas exactly, without repeats, covering every category", () => {
    const picks = walk("a");
    expect(picks).toHaveLength(120);
    expect(new Set(picks.map((p) => p.leaf)).size).toBe(120);
    const byTier = { near: 0, mid: 0, far: 0 };
    for (const p of picks) byTier[p.tier]++;
    expect(byTier).toEqual({ near: 60, mid: 36, far: 24 });
    expect(new Set(picks.map((p) => tax.nodes[p.leaf]!.category)).size).toBe(12);
  });

  it("is breadth-first: the first 12 picks come from 12 different categories", () => {
    const first = walk("b").slice(0, 12);
    expect(new Set(first.map((p) => tax.nodes[p.leaf]!.category)).size).toBe(12);
  });

  it("favours long-tail facets over their leaf share", () => {
    // the big facet holds 60 of 90 leaves per category (67%); uniform leaf sampling would give it ~2/3
    let big = 0;
    let total = 0;
    for (let s = 0; s < 20; s++) {
      for (const p of walk(`s${s}`)) {
        total++;
        if (tax.nodes[p.leaf]!.parts[1]!.endsWith(" 0")) big++;
      }
    }
    expect(big / total).toBeLessThan(0.45);
  });

  it("same seed → same walk; different seed → different walk", () => {
    expect(walk("x")).toEqual(walk("x"));
    expect(walk("x")).not.toEqual(walk("y"));
  });
});

describe("filling helpers", () => {
  it("batches are as equal as possible and never above the max", () => {
    expect(batchSizes(205, 55)).toEqual([52, 51, 51, 51]);
    expect(batchSizes(0, 55)).toEqual([]);
    expect(batchSizes(40, 55)).toEqual([40]);
  });

  const leaf = (kind: TaxonomyLeaf["kind"], unit?: string) =>
    ({ kind, unit, name: "X", parts: ["C", "F", "X"] }) as unknown as TaxonomyLeaf;
  it("rejects empty, placeholder and kind-violating values", () => {
    expect(attributeValueProblem(leaf("text"), "")).toMatch(/empty/);
    expect(attributeValueProblem(leaf("text"), "unknown")).toMatch(/placeholder/);
    expect(attributeValueProblem(leaf("category"), "Not Applicable")).toBeUndefined();
    const withUnknown = { ...leaf("category"), options: ["Osteoporosis", "Unknown", "None"] } as TaxonomyLeaf;
    expect(attributeValueProblem(withUnknown, "unknown")).toBeUndefined();
    expect(attributeValueProblem(leaf("text"), undefined)).toMatch(/nothing/);
    expect(attributeValueProblem(leaf("quantity", "hours"), "quite a lot")).toMatch(/number/);
    expect(attributeValueProblem(leaf("quantity", "hours"), "6 hours")).toBeUndefined();
    expect(attributeValueProblem(leaf("quantity", "km"), "about twenty")).toBeUndefined();
    expect(attributeValueProblem(leaf("yes-no"), "maybe")).toMatch(/yes or no/);
    expect(attributeValueProblem(leaf("text"), "x".repeat(300))).toMatch(/longer/);
    // hygiene: junk a grammar-constrained toy model writes (measured on llama.cpp) is not a value
    expect(attributeValueProblem(leaf("text"), ":")).toMatch(/punctuation-only value ':'/);
    expect(attributeValueProblem(leaf("text"), " — … ")).toMatch(/punctuation-only/);
    expect(attributeValueProblem(leaf("text"), "[your answer here]")).toMatch(/placeholder/);
    expect(attributeValueProblem(leaf("text"), "lorem ipsum dolor")).toMatch(/placeholder/);
    expect(attributeValueProblem(leaf("text"), "N/A")).toBeUndefined();
    expect(attributeValueProblem(leaf("quantity", "children"), "3")).toBeUndefined();
    expect(attributeValueProblem(leaf("text"), "Nairobi, Kenya.")).toBeUndefined();
  });

  it("summaries are clamped to 300 words and end on a full sentence", () => {
    const long = Array.from({ length: 80 }, (_, i) => `Sentence number ${i} is here.`).join(" ");
    const out = clampSummary(long);
    expect(out.split(/\s+/).length).toBeLessThanOrEqual(300);
    expect(out).toMatch(/\.$/);
    expect(clampSummary("I live in Nakuru and I farm maize, and")).toBe("I live in Nakuru and I farm maize.");
  });
});

describe("attribute applicability", () => {
  it("keeps reproductive-health and grandchildren attributes to people they can apply to", async () => {
    const { applicabilityIndex, appliesTo } = await import("./attribute-applicability.js");
    const tax = flattenTaxonomy(
      [
        {
          name: "Physical and Health Characteristics",
          description: "d",
          children: [
            {
              name: "Pregnancy and Maternal Health",
              description: "d",
              children: [{ name: "Number of Pregnancies", kind: "quantity", unit: "pregnancies" }],
            },
            {
              name: "Birth Customs",
              description: "d",
              children: [
                { name: "Pregnancy Custom Followed", kind: "text" },
                { name: "Number of Grandchildren", kind: "quantity", unit: "people" },
              ],
            },
          ],
        },
      ],
      { version: "t", contentHash: "h" },
    );
    const idx = applicabilityIndex(tax);
    const rulesOf = (name: string) => idx.get(tax.leaves.find((l) => l.name === name)!.index) ?? [];
    expect(appliesTo(rulesOf("Number of Pregnancies"), { sex: "male", age: 30 })).toBe(false);
    expect(appliesTo(rulesOf("Number of Pregnancies"), { sex: "female", age: 30 })).toBe(true);
    expect(rulesOf("Pregnancy Custom Followed")).toEqual([]); // customs concern everyone
    expect(appliesTo(rulesOf("Number of Grandchildren"), { sex: "female", age: 22 })).toBe(false);
    expect(appliesTo(rulesOf("Number of Grandchildren"), { sex: "male", age: 60 })).toBe(true);
  });
});
