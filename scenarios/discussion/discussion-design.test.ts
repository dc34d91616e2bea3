// the design of a discussion run: same-country groups, balanced arm assignment stratified by
// country, seeded speaking orders and the interleaved turn list.
import { describe, expect, it } from "vitest";
import { assignArms } from "./assign-arms.js";
import { formGroups } from "./form-groups.js";
import { planDiscussion } from "./plan-discussion.js";

const people = (counts: Record<string, number>) =>
  Object.entries(counts).flatMap(([c, n]) => Array.from({ length: n }, (_, i) => ({ id: `${c}-${i + 1}`, country: c })));
const tally = <T extends string>(xs: T[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});

describe("formGroups", () => {
  it("cuts each country into ceil(n/size) groups whose sizes differ by at most one, never mixing countries", () => {
    const groups = formGroups(people({ KEN: 10, DEU: 8, JPN: 2 }), { size: 4, seed: 1 });
    expect(groups.map((g) => [g.id, g.members.length])).toEqual([
      ["KEN-g01", 4],
      ["KEN-g02", 3],
      ["KEN-g03", 3],
      ["DEU-g01", 4],
      ["DEU-g02", 4],
      ["JPN-g01", 2],
    ]);
    for (const g of groups) expect(g.members.every((id) => id.startsWith(`${g.country}-`))).toBe(true);
    expect(groups.flatMap((g) => g.members).sort()).toEqual(
      people({ KEN: 10, DEU: 8, JPN: 2 })
        .map((p) => p.id)
        .sort(),
    );
  });

  it("is a seeded shuffle: same seed → same groups, another seed → other groups", () => {
    const ps = people({ KEN: 12 });
    expect(formGroups(ps, { size: 4, seed: 7 })).toEqual(formGroups(ps, { size: 4, seed: 7 }));
    expect(formGroups(ps, { size: 4, seed: 7 })).not.toEqual(formGroups(ps, { size: 4, seed: 8 }));
  });

  it("a country with one persona cannot form a group", () => {
    expect(() => formGroups(people({ KEN: 4, DEU: 1 }), { size: 4, seed: 1 })).toThrow(/DEU has 1 persona/);
  });
});

describe("assignArms", () => {
  const arms = ["control", "treatment"] as const;
  it("balances arms within every country and overall (counts differ by at most one)", () => {
    for (let seed = 0; seed < 30; seed++) {
      const groups = formGroups(people({ KEN: 12, DEU: 12, JPN: 8, BRA: 4 }), { size: 4, seed });
      const assigned = assignArms(groups, arms, seed);
      const overall = tally([...assigned.values()]);
      expect(Math.abs((overall.control ?? 0) - (overall.treatment ?? 0))).toBeLessThanOrEqual(1);
      for (const c of ["KEN", "DEU", "JPN"]) {
        const within = tally(groups.filter((g) => g.country === c).map((g) => assigned.get(g.id) as string));
        expect(Math.abs((within.control ?? 0) - (within.treatment ?? 0)), `${c} seed ${seed}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it("odd strata alternate: with 3 + 3 groups the totals are 3 / 3", () => {
    const groups = formGroups(people({ KEN: 12, DEU: 12 }), { size: 4, seed: 3 });
    expect(tally([...assignArms(groups, arms, 3).values()])).toEqual({ control: 3, treatment: 3 });
  });

  it("is seeded: same seed → same assignment; seeds differ → assignments differ somewhere", () => {
    const groups = formGroups(people({ KEN: 16, DEU: 16 }), { size: 4, seed: 1 });
    expect([...assignArms(groups, arms, 5)]).toEqual([...assignArms(groups, arms, 5)]);
    const distinct = new Set(Array.from({ length: 10 }, (_, s) => JSON.stringify([...assignArms(groups, arms, s)])));
    expect(distinct.size).toBeGreaterThan(1);
  });

  it("fewer groups than arms → a usage error; one arm takes every group", () => {
    const one = formGroups(people({ KEN: 4 }), { size: 4, seed: 1 });
    expect(() => assignArms(one, arms, 1)).toThrow(/cannot fill 2 arms/);
    expect([...assignArms(one, ["control"], 1).values()]).toEqual(["control"]);
  });
});

describe("planDiscussion", () => {
  const spec = { groupSize: 4, arms: ["control", "treatment"] as ("control" | "treatment")[], rounds: 3, seed: 2 };
  const plan = planDiscussion(people({ KEN: 8, DEU: 10 }), spec);

  it("every member speaks once a round, in a seeded order per round", () => {
    expect(plan.turns).toHaveLength(3 * 18);
    for (const g of plan.groups) {
      for (let r = 1; r <= 3; r++) {
        const speakers = plan.turns.filter((t) => t.group.id === g.id && t.round === r).map((t) => t.personaId);
        expect([...speakers].sort()).toEqual([...g.members].sort());
      }
    }
    const orders = plan.groups.map((g) =>
      [1, 2, 3].map((r) =>
        plan.turns
          .filter((t) => t.group.id === g.id && t.round === r)
          .map((t) => t.personaId)
          .join(),
      ),
    );
    expect(orders.some((o) => new Set(o).size > 1)).toBe(true);
    expect(planDiscussion(people({ KEN: 8, DEU: 10 }), spec).turns.map((t) => t.key)).toEqual(plan.turns.map((t) => t.key));
  });

  it("interleaves groups, and a group's turns come in order (each after its predecessor)", () => {
    expect(plan.turns.slice(0, plan.groups.length).map((t) => t.group.id)).toEqual(plan.groups.map((g) => g.id));
    const seen = new Map<string, number>();
    for (const t of plan.turns) {
      expect(t.index).toBe(seen.get(t.group.id) ?? 0);
      seen.set(t.group.id, t.index + 1);
    }
    expect(plan.turns[0]?.key).toMatch(/^KEN-g01\/r1\/t1$/);
  });
});
