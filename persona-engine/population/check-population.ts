// `population check`: draws n records for a country and measures, per variable, the total-variation
// distance between the sampled marginal and the marginal the tables imply. for a variable drawn
// conditionally the expected marginal is its conditional table weighted by the drawn joint of what
// it is conditioned on (education level by the drawn sex × age group, ISCED by the drawn education
// level, denomination by the drawn religion); `tvd_tables` compares with the marginal the tables
// alone imply (WPP joint composed with the conditionals) for reference.
import { ageBandLabel } from "./population-labels.js";
import { compilePopulation, CHAIN_VARIABLES, type PopulationFallback } from "./compile-population.js";
import { UNAVAILABLE_SOURCE, type DemographicRecord } from "./demographic-record.js";
import { samplePopulation } from "./sample-population.js";

/** the acceptance bound of the issue at n = 100,000 (sampling noise alone ≈ 0.007 for age × sex) */
export const TVD_THRESHOLD = 0.012;

export interface VariableCheck {
  variable: string;
  table: string;
  status: string;
  /** categories compared (null counted as its own category) */
  cells: number;
  /** TVD vs the expected marginal (conditionals weighted by the drawn joint); null when unavailable */
  tvd: number | null;
  /** TVD vs the marginal the tables alone imply */
  tvd_tables: number | null;
  /** how the expected marginal was formed */
  expected_from: string;
}

export interface PopulationCheckReport {
  country: string;
  name: string;
  count: number;
  seed: string;
  fallback: PopulationFallback;
  threshold: number;
  max_tvd: number;
  pass: boolean;
  variables: VariableCheck[];
}

type Dist = Map<string, number>;

/** total-variation distance between two distributions given as (possibly unnormalised) weights */
export function totalVariation(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let ta = 0;
  let tb = 0;
  for (const v of a.values()) ta += v;
  for (const v of b.values()) tb += v;
  const keys = new Set([...a.keys(), ...b.keys()]);
  let s = 0;
  for (const k of keys) s += Math.abs((a.get(k) ?? 0) / (ta || 1) - (b.get(k) ?? 0) / (tb || 1));
  return s / 2;
}

const add = (d: Dist, k: string, w: number) => d.set(k, (d.get(k) ?? 0) + w);
const keyOf = (v: unknown) => (v === null ? "(null)" : String(v));

export interface CheckPopulationOptions {
  country: string;
  count: number;
  seed: number | string;
  fallback?: PopulationFallback;
}

export function checkPopulation(opts: CheckPopulationOptions): PopulationCheckReport {
  const fallback = opts.fallback ?? "none";
  const cp = compilePopulation(opts.country, fallback);
  const core = cp.core;
  const ageSex = cp.resolved.age_sex;
  if (ageSex.kind !== "age_sex") throw new Error("age_sex table expected");
  const bandOf = (age: number) => ageSex.bands.findIndex(([lo, hi]) => age >= lo && age <= hi);
  const bandLabel = (bi: number) => {
    const b = ageSex.bands[bi] as [number, number];
    return b[0] === 100 ? "100+" : `${b[0]}-${b[1]}`;
  };

  // --- tally the sample ---------------------------------------------------------------------------
  const observed = new Map<string, Dist>();
  const obs = (v: string) => {
    let d = observed.get(v);
    if (!d) observed.set(v, (d = new Map()));
    return d;
  };
  const eduGroupDrawn: Dist = new Map(); // "female|18-29" → count
  const groups = (cp.resolved.education_level.kind === "conditional" && cp.resolved.education_level.age_groups) || [];
  const groupKey = (sex: string, age: number) => {
    const g = groups.find(([lo, hi]) => age >= lo && age <= hi);
    return g ? `${sex}|${ageBandLabel(g[0], g[1])}` : "";
  };
  let n = 0;
  for (const r of samplePopulation({ countries: [cp.iso3], count: opts.count, seed: opts.seed, fallback })) {
    n++;
    add(obs("sex"), r.sex, 1);
    add(obs("age_sex"), `${r.sex}|${bandLabel(bandOf(r.age))}`, 1);
    if (groups.length) add(eduGroupDrawn, groupKey(r.sex, r.age), 1);
    for (const f of ["education_level", "education", "religious_denomination", ...CHAIN_VARIABLES] as const) {
      add(obs(f), keyOf((r as DemographicRecord)[f]), 1);
    }
  }

  // --- expected marginals -----------------------------------------------------------------------------
  const variables: VariableCheck[] = [];
  const push = (variable: string, table: string, status: string, expected: Dist, tablesOnly: Dist, from: string) => {
    const o = observed.get(variable) ?? new Map();
    const unavailable = table === UNAVAILABLE_SOURCE;
    const cells = new Set([...expected.keys(), ...o.keys()]).size;
    variables.push({
      variable,
      table,
      status,
      cells,
      tvd: unavailable && o.size === 1 && o.has("(null)") ? null : totalVariation(o, expected),
      tvd_tables: unavailable && o.size === 1 && o.has("(null)") ? null : totalVariation(o, tablesOnly),
      expected_from: from,
    });
  };
  const nullDist = (): Dist => new Map([["(null)", 1]]);

  // sex and age × sex: the WPP table itself
  const sexExp: Dist = new Map();
  const ageSexExp: Dist = new Map();
  ageSex.bands.forEach((_, bi) => {
    add(sexExp, "female", ageSex.female[bi] as number);
    add(sexExp, "male", ageSex.male[bi] as number);
    ageSexExp.set(`female|${bandLabel(bi)}`, ageSex.female[bi] as number);
    ageSexExp.set(`male|${bandLabel(bi)}`, ageSex.male[bi] as number);
  });
  push("sex", ageSex.id, ageSex.status, sexExp, sexExp, "age × sex table");
  push("age_sex", ageSex.id, ageSex.status, ageSexExp, ageSexExp, `age × sex table (${ageSex.bands.length * 2} cells)`);

  // education level | sex × age group; ISCED | education level
  const lvlT = cp.resolved.education_level;
  const iscT = cp.resolved.education;
  if (lvlT.kind === "conditional" && core.educationLevelId !== UNAVAILABLE_SOURCE) {
    const expDrawn: Dist = new Map();
    const expTables: Dist = new Map();
    for (const [gk, cnt] of eduGroupDrawn) {
      const row = lvlT.rows[gk] ?? [];
      row.forEach((p, li) => add(expDrawn, lvlT.levels[li] as string, (cnt / n) * p));
    }
    for (let c = 0; c < core.n; c++) add(expTables, core.educationLevelLevels[core.educationLevel[c] as number] as string, core.p[c] as number);
    push("education_level", lvlT.id, lvlT.status, expDrawn, expTables, "P(level | sex, age group) × drawn sex × age group");
    if (iscT.kind === "conditional" && core.educationId !== UNAVAILABLE_SOURCE) {
      const drawnLevels = observed.get("education_level") ?? new Map();
      const e2: Dist = new Map();
      const e2t: Dist = new Map();
      for (const [lvl, cnt] of drawnLevels) (iscT.rows[lvl] ?? []).forEach((p, ei) => add(e2, iscT.levels[ei] as string, (cnt / n) * p));
      for (let c = 0; c < core.n; c++) add(e2t, core.educationLevels[core.education[c] as number] as string, core.p[c] as number);
      push("education", iscT.id, iscT.status, e2, e2t, "P(ISCED | level) × drawn education level");
    } else push("education", UNAVAILABLE_SOURCE, "unavailable", nullDist(), nullDist(), "unavailable: null");
  } else {
    push("education_level", UNAVAILABLE_SOURCE, "unavailable", nullDist(), nullDist(), "unavailable: null");
    push("education", UNAVAILABLE_SOURCE, "unavailable", nullDist(), nullDist(), "unavailable: null");
  }

  // independent marginals
  for (const v of CHAIN_VARIABLES) {
    const m = cp.chain[v];
    const t = cp.resolved[v];
    if (!m) {
      push(v, UNAVAILABLE_SOURCE, "unavailable", nullDist(), nullDist(), "unavailable: null");
      continue;
    }
    const exp: Dist = new Map();
    m.levels.forEach((l, i) => exp.set(l, m.shares[i] as number));
    push(v, m.tableId, t.status, exp, exp, "marginal table");
  }

  // denomination | religion
  const den = cp.denomination;
  const relM = cp.chain.religion;
  if (den && relM) {
    const drawnRel = observed.get("religion") ?? new Map();
    const exp: Dist = new Map();
    const expT: Dist = new Map();
    const fill = (target: Dist, rel: string, w: number) => {
      const ri = relM.levels.indexOf(rel);
      const row = ri >= 0 ? den.rowShares[ri] : null;
      if (!row) add(target, "(null)", w);
      else row.forEach((p, di) => add(target, den.levels[di] as string, w * p));
    };
    for (const [rel, cnt] of drawnRel) fill(exp, rel, cnt / n);
    relM.levels.forEach((rel, ri) => fill(expT, rel, relM.shares[ri] as number));
    const t = cp.resolved.religious_denomination;
    push("religious_denomination", den.tableId, t.status, exp, expT, "P(denomination | religion) × drawn religion");
  } else push("religious_denomination", UNAVAILABLE_SOURCE, "unavailable", nullDist(), nullDist(), "unavailable: null");

  const order = ["sex", "age_sex", "education_level", "education", ...CHAIN_VARIABLES.slice(0, 5), "religious_denomination", ...CHAIN_VARIABLES.slice(5)];
  variables.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));
  const maxTvd = Math.max(0, ...variables.map((v) => v.tvd ?? 0));
  return {
    country: cp.iso3,
    name: cp.name,
    count: n,
    seed: String(opts.seed),
    fallback,
    threshold: TVD_THRESHOLD,
    max_tvd: maxTvd,
    pass: maxTvd <= TVD_THRESHOLD && variables.every((v) => v.tvd !== null || v.table === UNAVAILABLE_SOURCE),
    variables,
  };
}
