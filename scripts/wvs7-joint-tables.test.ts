// the build's statistics against known truth: pseudo-count shrinkage toward the parent row lowers
// the error of small groups (simulation), vanishes for large ones; raking meets its margin.
import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { gridKeys, pooledRow, rakeRows, shrinkTable, type JointTable } from "./wvs7-joint-tables.js";

const tvd = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + Math.abs(x - (b[i] as number)), 0) / 2;

function multinomial(p: readonly number[], n: number, u: () => number): number[] {
  const out = p.map(() => 0);
  for (let i = 0; i < n; i++) {
    let x = u();
    let k = 0;
    while (k < p.length - 1 && x >= (p[k] as number)) x -= p[k++] as number;
    out[k] = (out[k] as number) + 1;
  }
  return out;
}

describe("shrinkTable (pseudo-count toward the parent row)", () => {
  // truth: employment-like rows per sex × age; the sexes differ a little within an age group
  const ages = ["18-24", "25-34", "65+"];
  const truth: Record<string, number[]> = {
    "female|18-24": [0.3, 0.1, 0.6, 0],
    "male|18-24": [0.4, 0.05, 0.55, 0],
    "female|25-34": [0.6, 0.2, 0.15, 0.05],
    "male|25-34": [0.75, 0.1, 0.1, 0.05],
    "female|65+": [0.03, 0.02, 0.05, 0.9],
    "male|65+": [0.05, 0.02, 0.03, 0.9],
  };
  const dims = [["female", "male"], ages] as const;

  it("lowers the mean error of small groups (n = 8) against the truth, without moving zero-probability levels far", () => {
    const rng = createRng("shrink-sim");
    const u = () => rng.next();
    let raw = 0;
    let shrunk = 0;
    let reps = 0;
    for (let rep = 0; rep < 300; rep++) {
      const t: JointTable = new Map();
      for (const [k, p] of Object.entries(truth)) {
        const n = k.endsWith("65+") ? 400 : 8; // the parent (age group) is as small as its children here
        const c = multinomial(p, n, u);
        t.set(k, { p: c.map((x) => x / n), n });
      }
      const s = shrinkTable(t, dims, (k) => k.split("|")[1] as string, { k: 10 });
      for (const k of ["female|18-24", "male|25-34"]) {
        raw += tvd(t.get(k)!.p, truth[k]!);
        shrunk += tvd(s.rows[k]!, truth[k]!);
        reps++;
      }
      // the 18-24 "retired" level has probability 0 in both sexes: shrinkage toward the same age group keeps it 0
      expect(s.rows["female|18-24"]![3]).toBe(0);
    }
    expect(shrunk / reps).toBeLessThan((raw / reps) * 0.9);
  });

  it("leaves large groups (n = 100,000) essentially unchanged and fills a missing group with its parent", () => {
    const t: JointTable = new Map([
      ["female|18-24", { p: [0.3, 0.1, 0.6, 0], n: 100_000 }],
      ["male|18-24", { p: [0.4, 0.05, 0.55, 0], n: 100_000 }],
    ]);
    const s = shrinkTable(
      t,
      [
        ["female", "male"],
        ["18-24", "25-34"],
      ],
      (k) => k.split("|")[1] as string,
    );
    expect(tvd(s.rows["female|18-24"]!, [0.3, 0.1, 0.6, 0])).toBeLessThan(1e-4);
    // no 25-34 group at all: its parent (no 25-34 rows either) falls back to the pooled table
    expect(s.rows["male|25-34"]).toEqual([0.35, 0.075, 0.575, 0]);
    expect(s.n["male|25-34"]).toBe(0);
    expect(gridKeys([["a", "b"], ["x"]])).toEqual(["a|x", "b|x"]);
    expect(
      pooledRow([
        { p: [1, 0], n: 3 },
        { p: [0, 1], n: 1 },
      ]),
    ).toEqual([0.75, 0.25]);
  });
});

describe("rakeRows", () => {
  it("meets the target margin under the group weights and keeps each row a distribution", () => {
    const rows = [
      [0.5, 0.3, 0.2],
      [0.7, 0.2, 0.1],
      [0.9, 0.05, 0.05],
    ];
    const w = [0.2, 0.5, 0.3];
    const target = [0.6, 0.3, 0.1];
    const r = rakeRows(rows, w, target);
    for (const row of r) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    target.forEach((t, j) => expect(r.reduce((s, row, g) => s + w[g]! * row[j]!, 0)).toBeCloseTo(t, 8));
    // the age pattern survives: the first group stays the least "level 0"
    expect(r[0]![0]!).toBeLessThan(r[2]![0]!);
  });
});
