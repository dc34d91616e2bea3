// simulation check of the fidelity intervals against KNOWN truth (VALIDITY.md §2): a 10-point
// item with a skewed reference p, simulators at the floor (answers drawn from p: fidelity 1),
// halfway (½p + ½uniform) and at chance (uniform: fidelity 0), n = 30, 100, 400 personas; paired
// arm contrasts with persona-correlated answers; personas answering 3 samples each. the true
// fidelity is (uniform − E[d]) / (uniform − floor) with E[d] from 2500 fresh samples of the
// generating process. everything is seeded, so the figures are reproducible.
import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../core/rng.js";
import { clusterWeights } from "./cluster-bootstrap.js";
import { differenceEstimate, summariseEstimate } from "./estimate.js";
import { FIDELITY_METRICS, fidelityDistance } from "./fidelity-distances.js";
import { itemFidelity } from "./item-fidelity.js";
import { nullDistances } from "./null-distances.js";
import { percentileInterval } from "./bootstrap-ci.js";
import { buildUnitSample, unitMean, type UnitInput } from "./unit-sample.js";

const support = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const p = [0.02, 0.02, 0.04, 0.06, 0.2, 0.12, 0.16, 0.18, 0.1, 0.1];
const B = 200;

/** personas: a core answer from p; each sample repeats it w.p. `keep`, else a uniform answer */
function personas(rng: Rng, n: number, keep: number, samples = 1): UnitInput[] {
  return Array.from({ length: n }, (_, i) => {
    const core = support[rng.weightedIndex(p)] as number;
    const answers = Array.from({ length: samples }, () => (rng.next() < keep ? core : (support[rng.int(10)] as number)));
    return { id: `p${i}`, answers };
  });
}

/** the true mean fidelity over the three metrics for personas(n, keep, samples) */
function truth(n: number, keep: number, samples: number, rng: Rng): number {
  const nd = nullDistances(p, support, n, FIDELITY_METRICS);
  const sums = FIDELITY_METRICS.map(() => 0);
  const draws = 2500;
  for (let d = 0; d < draws; d++) {
    const q = unitMean(buildUnitSample(support, personas(rng, n, keep, samples))) as Float64Array;
    FIDELITY_METRICS.forEach((m, i) => (sums[i] = (sums[i] as number) + fidelityDistance(m, q, p, support)));
  }
  let f = 0;
  FIDELITY_METRICS.forEach((m, i) => {
    const x = nd[m] as { floor: number; uniform: number };
    f += (x.uniform - (sums[i] as number) / draws) / (x.uniform - x.floor);
  });
  return f / FIDELITY_METRICS.length;
}

const covers = (ci: [number, number] | null, x: number) => ci !== null && ci[0] <= x && x <= ci[1];

describe("fidelity intervals cover the truth (simulation)", () => {
  it("fidelity score: coverage ≥ 0.90 at nominal 0.95 for n = 30, 100, 400 (floor, halfway, chance)", () => {
    const rng = createRng("fidelity-coverage");
    const rows: string[] = [];
    for (const n of [30, 100, 400]) {
      const reps = n === 400 ? 50 : 100;
      let hits = 0;
      let total = 0;
      for (const keep of [1, 0.5, 0]) {
        // keep = 1: answers drawn from p (truth 1 up to Monte Carlo error); 0: uniform (truth 0)
        const t = truth(n, keep, 1, rng.fork(`truth:${n}:${keep}`));
        let h = 0;
        for (let r = 0; r < reps; r++) {
          const g = rng.fork(`${n}:${keep}:${r}`);
          const f = itemFidelity(buildUnitSample(support, personas(g, n, keep)), p, { ordinal: true, bootstrap: B, rng: g.fork("boot") });
          if (covers(f.summary.fidelity.ci, t)) h++;
        }
        rows.push(`n=${n} keep=${keep} truth=${t.toFixed(3)} coverage=${(h / reps).toFixed(2)}`);
        expect(h / reps, rows.at(-1)).toBeGreaterThanOrEqual(0.85);
        hits += h;
        total += reps;
      }
      expect(hits / total, rows.join("\n")).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("the percentile interval of a plug-in distance misses a simulator at the floor (why fidelity exists)", () => {
    const rng = createRng("naive");
    const n = 50;
    let hits = 0;
    const reps = 60;
    for (let r = 0; r < reps; r++) {
      const g = rng.fork(String(r));
      const s = buildUnitSample(support, personas(g, n, 1));
      const w = clusterWeights(g.fork("boot"), n, B);
      const reps2 = new Float64Array(B);
      for (let b = 0; b < B; b++) reps2[b] = fidelityDistance("js_distance", unitMean(s, w, b * n) as Float64Array, p, support);
      // the true JS distance of a simulator that IS the reference is 0
      if (covers(percentileInterval(reps2), 0)) hits++;
    }
    expect(hits / reps).toBeLessThan(0.1);
  });

  it("paired arm contrasts (same personas in both arms): coverage ≥ 0.90, and persona samples nest", () => {
    const rng = createRng("contrast-coverage");
    const lines: string[] = [];
    let hitsAll = 0;
    let totalAll = 0;
    for (const [n, keepA, keepB, samples] of [
      [30, 0.7, 0.4, 1],
      [100, 0.7, 0.4, 1],
      [400, 0.7, 0.4, 1],
      [100, 0.5, 0.5, 1],
      [100, 0.6, 0.3, 3],
    ] as const) {
      const delta =
        truth(n, keepA, samples, rng.fork(`ta:${n}:${keepA}:${samples}`)) -
        truth(n, keepB, samples, rng.fork(`tb:${n}:${keepB}:${samples}`));
      const reps = n === 400 ? 60 : 80;
      let h = 0;
      for (let r = 0; r < reps; r++) {
        const g = rng.fork(`${n}:${keepA}:${keepB}:${samples}:${r}`);
        // one core answer per persona, shared by both arms: the arms are correlated through it
        const cores = Array.from({ length: n }, () => support[g.weightedIndex(p)] as number);
        const arm = (keep: number): UnitInput[] =>
          cores.map((core, i) => ({
            id: `p${i}`,
            answers: Array.from({ length: samples }, () => (g.next() < keep ? core : (support[g.int(10)] as number))),
          }));
        const counts = clusterWeights(g.fork("boot"), n, B);
        const a = itemFidelity(buildUnitSample(support, arm(keepA)), p, { ordinal: true, counts });
        const b = itemFidelity(buildUnitSample(support, arm(keepB)), p, { ordinal: true, counts });
        const c = summariseEstimate(differenceEstimate(a.estimates.mean!, b.estimates.mean!));
        if (covers(c.ci, delta)) h++;
      }
      lines.push(`n=${n} A=${keepA} B=${keepB} samples=${samples} Δ=${delta.toFixed(3)} coverage=${(h / reps).toFixed(2)}`);
      expect(h / reps, lines.at(-1)).toBeGreaterThanOrEqual(0.85);
      hitsAll += h;
      totalAll += reps;
    }
    expect(hitsAll / totalAll, lines.join("\n")).toBeGreaterThanOrEqual(0.9);
  });
});
