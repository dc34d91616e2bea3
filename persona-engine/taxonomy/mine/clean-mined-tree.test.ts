import { describe, expect, it } from "vitest";
import { validateTaxonomy } from "../validate-taxonomy.js";
import { cleanMinedTree } from "./clean-mined-tree.js";
import { toTaxonomyNode, type MinedLeafInfo, type MinedNode } from "./mined-node.js";

const leaf = (name: string, info: Partial<MinedLeafInfo> = {}): MinedNode => ({
  name,
  description: "",
  support: 1,
  leaf: { kind: "text", options: [], unit: "", support: 1, ...info },
  children: [],
  aliases: [],
});
const facet = (name: string, children: MinedNode[], extra: Partial<MinedNode> = {}): MinedNode => ({
  name,
  description: `about ${name.toLowerCase()}`,
  support: 1,
  children,
  aliases: [],
  ...extra,
});
const category = (children: MinedNode[]) => facet("Lifestyle and Daily Routine", children);

function depthOf(node: MinedNode): number {
  return node.children.length ? 1 + Math.max(...node.children.map(depthOf)) : 0;
}

function valid(categories: MinedNode[]) {
  expect(validateTaxonomy(categories.map((c) => toTaxonomyNode(c)))).toEqual([]);
}

describe("cleanMinedTree", () => {
  it("drops meta-labels and attaches their children to the grandparent, merging duplicates", () => {
    const input = [
      category([
        facet("Diet and Eating", [leaf("Diet Type")]),
        facet("User Preferences", [facet("Diet and Eating", [leaf("Meal Timing")]), leaf("Favourite Snack")]),
        leaf("Other"),
      ]),
    ];
    const { categories, report } = cleanMinedTree(input);
    const cat = categories[0] as MinedNode;
    expect(cat.children.map((c) => c.name)).toEqual(["Diet and Eating", "Favourite Snack"]);
    expect(cat.children[0]?.children.map((c) => c.name)).toEqual(["Diet Type", "Meal Timing"]);
    expect(report.dropped["meta-label"]).toBe(2);
    expect(report.fixed["orphans attached to grandparent"]).toBe(2);
    expect(report.fixed["duplicate siblings merged"]).toBe(1);
    valid(categories);
    // the input is not mutated
    expect(input[0]?.children).toHaveLength(3);
  });

  it("drops invalid names", () => {
    const { categories, report } = cleanMinedTree([
      category([
        facet("Commuting", [leaf("main_mode"), leaf("Commute Time.")]),
        leaf("Commute Cost", { kind: "quantity", unit: "shillings per day" }),
      ]),
    ]);
    expect(report.dropped["invalid name"]).toBe(2);
    expect(report.dropped["empty facet"]).toBe(1);
    expect(categories[0]?.children.map((c) => c.name)).toEqual(["Commute Cost"]);
    valid(categories);
  });

  it("a node seen both as leaf and as facet becomes a facet", () => {
    const both = facet("Fasting", [leaf("Fasting Days per Year", { kind: "quantity", unit: "days" })], {
      description: "",
      leaf: { kind: "yes-no", options: [], unit: "", support: 3 },
    });
    const { categories, report } = cleanMinedTree([category([both])]);
    const node = categories[0]?.children[0] as MinedNode;
    expect(node.leaf).toBeUndefined();
    expect(node.children).toHaveLength(1);
    expect(node.description).toBe("includes Fasting Days per Year");
    expect(report.fixed["leaf-vs-facet → facet"]).toBe(1);
    expect(toTaxonomyNode(node).kind).toBeUndefined();
    valid(categories);
  });

  it("a facet that lost its children but was seen as a leaf stays as that leaf", () => {
    const both = facet("Prayer", [leaf("Misc")], { leaf: { kind: "frequency", options: [], unit: "", support: 2 } });
    const { categories } = cleanMinedTree([category([both])]);
    expect(toTaxonomyNode(categories[0]?.children[0] as MinedNode)).toMatchObject({ name: "Prayer", kind: "frequency" });
    valid(categories);
  });

  it("caps the depth: facets at the limit give way to their leaves", () => {
    const deep = facet("Level One", [
      facet("Level Two", [
        facet("Level Three", [
          facet("Level Four", [facet("Level Five", [leaf("Deep Leaf"), leaf("Other Deep Leaf")])]),
          leaf("Shallow Leaf"),
        ]),
      ]),
    ]);
    const { categories, report } = cleanMinedTree([category([deep])]);
    const cat = categories[0] as MinedNode;
    expect(depthOf(cat)).toBe(4);
    const l3 = cat.children[0]?.children[0]?.children[0] as MinedNode;
    expect(l3.children.map((c) => c.name).sort()).toEqual(["Deep Leaf", "Other Deep Leaf", "Shallow Leaf"]);
    expect(report.dropped["depth limit"]).toBe(2);
    valid(categories);
    expect(depthOf(cleanMinedTree([category([deep])], { maxDepth: 2 }).categories[0] as MinedNode)).toBe(2);
  });

  it("gives every leaf a valid kind", () => {
    const { categories, report } = cleanMinedTree([
      category([
        facet("Money Habits", [
          leaf("Savings Group Type", { kind: "category", options: ["Chama", "Susu"] }),
          leaf("Monthly Remittance", { kind: "quantity", unit: "" }),
          leaf("Payment Method", { kind: "category", options: ["Cash", "Mobile Money", "Card", "Bank Transfer"] }),
        ]),
      ]),
    ]);
    const kinds = categories[0]?.children[0]?.children.map((c) => toTaxonomyNode(c));
    expect(kinds?.map((k) => k.kind)).toEqual(["text", "text", "category"]);
    expect(kinds?.[0]?.options).toBeUndefined();
    expect(report.fixed["category leaf with < 3 options → text"]).toBe(1);
    expect(report.fixed["quantity leaf without unit → text"]).toBe(1);
    valid(categories);
  });

  it("drops empty and unknown categories", () => {
    const { categories, report } = cleanMinedTree([category([leaf("Info")]), facet("Hobbies", [leaf("Knitting")])]);
    expect(categories).toEqual([]);
    expect(report.dropped["empty category"]).toBe(1);
    expect(report.dropped["unknown category"]).toBe(1);
  });
});
