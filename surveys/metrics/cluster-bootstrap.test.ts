import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { percentileInterval } from "./bootstrap-ci.js";
import { clusterBootstrapMeans, differenceReplicates, pooledMean, type Cluster } from "./cluster-bootstrap.js";

const width = (iv: [number, number] | null) => (iv ? iv[1] - iv[0] : NaN);

describe("cluster bootstrap", () => {
  it("pooled mean = Σsum / Σn (cluster sizes weigh in); NaN when empty", () => {
    expect(
      pooledMean([
        { sum: 4, n: 4 },
        { sum: 0, n: 1 },
      ]),
    ).toBeCloseTo(0.8, 12);
    expect(pooledMean([])).toBeNaN();
  });

  it("is seeded: same rng seed → identical replicates", () => {
    const clusters: Cluster[] = [
      { sum: 1, n: 2 },
      { sum: 3, n: 2 },
      { sum: -2, n: 3 },
    ];
    expect(clusterBootstrapMeans(clusters, 200, createRng(1))).toEqual(clusterBootstrapMeans(clusters, 200, createRng(1)));
    expect(clusterBootstrapMeans(clusters, 200, createRng(1))).not.toEqual(clusterBootstrapMeans(clusters, 200, createRng(2)));
  });

  it("resamples whole clusters: identical clusters give a zero-width interval, whatever happens inside them", () => {
    const same = Array.from({ length: 6 }, () => ({ sum: 2, n: 4 }));
    expect(width(percentileInterval(clusterBootstrapMeans(same, 500, createRng(3))))).toBe(0);
  });

  it("with correlated members the clustered interval is wider than the persona-level one", () => {
    // 10 groups of 4: members of a group share the group's shift (±1), plus small noise
    const rng = createRng(9);
    const groups = Array.from({ length: 10 }, (_, g) => Array.from({ length: 4 }, () => (g % 2 === 0 ? 1 : -1) + rng.normal() * 0.1));
    const clustered = groups.map((xs) => ({ sum: xs.reduce((a, b) => a + b, 0), n: xs.length }));
    const persons = groups.flat().map((x) => ({ sum: x, n: 1 }));
    const wc = width(percentileInterval(clusterBootstrapMeans(clustered, 2000, createRng(1))));
    const wp = width(percentileInterval(clusterBootstrapMeans(persons, 2000, createRng(1))));
    expect(wc).toBeGreaterThan(1.5 * wp);
    // both centre on the same estimate
    const mean = pooledMean(clustered);
    expect(mean).toBeCloseTo(pooledMean(persons), 12);
  });

  it("singleton clusters are the ordinary bootstrap of a mean (its interval covers the mean)", () => {
    const xs = [1, 2, 2, 3, 4, 4, 4, 5].map((x) => ({ sum: x, n: 1 }));
    const iv = percentileInterval(clusterBootstrapMeans(xs, 2000, createRng(4)));
    expect(iv?.[0]).toBeLessThan(3.125);
    expect(iv?.[1]).toBeGreaterThan(3.125);
  });

  it("no clusters → NaN replicates (no interval); differences pair replicates index-wise", () => {
    expect(percentileInterval(clusterBootstrapMeans([], 10, createRng(1)))).toBeNull();
    expect(Array.from(differenceReplicates([3, 2], [1, 1]))).toEqual([2, 1]);
    expect(() => differenceReplicates([1], [1, 2])).toThrow(/differ in length/);
  });
});
