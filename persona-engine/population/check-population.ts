// `population check`: draws n records for a country and measures
// - per variable, the total-variation distance between the sampled marginal and the marginal the
//   tables imply (`tvd`: each record's conditional row given what was drawn before it, guards
//   included, averaged over the sample; `tvd_tables`: the marginal the tables alone imply);
// - per conditional the sampler uses (education | sex × age group, ISCED | level, marital and
//   employment | sex × age group, occupation | sex × education, income and settlement | education
//   × age group, religion | age group, household size | age group × marital, denomination |
//   religion), the TVD between each sampled row and the table row, as a weighted mean over rows
//   (weights = records in the row) and its maximum; the guards' removals show up here;
// - a plausibility block: the share of records breaking each rule of PLAUSIBILITY_RULES.
import { ageBandLabel } from "./population-labels.js";
import {
  chainEntry,
  chainMaskOf,
  chainRowOf,
  compilePopulation,
  CHAIN_VARIABLES,
  CTX_AGE,
  CTX_EDUCATION,
  CTX_EMPLOYMENT,
  CTX_MARITAL,
  CTX_SEX,
  newChainContext,
  type CompiledChain,
  type PopulationFallback,
} from "./compile-population.js";
import { UNAVAILABLE_SOURCE, type DemographicRecord } from "./demographic-record.js";
import { samplePopulation } from "./sample-population.js";
import { PLAUSIBILITY_RULES } from "./structural-guards.js";

/** the acceptance bound of the marginals at n = 100,000 (sampling noise alone ≈ 0.007 for age × sex) */
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

export interface ConditionalCheck {
  /** "employment | sex × age_group" */
  conditional: string;
  variable: string;
  given: string[];
  table: string;
  status: string;
  /** table rows that received records */
  rows: number;
  /** Σ_rows n_row · TVD(sampled row, table row) / n: the table row before the structural guards */
  weighted_mean_tvd: number;
  /** the largest row TVD among rows with ≥ 1,000 records, and that row */
  max_tvd: number;
  max_row: string | null;
}

export interface PlausibilityCheck {
  rules: { id: string; description: string; count: number; share: number }[];
  /** records breaking at least one rule */
  count: number;
  share: number;
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
  conditionals: ConditionalCheck[];
  plausibility: PlausibilityCheck;
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

/** one conditional: how to find a record's row and level, and the table's row shares */
interface CondSpec {
  variable: string;
  given: string[];
  table: string;
  status: string;
  rowOf: (r: DemographicRecord) => string | null;
  expected: (row: string) => Dist | null;
  /** row → sampled level counts */
  tally: Map<string, Dist>;
}

const rowDist = (levels: readonly string[], shares: ArrayLike<number>): Dist => {
  const d: Dist = new Map();
  levels.forEach((l, i) => d.set(l, shares[i] as number));
  return d;
};

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

  // --- the conditionals the sampler uses -------------------------------------------------------------
  const conds: CondSpec[] = [];
  const cond = (spec: Omit<CondSpec, "tally">) => conds.push({ ...spec, tally: new Map() });
  const lvlT = cp.resolved.education_level;
  const eduGroups = (lvlT.kind === "conditional" && lvlT.age_groups) || [];
  const eduGroupKey = (sex: string, age: number) => {
    const g = eduGroups.find(([lo, hi]) => age >= lo && age <= hi);
    return g ? `${sex}|${ageBandLabel(g[0], g[1])}` : null;
  };
  if (lvlT.kind === "conditional" && core.educationLevelId !== UNAVAILABLE_SOURCE) {
    cond({
      variable: "education_level",
      given: lvlT.given,
      table: lvlT.id,
      status: lvlT.status,
      rowOf: (r) => eduGroupKey(r.sex, r.age),
      expected: (row) => (lvlT.rows[row] ? rowDist(lvlT.levels, lvlT.rows[row]) : null),
    });
    const iscT = cp.resolved.education;
    if (iscT.kind === "conditional" && core.educationId !== UNAVAILABLE_SOURCE) {
      cond({
        variable: "education",
        given: iscT.given,
        table: iscT.id,
        status: iscT.status,
        rowOf: (r) => r.education_level,
        expected: (row) => (iscT.rows[row] ? rowDist(iscT.levels, iscT.rows[row]) : null),
      });
    }
  }
  const ctxOf = (r: DemographicRecord, ctx: Int32Array) => {
    ctx[CTX_SEX] = r.sex === "female" ? 0 : 1;
    ctx[CTX_AGE] = r.age;
    ctx[CTX_EDUCATION] = r.education_level === null ? -1 : core.educationLevelLevels.indexOf(r.education_level);
    ctx[CTX_MARITAL] =
      r.marital_status === null || !cp.chain.marital_status ? -1 : cp.chain.marital_status.levels.indexOf(r.marital_status);
    ctx[CTX_EMPLOYMENT] = r.employment === null || !cp.chain.employment ? -1 : cp.chain.employment.levels.indexOf(r.employment);
    return ctx;
  };
  const ctx = newChainContext();
  for (const v of CHAIN_VARIABLES) {
    const ch = cp.chain[v];
    if (!ch || ch.given.length === 0) continue;
    const t = cp.resolved[v];
    cond({
      variable: v,
      given: ch.given,
      table: ch.tableId,
      status: t.status,
      rowOf: (r) => ch.rowKeys[chainRowOf(ch, ctxOf(r, ctx))] ?? null,
      expected: (row) => {
        const i = ch.rowKeys.indexOf(row);
        return i >= 0 ? rowDist(ch.levels, ch.rowShares[i] as Float64Array) : null;
      },
    });
  }
  const den = cp.denomination;
  const relM = cp.chain.religion;
  if (den && relM) {
    cond({
      variable: "religious_denomination",
      given: ["religion"],
      table: den.tableId,
      status: cp.resolved.religious_denomination.status,
      rowOf: (r) => r.religion,
      expected: (row) => {
        const ri = relM.levels.indexOf(row);
        const shares = ri >= 0 ? den.rowShares[ri] : null;
        return shares ? rowDist(den.levels, shares) : new Map([["(null)", 1]]);
      },
    });
  }

  // --- tally the sample ---------------------------------------------------------------------------
  const observed = new Map<string, Dist>();
  const obs = (v: string) => {
    let d = observed.get(v);
    if (!d) observed.set(v, (d = new Map()));
    return d;
  };
  /** per chain variable: Σ over records of P(level | the record's drawn context, guards) */
  const expectedGivenDrawn = new Map<string, Float64Array>();
  for (const v of CHAIN_VARIABLES) if (cp.chain[v]) expectedGivenDrawn.set(v, new Float64Array(cp.chain[v]!.levels.length));
  const eduGroupDrawn: Dist = new Map();
  const ruleCounts = PLAUSIBILITY_RULES.map(() => 0);
  let anyRule = 0;
  let n = 0;
  for (const r of samplePopulation({ countries: [cp.iso3], count: opts.count, seed: opts.seed, fallback })) {
    n++;
    add(obs("sex"), r.sex, 1);
    add(obs("age_sex"), `${r.sex}|${bandLabel(bandOf(r.age))}`, 1);
    if (eduGroups.length) add(eduGroupDrawn, eduGroupKey(r.sex, r.age) ?? "", 1);
    for (const f of ["education_level", "education", "religious_denomination", ...CHAIN_VARIABLES] as const) add(obs(f), keyOf(r[f]), 1);
    ctxOf(r, ctx);
    for (const v of CHAIN_VARIABLES) {
      const ch = cp.chain[v] as CompiledChain | null;
      if (!ch) continue;
      const acc = expectedGivenDrawn.get(v) as Float64Array;
      const s = chainEntry(ch, chainRowOf(ch, ctx), chainMaskOf(ch, ctx)).shares;
      for (let i = 0; i < s.length; i++) acc[i] = (acc[i] as number) + (s[i] as number);
    }
    for (const c of conds) {
      const row = c.rowOf(r);
      if (row === null) continue;
      let d = c.tally.get(row);
      if (!d) c.tally.set(row, (d = new Map()));
      add(d, keyOf(r[c.variable as keyof DemographicRecord]), 1);
    }
    let any = false;
    PLAUSIBILITY_RULES.forEach((rule, i) => {
      if (rule.test(r)) {
        ruleCounts[i] = (ruleCounts[i] as number) + 1;
        any = true;
      }
    });
    if (any) anyRule++;
  }

  // --- marginals ------------------------------------------------------------------------------------
  const variables: VariableCheck[] = [];
  /** `t`: the table the variable was drawn from (its id and status) */
  const push = (variable: string, t: { id: string; status: string }, expected: Dist, tablesOnly: Dist, from: string) => {
    const o = observed.get(variable) ?? new Map();
    const unavailable = t.id === UNAVAILABLE_SOURCE;
    const cells = new Set([...expected.keys(), ...o.keys()]).size;
    variables.push({
      variable,
      table: t.id,
      status: t.status,
      cells,
      tvd: unavailable && o.size === 1 && o.has("(null)") ? null : totalVariation(o, expected),
      tvd_tables: unavailable && o.size === 1 && o.has("(null)") ? null : totalVariation(o, tablesOnly),
      expected_from: from,
    });
  };
  const nullDist = (): Dist => new Map([["(null)", 1]]);
  const unavailable = (v: string) =>
    push(v, { id: UNAVAILABLE_SOURCE, status: "unavailable" }, nullDist(), nullDist(), "unavailable: null");

  // sex and age × sex: the WPP table itself
  const sexExp: Dist = new Map();
  const ageSexExp: Dist = new Map();
  ageSex.bands.forEach((_, bi) => {
    add(sexExp, "female", ageSex.female[bi] as number);
    add(sexExp, "male", ageSex.male[bi] as number);
    ageSexExp.set(`female|${bandLabel(bi)}`, ageSex.female[bi] as number);
    ageSexExp.set(`male|${bandLabel(bi)}`, ageSex.male[bi] as number);
  });
  push("sex", ageSex, sexExp, sexExp, "age × sex table");
  push("age_sex", ageSex, ageSexExp, ageSexExp, `age × sex table (${ageSex.bands.length * 2} cells)`);

  // education level | sex × age group; ISCED | education level (the core joint, guards included)
  const iscT = cp.resolved.education;
  if (lvlT.kind === "conditional" && core.educationLevelId !== UNAVAILABLE_SOURCE) {
    const expDrawn: Dist = new Map();
    const expTables: Dist = new Map();
    for (const [gk, cnt] of eduGroupDrawn)
      (lvlT.rows[gk] ?? []).forEach((p, li) => add(expDrawn, lvlT.levels[li] as string, (cnt / n) * p));
    for (let c = 0; c < core.n; c++)
      add(expTables, core.educationLevelLevels[core.educationLevel[c] as number] as string, core.p[c] as number);
    push(
      "education_level",
      lvlT,
      expDrawn,
      expTables,
      "P(level | sex, age group) × drawn sex × age group (tvd_tables: with the ISCED age guards)",
    );
    if (iscT.kind === "conditional" && core.educationId !== UNAVAILABLE_SOURCE) {
      const drawnLevels = observed.get("education_level") ?? new Map();
      const e2: Dist = new Map();
      const e2t: Dist = new Map();
      for (const [lvl, cnt] of drawnLevels) (iscT.rows[lvl] ?? []).forEach((p, ei) => add(e2, iscT.levels[ei] as string, (cnt / n) * p));
      for (let c = 0; c < core.n; c++) add(e2t, core.educationLevels[core.education[c] as number] as string, core.p[c] as number);
      push("education", iscT, e2, e2t, "P(ISCED | level) × drawn education level (tvd_tables: with the ISCED age guards)");
    } else unavailable("education");
  } else {
    unavailable("education_level");
    unavailable("education");
  }

  // the chain: each record's guarded row given its drawn context; tvd_tables: the implied marginal
  for (const v of CHAIN_VARIABLES) {
    const ch = cp.chain[v];
    if (!ch) {
      unavailable(v);
      continue;
    }
    const given = ch.given.length ? `P(${v} | ${ch.given.join(", ")}) with the guards, per drawn record` : "marginal table";
    push(v, cp.resolved[v], rowDist(ch.levels, expectedGivenDrawn.get(v) as Float64Array), rowDist(ch.levels, ch.shares), given);
  }

  // denomination | religion
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
    push("religious_denomination", cp.resolved.religious_denomination, exp, expT, "P(denomination | religion) × drawn religion");
  } else unavailable("religious_denomination");

  const order = [
    "sex",
    "age_sex",
    "education_level",
    "education",
    ...CHAIN_VARIABLES.slice(0, 5),
    "religious_denomination",
    ...CHAIN_VARIABLES.slice(5),
  ];
  variables.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));

  // --- conditionals -------------------------------------------------------------------------------------
  const conditionals: ConditionalCheck[] = conds.map((c) => {
    let acc = 0;
    let total = 0;
    let max = 0;
    let maxRow: string | null = null;
    for (const [row, d] of c.tally) {
      const e = c.expected(row);
      if (!e) continue;
      let m = 0;
      for (const x of d.values()) m += x;
      const tvd = totalVariation(d, e);
      acc += m * tvd;
      total += m;
      if (m >= 1000 && tvd > max) {
        max = tvd;
        maxRow = row;
      }
    }
    return {
      conditional: `${c.variable} | ${c.given.join(" × ")}`,
      variable: c.variable,
      given: c.given,
      table: c.table,
      status: c.status,
      rows: c.tally.size,
      weighted_mean_tvd: total > 0 ? acc / total : 0,
      max_tvd: max,
      max_row: maxRow,
    };
  });

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
    conditionals,
    plausibility: {
      rules: PLAUSIBILITY_RULES.map((rule, i) => ({
        id: rule.id,
        description: rule.description,
        count: ruleCounts[i] as number,
        share: n ? (ruleCounts[i] as number) / n : 0,
      })),
      count: anyRule,
      share: n ? anyRule / n : 0,
    },
  };
}
