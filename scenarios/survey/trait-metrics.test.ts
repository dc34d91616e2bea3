// Big Five metrics on synthetic answers with a known pattern: an arm whose country means follow
// the culture means is closest (decided by paired persona-bootstrap CIs) far more often than an
// arm answering at random; alpha is high for the structured arm and near 0 for random answers;
// every arm shares one SD (t_scale) and the reference is described as observer ratings.
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { loadInstrument } from "../../surveys/load-instrument.js";
import { findBigFiveCulture } from "../../surveys/references/load-reference.js";
import type { ResponseRecord } from "./response-record.js";
import { traitMetrics } from "./trait-metrics.js";

const inst = loadInstrument("bigfive");
const countries = ["DEU", "JPN", "USA"];

function rows(): ResponseRecord[] {
  const rng = createRng("traits");
  const out: ResponseRecord[] = [];
  if (inst.scoring.kind !== "trait-means") throw new Error("bigfive is trait-scored");
  const traitOf = new Map(inst.scoring.traits.flatMap((t) => t.items.map((i) => [i, t.id] as const)));
  for (const arm of ["structured", "random"]) {
    for (const country of countries) {
      const culture = findBigFiveCulture(country) as unknown as Record<string, number>;
      for (let p = 0; p < 100; p++) {
        // culture T − 50 in individual SDs (T metric: SD 10) × an individual SD of 0.6 scale points
        const latent = Object.fromEntries(
          inst.scoring.traits.map((t) => [t.id, (((culture[t.id] ?? 50) - 50) / 10) * 0.6 + rng.normal() * 0.6]),
        );
        for (const item of inst.items) {
          const trait = traitOf.get(item.id) as string;
          let code: number;
          if (arm === "random") code = 1 + rng.int(5);
          else {
            const want = Math.max(1, Math.min(5, Math.round(3 + (latent[trait] as number) + rng.normal() * 0.5)));
            code = item.direction === -1 ? 6 - want : want;
          }
          out.push({
            arm,
            persona_id: `${country}-${p}`,
            country,
            item: item.id,
            sample: 0,
            status: "ok",
            value: code,
          } as unknown as ResponseRecord);
        }
      }
    }
  }
  return out;
}

describe("traitMetrics", () => {
  const m = traitMetrics({ rows: rows(), instrument: inst, arms: ["structured", "random"], countries, seed: 1, bootstrap: 200 });
  it("one SD per trait for every arm; the reference is described as observer ratings", () => {
    expect(m.t_scale.sd.E).toEqual(expect.any(Number));
    expect(m.reference.what).toMatch(/OBSERVER ratings/);
  });
  it("the structured arm is decidedly closest more often; random is never decidedly closest", () => {
    expect(m.closest_counts.structured ?? 0).toBeGreaterThan(m.closest_counts.random ?? 0);
    for (const c of countries)
      for (const cell of Object.values(m.closest[c] ?? {})) if (cell.length === 1) expect(cell[0]).toBe("structured");
  });
  it("alpha and omega: high for the structured arm, near 0 for random answers; acquiescence near 0 for random", () => {
    expect(m.reliability.structured?.E?.alpha).toBeGreaterThan(0.7);
    expect(m.reliability.structured?.E?.omega).toBeGreaterThan(0.7);
    expect(Math.abs(m.reliability.random?.E?.alpha as number)).toBeLessThan(0.3);
    expect(Math.abs(m.acquiescence.random?.DEU as number)).toBeLessThan(0.2);
  });
});
