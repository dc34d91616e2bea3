// known truth: one arm answers from the reference itself, one uniformly at random, one always the
// same code. fidelity must sit near 1, near 0 and below 0, the paired contrasts must rank them, and
// the smallest rung not beaten by a deeper one must be the reference-like arm when it comes first.
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { rungFidelity, type RungAnswer } from "./rung-fidelity.js";

const REF = { codes: [1, 2, 3, 4], shares: [0.1, 0.2, 0.3, 0.4] };

function rows(n: number): RungAnswer[] {
  const rng = createRng("rung-fidelity-test");
  const out: RungAnswer[] = [];
  for (const country of ["AAA", "BBB"]) {
    for (const item of ["Q1", "Q2"]) {
      for (let p = 0; p < n; p++) {
        const persona_id = `${country}-${p}`;
        const base = { persona_id, country, item, sample: 0, status: "ok" };
        out.push({ ...base, arm: "real-like", value: REF.codes[rng.weightedIndex(REF.shares)]! });
        out.push({ ...base, arm: "chance", value: REF.codes[rng.int(4)]! });
        out.push({ ...base, arm: "collapsed", value: 4 });
      }
    }
  }
  return out;
}

describe("rungFidelity", () => {
  it("scores a reference-like arm near 1, chance near 0, a collapsed arm below 0, with paired contrasts", () => {
    const r = rungFidelity({ rows: rows(150), arms: ["real-like", "chance", "collapsed"], reference: () => REF, seed: 1, replicates: 200, floorDraws: 200 });
    expect(r.cells).toBe(4);
    const fid = Object.fromEntries(r.rungs.map((x) => [x.arm, x.fidelity]));
    expect(fid["real-like"]).toBeGreaterThan(0.6);
    expect(Math.abs(fid.chance!)).toBeLessThan(0.4);
    expect(fid.collapsed).toBeLessThan(-0.5);
    const c = r.contrasts.find((x) => x.shallower === "chance" && x.deeper === "collapsed")!;
    expect(c.ci![1]).toBeLessThan(0);
    expect(r.smallest_sufficient).toBe("real-like");
    const rev = rungFidelity({ rows: rows(150), arms: ["collapsed", "chance", "real-like"], reference: () => REF, seed: 1, replicates: 200 });
    expect(rev.contrasts.find((x) => x.shallower === "collapsed" && x.deeper === "real-like")!.deeper_wins).toBe(true);
    expect(rev.smallest_sufficient).toBe("real-like");
  });
});
