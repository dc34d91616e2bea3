import { describe, expect, it } from "vitest";
import { benjaminiHochberg, wilsonInterval } from "./benjamini-hochberg.js";

describe("benjaminiHochberg / wilsonInterval", () => {
  it("matches the textbook step-up (R p.adjust 'BH')", () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]);
    expect(q.map((x) => Number(x.toFixed(6)))).toEqual([0.025, 0.05, 0.05, 0.025, 0.5]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
  it("Wilson 95% for 0/10 and 5/10 (Newcombe 1998)", () => {
    const [lo, hi] = wilsonInterval(0, 10) as [number, number];
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.2775, 3);
    const [a, b] = wilsonInterval(5, 10) as [number, number];
    expect(a).toBeCloseTo(0.2366, 3);
    expect(b).toBeCloseTo(0.7634, 3);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
