import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTaxonomySource } from "./parse-taxonomy-source.js";
import { validateTaxonomy } from "./validate-taxonomy.js";
import { nameProblems } from "./validate-node-name.js";
import { readTaxonomyPath } from "./read-taxonomy-path.js";

const fixtures = join(import.meta.dirname, "..", "..", "test", "fixtures", "taxonomy");

function problemsOf(file: string) {
  const parsed = parseTaxonomySource(readFileSync(join(fixtures, file), "utf8"), file);
  return [...parsed.problems, ...(parsed.category ? validateTaxonomy([parsed.category]) : [])];
}

describe("taxonomy validation", () => {
  const problems = problemsOf("bad-all-rules.txt");
  const has = (rule: string, pathPart: string) => problems.some((p) => p.rule === rule && p.path.includes(pathPart));

  it("reports every rule with its path, all at once", () => {
    expect(has("options", "Favourite Cuisine")).toBe(true); // 2 options < 3
    expect(has("duplicate", "Favourite Cuisine")).toBe(true);
    expect(has("unit", "Weekly Grocery Spend")).toBe(true);
    expect(has("kind", "bad-all-rules.txt:7")).toBe(true); // unknown kind 'colour'
    expect(has("kind", "Spice Tolerance")).toBe(true); // leaf without kind
    expect(has("kind", "bad-all-rules.txt:9")).toBe(true); // detail on a text kind
    expect(has("name", "mealPrepHabit")).toBe(true); // camelCase
    expect(has("name", "meal_prep_style")).toBe(true); // snake_case
    expect(has("name", "Tastes Sweet.")).toBe(true); // trailing punctuation
    expect(has("meta-label", "User Preferences")).toBe(true);
    expect(has("description", "No Description Facet")).toBe(true);
    expect(has("depth", "Level Five")).toBe(true);
    const rules = new Set(problems.map((p) => p.rule));
    for (const r of ["options", "duplicate", "unit", "kind", "name", "meta-label", "description", "depth"]) expect(rules).toContain(r);
  });

  it("a clean tree has no problems", () => {
    expect(problemsOf("good-small.txt")).toEqual([]);
  });

  it("requires the 12 categories for a full taxonomy", () => {
    const parsed = parseTaxonomySource(readFileSync(join(fixtures, "good-small.txt"), "utf8"));
    const p = validateTaxonomy([parsed.category!], { requireCategories: true });
    expect(p.filter((x) => x.rule === "categories")).toHaveLength(11);
  });

  it("syntax: odd indentation and tabs are located by line", () => {
    const parsed = parseTaxonomySource("Cat :: d\n   Odd [text]\n\tTab [text]\n", "x.txt");
    expect(parsed.problems.map((p) => p.path)).toEqual(["x.txt:2", "x.txt:3"]);
  });

  it("names: title case with small words, acronyms and commas are fine", () => {
    expect(nameProblems("Core Values, Beliefs and Philosophy")).toEqual([]);
    expect(nameProblems("Time Spent on TV per Week")).toEqual([]);
    expect(nameProblems("Sends Money to Relatives Abroad")).toEqual([]);
    expect(nameProblems("favourite colour").length).toBeGreaterThan(0);
    expect(nameProblems("Other")[0]?.rule).toBe("meta-label");
    expect(nameProblems("UserPreferences").some((p) => p.rule === "meta-label")).toBe(true);
  });

  it("reads a mined tree json and reports structural problems", () => {
    const r = readTaxonomyPath(join(fixtures, "good-small.txt"));
    expect(r.categories).toHaveLength(1);
    expect(r.problems).toEqual([]);
  });
});
