// known truth for the evaluation aggregates: repetition rates, embedding distance of identical /
// orthogonal profiles, and bootstrap CIs that contain the mean and shrink to a point without spread.
import { describe, expect, it } from "vitest";
import { embeddingDiversity, meanWithCi, recoveryRecall, repetitionRate } from "./persona-evaluation.js";
import { recoveryPrompt, rubricPrompt } from "./judge-prompts.js";

describe("persona evaluation aggregates", () => {
  it("repetition rate is 1 − distinct/n, case- and space-insensitive", () => {
    expect(repetitionRate(["Anna Schmidt", "anna  schmidt", "Jonas Weber", "Lea Koch"])).toBe(0.25);
    expect(repetitionRate(["a", "b"])).toBe(0);
    expect(repetitionRate([])).toBe(0);
  });

  it("embedding diversity: identical profiles 0, orthogonal profiles 1, mixed in between with a CI", () => {
    expect(
      embeddingDiversity(
        [
          [1, 0],
          [1, 0],
          [2, 0],
        ],
        "s",
      ).mean,
    ).toBe(0);
    expect(
      embeddingDiversity(
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
        "s",
      ).mean,
    ).toBe(1);
    const mixed = embeddingDiversity(
      [
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 1],
      ],
      "s",
    );
    expect(mixed.mean).toBeCloseTo(4 / 6, 4);
    expect(mixed.ci![0]).toBeLessThanOrEqual(mixed.mean);
    expect(mixed.ci![1]).toBeGreaterThanOrEqual(mixed.mean);
  });

  it("mean with a bootstrap CI around it; no spread → a point", () => {
    const e = meanWithCi([1, 2, 3, 4, 5], "s");
    expect(e.mean).toBe(3);
    expect(e.ci![0]).toBeLessThan(3);
    expect(e.ci![1]).toBeGreaterThan(3);
    expect(meanWithCi([4, 4, 4], "s").ci).toEqual([4, 4]);
  });

  it("recovery recall counts listed paths, exactly or by number, against the candidates", () => {
    const c = ["A > x", "A > y", "B > z", "B > w"];
    expect(recoveryRecall(c, ["A > x", " B > z ", "not a candidate"])).toBe(0.5);
    expect(recoveryRecall(c, ["2", "4.", "3. B > z"])).toBe(0.75);
    expect(recoveryRecall([], ["x"])).toBe(0);
  });

  it("the two orderings carry the same content in opposite order", () => {
    const a = rubricPrompt({ rubric: "uniqueness", summary: "SUMMARY", attributes: "ATTRS", order: "summary-first" })[1]![1];
    const b = rubricPrompt({ rubric: "uniqueness", summary: "SUMMARY", attributes: "ATTRS", order: "attributes-first" })[1]![1];
    expect(a.indexOf("SUMMARY")).toBeLessThan(a.indexOf("ATTRS"));
    expect(b.indexOf("ATTRS")).toBeLessThan(b.indexOf("SUMMARY"));
    expect(recoveryPrompt({ summary: "s", candidates: ["x > y"] })[1]![1]).toContain("1. x > y");
  });
});
