// the raking targets come from the population tables (each dimension sums to 1, sex × age close to
// the WPP adult shares), and raking a skewed set of personas (all urban, mostly old women) makes
// their weighted margins hit those targets; an unrakeable dimension level leaves convergence false.
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { populationRakeTargets } from "./population-rake-targets.js";
import { rakePersonaWeights, type RakeablePersona } from "./rake-persona-weights.js";

describe("population raking of personas", () => {
  it("targets: every dimension of DEU sums to 1", () => {
    const t = populationRakeTargets("DEU");
    expect(Object.keys(t)).toEqual(["sex_age", "education_level", "settlement"]);
    for (const shares of Object.values(t)) expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(Object.keys(t.sex_age!).sort()).toEqual(["female|18-29", "female|30-49", "female|50+", "male|18-29", "male|30-49", "male|50+"]);
    expect(t.sex_age!["female|50+"]).toBeGreaterThan(t.sex_age!["female|18-29"]!);
  });

  it("weighted margins of a skewed persona set match the targets", () => {
    const rng = createRng("rake-personas");
    const personas: RakeablePersona[] = Array.from({ length: 600 }, (_, i) => ({
      id: `p${i}`,
      country: "DEU",
      sex: rng.next() < 0.7 ? "female" : "male",
      age: [22, 40, 65][rng.weightedIndex([0.15, 0.25, 0.6])]!,
      education_level: ["lower", "middle", "higher"][rng.weightedIndex([0.2, 0.3, 0.5])]!,
      settlement: rng.next() < 0.6 ? "urban" : "rural",
    }));
    const r = rakePersonaWeights(personas);
    expect(r.by_country.DEU!.converged).toBe(true);
    expect(r.by_country.DEU!.kish_n).toBeLessThan(600);
    const t = populationRakeTargets("DEU");
    const share = (pred: (p: RakeablePersona) => boolean) => personas.reduce((s, p) => s + (pred(p) ? r.weights.get(p.id)! : 0), 0) / 600;
    expect(share((p) => p.sex === "female" && p.age! >= 50)).toBeCloseTo(t.sex_age!["female|50+"]!, 4);
    expect(share((p) => p.education_level === "higher")).toBeCloseTo(t.education_level!.higher!, 4);
    expect(share((p) => p.settlement === "urban")).toBeCloseTo(t.settlement!.urban!, 4);
  });
});
