// the raking targets of a country from its shipped population tables (the same compiled joint the
// persona sampler draws from): sex × age band (18-29, 30-49, 50+), education level (lower, middle,
// higher) and settlement (urban, rural), each as level → population share. a dimension whose table
// is unavailable for the country is left out (raking then ignores it).
import { compilePopulation } from "../../persona-engine/population/compile-population.js";

export type RakeTargets = Record<string, Record<string, number>>;

/** the age band of the raking targets (the WVS-7 age3 groups) */
export function ageBand(age: number | null | undefined): string | null {
  if (typeof age !== "number" || !Number.isFinite(age)) return null;
  return age < 30 ? "18-29" : age < 50 ? "30-49" : "50+";
}

export function populationRakeTargets(country: string): RakeTargets {
  const cp = compilePopulation(country);
  const core = cp.core;
  const sexAge: Record<string, number> = {};
  const edu: Record<string, number> = {};
  for (let c = 0; c < core.n; c++) {
    const p = core.p[c] as number;
    const key = `${core.sex[c] === 0 ? "female" : "male"}|${ageBand(core.age[c] as number)}`;
    sexAge[key] = (sexAge[key] ?? 0) + p;
    const e = core.educationLevel[c] as number;
    const level = e >= 0 ? core.educationLevelLevels[e] : undefined;
    if (level !== undefined) edu[level] = (edu[level] ?? 0) + p;
  }
  const targets: RakeTargets = { sex_age: sexAge };
  const eduTotal = Object.values(edu).reduce((a, b) => a + b, 0);
  if (eduTotal > 0) targets.education_level = Object.fromEntries(Object.entries(edu).map(([k, v]) => [k, v / eduTotal]));
  const settlement = cp.chain.settlement;
  if (settlement && settlement.shares.some((x) => x > 0))
    targets.settlement = Object.fromEntries(settlement.levels.map((l, i) => [l, settlement.shares[i] as number]));
  return targets;
}
