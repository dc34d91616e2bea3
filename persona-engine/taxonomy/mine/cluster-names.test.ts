import { describe, expect, it } from "vitest";
import { buildMinedTree } from "./build-mined-tree.js";
import type { CandidatePath } from "./candidate-paths.js";
import { canonicalName, clusterNames, nameKey } from "./cluster-names.js";
import { cleanNodeName } from "./clean-node-name.js";
import { unit } from "./text-embedder.js";
import { synonymEmbedder } from "../../../test/synonym-embedder.js";

const vec = (...xs: number[]) => unit(xs);

describe("clusterNames and canonical names", () => {
  it("merges names at or above the threshold; the most frequent name is canonical", () => {
    const clusters = clusterNames(
      [
        { name: "Dietary Type", count: 2, vector: vec(1, 0.2, 0) },
        { name: "Diet Type", count: 5, vector: vec(1, 0, 0) },
        { name: "Commute Mode", count: 1, vector: vec(0, 0, 1) },
      ],
      0.85,
    );
    expect(clusters.map((c) => c.canonical)).toEqual(["Diet Type", "Commute Mode"]);
    expect(clusters[0]?.members.map((m) => m.name)).toEqual(["Diet Type", "Dietary Type"]);
  });

  it("keeps names below the threshold apart", () => {
    const clusters = clusterNames(
      [
        { name: "Diet Type", count: 3, vector: vec(1, 0, 0) },
        { name: "Cooking Frequency", count: 3, vector: vec(0.8, 0.6, 0) },
      ],
      0.85,
    );
    expect(clusters).toHaveLength(2);
  });

  it("names differing only in case, punctuation or a plural s always merge", () => {
    const clusters = clusterNames(
      [
        { name: "Remittances", count: 2, vector: vec(1, 0) },
        { name: "Remittance", count: 3, vector: vec(0, 1) },
        { name: "Glasses", count: 1, vector: vec(0.5, -1) },
        { name: "Glass", count: 1, vector: vec(-1, 0.3) },
      ],
      0.85,
    );
    expect(clusters.map((c) => c.canonical)).toEqual(["Remittance", "Glass", "Glasses"]);
    expect(nameKey("Sends Money to Relatives")).toBe("send money to relative");
  });

  it("ties in frequency go to the shortest name, in Title Case", () => {
    expect(
      canonicalName([
        { name: "Commuting Mode", count: 3 },
        { name: "Commute Mode", count: 3 },
      ]),
    ).toBe("Commute Mode");
    expect(canonicalName([{ name: "main commute mode", count: 2 }])).toBe("Main Commute Mode");
  });

  it("is deterministic whatever the input order", () => {
    const items = [
      { name: "B", count: 1, vector: vec(1, 0.1) },
      { name: "A", count: 1, vector: vec(1, 0) },
    ];
    expect(clusterNames(items, 0.9)).toEqual(clusterNames([...items].reverse(), 0.9));
  });
});

describe("cleanNodeName", () => {
  it("normalises model-written names to Title Case", () => {
    expect(cleanNodeName("diet_type")).toBe("Diet Type");
    expect(cleanNodeName("dietType")).toBe("Diet Type");
    expect(cleanNodeName("DIETARY PATTERN")).toBe("Dietary Pattern");
    expect(cleanNodeName("  time spent on TV per week. ")).toBe("Time Spent on TV per Week");
    expect(cleanNodeName("Commute: matatu")).toBe("Commute");
    expect(cleanNodeName("???")).toBeUndefined();
  });
});

describe("buildMinedTree", () => {
  const cand = (id: string, parts: string[], kind: CandidatePath["kind"] = "text", options: string[] = []): CandidatePath => ({
    conversationId: id,
    category: "Lifestyle and Daily Routine",
    parts,
    descriptions: parts.map(() => ""),
    kind,
    options,
    unit: "",
    value: "x",
  });

  it("merges similar facets and attributes level by level under canonical names", async () => {
    const embedder = synonymEmbedder([
      ["Commuting", "Commute", "Daily Commute"],
      ["Main Commute Mode", "Commute Mode", "Transport Mode"],
    ]);
    const { categories, levels } = await buildMinedTree(
      [
        cand("a", ["Commuting", "Main Commute Mode"], "category", ["Matatu", "Bus", "Walking"]),
        cand("b", ["Commuting", "Commute Mode"], "category", ["Bus", "Train", "Motorbike"]),
        cand("c", ["Commute", "Transport Mode"], "text"),
        cand("d", ["Daily Commute", "Commute Duration"], "quantity"),
      ],
      { embedder, threshold: 0.85 },
    );
    const cat = categories[0];
    expect(cat?.children.map((c) => c.name)).toEqual(["Commuting"]);
    const facet = cat?.children[0];
    expect(facet?.support).toBe(4);
    expect(facet?.aliases.sort()).toEqual(["Commute", "Daily Commute"]);
    const names = facet?.children.map((c) => c.name);
    expect(names).toEqual(["Commute Mode", "Commute Duration"]);
    const mode = facet?.children[0];
    expect(mode?.leaf?.kind).toBe("category");
    expect(mode?.leaf?.options).toEqual(["Bus", "Train", "Motorbike", "Matatu", "Walking"]);
    expect(levels).toEqual([
      { names: 3, clusters: 1 },
      { names: 4, clusters: 2 },
    ]);
    // one embedding request per level
    expect(embedder.calls).toBe(2);
  });
});
