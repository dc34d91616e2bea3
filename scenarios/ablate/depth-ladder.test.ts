// known truth: one arm answers from the reference itself, one uniformly at random, one always the
// same code. fidelity must sit near 1, near 0 and below 0, the paired contrasts must rank them, and
// the smallest rung not beaten by a deeper one must be the reference-like arm when it comes first.
// under the null (three arms drawing from one distribution) the Bonferroni-adjusted contrasts must
// rarely declare any deeper rung better (family-wise error ≤ α, checked over repetitions).
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import type { AnswerRow } from "../calibrate/answer-row.js";
import { depthLadder } from "./depth-ladder.js";

const SUPPORT = [1, 2, 3, 4];
const REF = [0.1, 0.2, 0.3, 0.4];
const ITEMS = ["Q1", "Q2"].map((id) => ({ id, support: SUPPORT, ordinal: true, range: 3 }));

function rows(n: number, arms: Record<string, (rng: ReturnType<typeof createRng>) => number>, seed: string): AnswerRow[] {
  const rng = createRng(seed);
  const out: AnswerRow[] = [];
  for (const country of ["AAA", "BBB"]) {
    for (const item of ["Q1", "Q2"]) {
      for (let p = 0; p < n; p++) {
        const base = { persona_id: `${country}-${p}`, country, item, sample: 0, status: "ok" };
        for (const [arm, draw] of Object.entries(arms)) out.push({ ...base, arm, value: draw(rng) });
      }
    }
  }
  return out;
}

const realLike = (rng: ReturnType<typeof createRng>) => SUPPORT[rng.weightedIndex(REF)] as number;
const chance = (rng: ReturnType<typeof createRng>) => SUPPORT[rng.int(4)] as number;

describe("depthLadder", () => {
  it("scores a reference-like arm near 1, chance near 0, a collapsed arm below 0, with paired contrasts", () => {
    const data = rows(150, { "real-like": realLike, chance, collapsed: () => 4 }, "ladder-test");
    const ladder = (arms: string[]) => depthLadder({ rows: data, arms, items: ITEMS, reference: () => REF, seed: 1, bootstrap: 600 });
    const r = ladder(["real-like", "chance", "collapsed"]);
    expect(r.cells).toBe(4);
    expect(r.comparisons).toBe(3);
    expect(r.contrast_confidence).toBeCloseTo(1 - 0.05 / 3, 10);
    const fid = Object.fromEntries(r.rungs.map((x) => [x.arm, x.fidelity.value as number]));
    expect(fid["real-like"]).toBeGreaterThan(0.6);
    expect(Math.abs(fid.chance!)).toBeLessThan(0.4);
    expect(fid.collapsed).toBeLessThan(-0.5);
    const c = r.contrasts.find((x) => x.shallower === "chance" && x.deeper === "collapsed")!;
    expect(c.value).toBeCloseTo(fid.collapsed! - fid.chance!, 5);
    expect(c.ci![1]).toBeLessThan(0);
    expect(r.smallest_sufficient).toBe("real-like");
    const rev = ladder(["collapsed", "chance", "real-like"]);
    expect(rev.contrasts.find((x) => x.shallower === "collapsed" && x.deeper === "real-like")!.deeper_wins).toBe(true);
    expect(rev.contrasts.find((x) => x.shallower === "chance" && x.deeper === "real-like")!.deeper_wins).toBe(true);
    expect(rev.smallest_sufficient).toBe("real-like");
  });

  it("under the null, a deeper rung is declared better in at most ~α of ladders", () => {
    const sims = 60;
    let falseWins = 0;
    for (let s = 0; s < sims; s++) {
      const data = rows(40, { a: realLike, b: realLike, c: realLike }, `null-${s}`);
      const r = depthLadder({
        rows: data,
        arms: ["a", "b", "c"],
        items: ITEMS,
        reference: () => REF,
        seed: s,
        bootstrap: 400,
        nullDraws: 300,
      });
      if (r.contrasts.some((c) => c.deeper_wins)) falseWins++;
      expect(r.smallest_sufficient).not.toBeNull();
    }
    expect(falseWins / sims).toBeLessThanOrEqual(0.12);
  }, 120_000);
});
