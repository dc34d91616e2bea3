import { describe, expect, it } from "vitest";
import type { TaxonomyNode } from "../taxonomy-schema.js";
import { validateTaxonomy } from "../validate-taxonomy.js";
import { capDepth, mergeIntoTaxonomy } from "./merge-into-taxonomy.js";
import { synonymEmbedder } from "../../../test/synonym-embedder.js";

const L = (name: string, kind: TaxonomyNode["kind"] = "text"): TaxonomyNode => ({ name, kind });
const F = (name: string, children: TaxonomyNode[]): TaxonomyNode => ({ name, description: `about ${name.toLowerCase()}`, children });
const CAT = "Lifestyle and Daily Routine";

const existing = (): TaxonomyNode[] => [
  F(CAT, [F("Diet and Eating", [L("Diet Type"), L("Meal Timing")]), F("Commuting", [L("Main Commute Mode"), L("Commute Duration")])]),
];

describe("mergeIntoTaxonomy", () => {
  it("adds new nodes under matching facets, never duplicating siblings nor touching existing nodes", async () => {
    const before = existing();
    const mined = [
      F(CAT, [
        F("Eating Habits", [L("diet type"), L("Fasting Practice")]), // similar to Diet and Eating
        F("Commuting", [F("Main Commute Mode", [L("Shared Taxi Use", "frequency"), L("Commute Duration")])]), // facet vs existing leaf
        F("Money Habits", [L("Savings Group Membership", "yes-no")]),
      ]),
    ];
    const embedder = synonymEmbedder([["Diet and Eating", "Eating Habits"]]);
    const r = await mergeIntoTaxonomy(before, mined, { embedder, threshold: 0.85 });
    const cat = r.categories[0] as TaxonomyNode;
    const diet = cat.children?.find((c) => c.name === "Diet and Eating");
    expect(diet?.children?.map((c) => c.name)).toEqual(["Diet Type", "Meal Timing", "Fasting Practice"]);
    const commuting = cat.children?.find((c) => c.name === "Commuting");
    expect(commuting?.children?.map((c) => c.name)).toEqual(["Main Commute Mode", "Commute Duration", "Shared Taxi Use"]);
    expect(cat.children?.map((c) => c.name)).toEqual(["Diet and Eating", "Commuting", "Money Habits"]);
    expect(r.added).toEqual({ nodes: 4, facets: 1, leaves: 3, categories: 0 });
    expect(r.hoisted).toBe(1);
    expect(r.changed).toEqual([CAT]);
    expect(validateTaxonomy(r.categories)).toEqual([]);
    expect(before).toEqual(existing());
  });

  it("merging the same tree twice adds nothing the second time", async () => {
    const mined = [F(CAT, [F("Money Habits", [L("Savings Group Membership", "yes-no")])])];
    const embedder = synonymEmbedder([]);
    const once = await mergeIntoTaxonomy(existing(), mined, { embedder, threshold: 0.85 });
    const twice = await mergeIntoTaxonomy(once.categories, mined, { embedder, threshold: 0.85 });
    expect(once.added.nodes).toBe(2);
    expect(twice.added.nodes).toBe(0);
    expect(twice.changed).toEqual([]);
  });

  it("adds a category the target lacks", async () => {
    const mined = [F("Media Consumption and Engagement", [L("Favourite Radio Station")])];
    const r = await mergeIntoTaxonomy(existing(), mined, { embedder: synonymEmbedder([]), threshold: 0.85 });
    expect(r.added).toEqual({ nodes: 1, facets: 0, leaves: 1, categories: 1 });
    expect(r.categories.map((c) => c.name)).toEqual([CAT, "Media Consumption and Engagement"]);
  });

  it("capDepth flattens facets at the limit into their leaves", () => {
    const deep = F("A", [F("B", [F("C", [L("D"), L("E")]), L("D")])]);
    const [capped] = capDepth(deep, 2, 3);
    expect(capped?.children?.map((c) => c.name)).toEqual(["D", "E"]);
  });
});
