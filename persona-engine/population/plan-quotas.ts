// quota planning for one country. quotas on sex, age bands and education are met by raking (IPF)
// the core joint sex × age × education to the quota margins — the least-change joint that meets
// them, so the within-cell structure of the tables is kept. quotas on the chained variables fix
// the level (later draws condition on it) with the marginal the chain implies as its population
// share — an approximation (the fixed level ignores age and sex, guards do not apply). the result is a list of quota cells
// ("keys") with the population share P and the design share Q of each; the sampler allocates
// exact counts to keys and weights each record by P / (sample share of its key).
import { ERROR_CODES, UsageError } from "../../core/errors.js";
import { buildAliasTable, type AliasTable } from "./alias-table.js";
import { CHAIN_VARIABLES, type CompiledPopulation, type ChainVariable } from "./compile-population.js";
import type { Quota } from "./parse-quota.js";

export interface QuotaKey {
  /** core group index */
  group: number;
  /** per CHAIN_VARIABLES index: the forced level index, or -1 when drawn freely */
  fixed: Int16Array;
  /** population share of the key (tables) */
  p: number;
  /** design share of the key (quotas) */
  q: number;
}

export interface CountryQuotaPlan {
  keys: QuotaKey[];
  /** per core group: alias over its cells (proportional to the raked joint) and the cell ids */
  groupAlias: AliasTable[];
  groupCells: Int32Array[];
}

const CORE_QUOTA = new Set(["sex", "age", "education_level", "education"]);
const MAX_KEYS = 200_000;
/** a core cell's level of a core quota variable (age quotas match bands instead) */
const CELL_LEVEL: Record<string, (core: CompiledPopulation["core"], c: number) => string | undefined> = {
  sex: (core, c) => (core.sex[c] === 0 ? "female" : "male"),
  education_level: (core, c) => core.educationLevelLevels[core.educationLevel[c] as number],
  education: (core, c) => core.educationLevels[core.education[c] as number],
};

function fail(msg: string): never {
  throw new UsageError(msg, { code: ERROR_CODES.invalidInput });
}

const fallbackHint = (cp: CompiledPopulation) =>
  cp.table.donor_proxies && cp.fallback === "none" ? " (donor proxies exist: opt in with fallback 'proxy' / --fallback proxy)" : "";

/** the quota plan of one country, or null without quotas */
export function planCountryQuotas(cp: CompiledPopulation, quotas: readonly Quota[]): CountryQuotaPlan | null {
  if (quotas.length === 0) return null;
  const core = cp.core;
  const coreQuotas = quotas.filter((q) => CORE_QUOTA.has(q.variable));
  const otherQuotas = quotas.filter((q) => !CORE_QUOTA.has(q.variable));

  // --- rake the core joint ----------------------------------------------------------------------
  const q = Float64Array.from(core.p);
  const cellTarget: Int32Array[] = coreQuotas.map((quota) => {
    const idx = new Int32Array(core.n).fill(-1);
    if ((quota.variable === "education_level" || quota.variable === "education") && core.educationLevelId === "unavailable") {
      fail(`quota on ${quota.variable} is impossible for ${cp.iso3}: its education table is unavailable${fallbackHint(cp)}`);
    }
    for (let c = 0; c < core.n; c++) {
      const age = core.age[c] as number;
      const level = CELL_LEVEL[quota.variable]?.(core, c);
      idx[c] =
        quota.variable === "age"
          ? quota.targets.findIndex((t) => t.ages !== undefined && age >= t.ages[0] && age <= t.ages[1])
          : quota.targets.findIndex((t) => t.level === level);
    }
    return idx;
  });
  coreQuotas.forEach((quota, k) => {
    const idx = cellTarget[k] as Int32Array;
    for (let c = 0; c < core.n; c++) {
      const t = idx[c] as number;
      if (t < 0 || !((quota.targets[t]?.share ?? 0) > 0)) q[c] = 0;
    }
  });
  const margins = (k: number): Float64Array => {
    const quota = coreQuotas[k] as Quota;
    const idx = cellTarget[k] as Int32Array;
    const mass = new Float64Array(quota.targets.length);
    for (let c = 0; c < core.n; c++)
      if ((q[c] as number) > 0) mass[idx[c] as number] = (mass[idx[c] as number] as number) + (q[c] as number);
    return mass;
  };
  let converged = coreQuotas.length === 0;
  for (let iter = 0; iter < 5000 && !converged; iter++) {
    coreQuotas.forEach((quota, k) => {
      const mass = margins(k);
      quota.targets.forEach((t, ti) => {
        if (t.share > 0 && !((mass[ti] as number) > 0)) {
          fail(
            `quota ${quota.variable}=${t.level}:${t.share} cannot be met for ${cp.iso3}: the tables give '${t.level}' no population${coreQuotas.length > 1 ? " within the other quotas" : ""}`,
          );
        }
      });
      const idx = cellTarget[k] as Int32Array;
      for (let c = 0; c < core.n; c++) {
        if (!((q[c] as number) > 0)) continue;
        const ti = idx[c] as number;
        q[c] = ((q[c] as number) * (quota.targets[ti] as { share: number }).share) / (mass[ti] as number);
      }
    });
    let err = 0;
    coreQuotas.forEach((quota, k) => {
      const mass = margins(k);
      quota.targets.forEach((t, ti) => (err = Math.max(err, Math.abs((mass[ti] as number) - t.share))));
    });
    converged = err < 1e-9;
  }
  if (!converged) fail(`the quotas on ${coreQuotas.map((x) => x.variable).join(", ")} cannot be met together for ${cp.iso3}`);

  // --- core groups: the distinct combinations of core quota levels -----------------------------
  const groupOf = new Map<string, number>();
  const gCells: number[][] = [];
  const gP: number[] = [];
  const gQ: number[] = [];
  for (let c = 0; c < core.n; c++) {
    if (!((q[c] as number) > 0)) continue;
    const key = cellTarget.map((idx) => idx[c]).join("|");
    let g = groupOf.get(key);
    if (g === undefined) {
      g = gCells.length;
      groupOf.set(key, g);
      gCells.push([]);
      gP.push(0);
      gQ.push(0);
    }
    (gCells[g] as number[]).push(c);
    gP[g] = (gP[g] as number) + (core.p[c] as number);
    gQ[g] = (gQ[g] as number) + (q[c] as number);
  }
  const groupCells = gCells.map((cs) => Int32Array.from(cs));
  const groupAlias = groupCells.map((cs) => buildAliasTable(Array.from(cs, (c) => q[c] as number)));

  // --- other quota variables --------------------------------------------------------------------
  const dims: { vi: number; levels: { level: number; p: number; q: number }[] }[] = otherQuotas.map((quota) => {
    const v = quota.variable as ChainVariable;
    const m = cp.chain[v];
    if (!m) fail(`quota on ${v} is impossible for ${cp.iso3}: its ${v} table is unavailable${fallbackHint(cp)}`);
    const levels = quota.targets
      .filter((t) => t.share > 0)
      .map((t) => {
        const li = m.levels.indexOf(t.level);
        const p = li >= 0 ? (m.shares[li] as number) : 0;
        if (!(p > 0)) fail(`quota ${v}=${t.level}:${t.share} cannot be met for ${cp.iso3}: the tables give '${t.level}' a zero share`);
        return { level: li, p, q: t.share };
      });
    return { vi: CHAIN_VARIABLES.indexOf(v), levels };
  });
  let nKeys = groupCells.length;
  for (const d of dims) nKeys *= d.levels.length;
  if (nKeys > MAX_KEYS) fail(`the quotas define ${nKeys} cells (over ${MAX_KEYS}); use fewer quota variables or levels`);

  const keys: QuotaKey[] = [];
  const walk = (g: number, d: number, fixed: Int16Array, p: number, qq: number) => {
    if (d === dims.length) {
      keys.push({ group: g, fixed: fixed.slice(), p, q: qq });
      return;
    }
    const dim = dims[d] as (typeof dims)[number];
    for (const l of dim.levels) {
      fixed[dim.vi] = l.level;
      walk(g, d + 1, fixed, p * l.p, qq * l.q);
    }
    fixed[dim.vi] = -1;
  };
  for (let g = 0; g < groupCells.length; g++) {
    walk(g, 0, new Int16Array(CHAIN_VARIABLES.length).fill(-1), gP[g] as number, gQ[g] as number);
  }
  return { keys, groupAlias, groupCells };
}
