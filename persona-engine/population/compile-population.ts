// turns a country population file into sampling structures: the "core" joint of sex × integer age
// × education level × ISCED level (WPP age × sex, education conditioned on sex and age group,
// ISCED conditioned on the education level, ISCED guarded by minimum ages) as a flat cell list with
// an alias table, then the chain of conditional tables drawn after it, each conditioned on what is
// already drawn (marital | sex, age → employment | sex, age → occupation | sex, education →
// income | education, age → religion | age → settlement | education, age → household size | age,
// marital). alias tables per conditioning row × guard mask are built lazily and cached.
import { UsageError } from "../../core/errors.js";
import { buildAliasTable, type AliasTable } from "./alias-table.js";
import { UNAVAILABLE_SOURCE } from "./demographic-record.js";
import { loadPopulationTable } from "./load-population-table.js";
import { ageBandLabel, EDUCATION_LEVELS, MAX_AGE, POPULATION_VARIABLES, SEXES, type PopulationVariable } from "./population-labels.js";
import type { ConditionalTable, CountryPopulation, PopulationTableEntry } from "./population-table-schema.js";
import { ISCED_MIN_AGE, STRUCTURAL_GUARDS } from "./structural-guards.js";

/** "none": fields without a table are null; "proxy": use the flagged donor-country tables where shipped */
export type PopulationFallback = "none" | "proxy";

/** the variables drawn after the core, in chain order (each may condition on the ones before it) */
export const CHAIN_VARIABLES = [
  "marital_status",
  "employment",
  "occupation_group",
  "income_decile",
  "religion",
  "settlement",
  "household_size",
  "region",
] as const;
export type ChainVariable = (typeof CHAIN_VARIABLES)[number];

/** what a chain table may be conditioned on */
export type GivenDimension = "sex" | "age_group" | "education_level" | "marital_status" | "employment";
const GIVEN_DIMENSIONS: readonly string[] = ["sex", "age_group", "education_level", "marital_status", "employment"];

/**
 * the drawn context a chain row is looked up with: level indices (-1 = null) at the CTX_* slots
 * (sex, age in years, education level, marital status, employment). an Int32Array for speed.
 */
export type ChainContext = Int32Array;
export const CTX_SEX = 0;
export const CTX_AGE = 1;
export const CTX_EDUCATION = 2;
export const CTX_MARITAL = 3;
export const CTX_EMPLOYMENT = 4;
const CTX_SLOT: Record<GivenDimension, number> = { sex: 0, age_group: 1, education_level: 2, marital_status: 3, employment: 4 };

/** a fresh context (every slot null) */
export function newChainContext(): ChainContext {
  return new Int32Array(5).fill(-1);
}

/** `ctx` set to a core cell before the chain: its sex, age and education level; marital status and employment null */
export function cellContext(ctx: ChainContext, core: CompiledCore, cell: number): ChainContext {
  ctx[CTX_SEX] = core.sex[cell] as number;
  ctx[CTX_AGE] = core.age[cell] as number;
  ctx[CTX_EDUCATION] = core.educationLevel[cell] as number;
  ctx[CTX_MARITAL] = -1;
  ctx[CTX_EMPLOYMENT] = -1;
  return ctx;
}

export interface CompiledMarginal {
  tableId: string;
  levels: readonly string[];
  /** normalised shares */
  shares: Float64Array;
  alias: AliasTable;
}

export interface CompiledCore {
  /** number of cells */
  n: number;
  /** 0 female, 1 male */
  sex: Uint8Array;
  age: Uint8Array;
  /** index into the age × sex table's bands */
  band: Uint8Array;
  /** index into the education_level levels, -1 when unavailable */
  educationLevel: Int8Array;
  /** index into the education (ISCED) levels, -1 when unavailable */
  education: Int8Array;
  /** P(cell), sums to 1 */
  p: Float64Array;
  alias: AliasTable;
  ageSexId: string;
  educationLevelId: string;
  educationId: string;
  educationLevelLevels: readonly string[];
  educationLevels: readonly string[];
  /** the (sex, age group) row of each cell in the education_level table, -1 without one */
  educationRow: Int8Array;
  educationRowKeys: string[];
}

/** a chain variable: its table's rows (conditioned on `given`), guards, lazily built aliases */
export interface CompiledChain extends CompiledMarginal {
  variable: ChainVariable;
  /** the dimensions of the rows (empty for a marginal table: one row) */
  given: GivenDimension[];
  /** row keys as in the table ("female|18-24"); the last row ("*") is the mean of the others, used when a given value is null */
  rowKeys: string[];
  /** normalised table rows (before guards) */
  rowShares: Float64Array[];
  /** per given dimension: its stride in the row index */
  strides: number[];
  /** per given dimension: its slot in the context (CTX_*) */
  slots: Int32Array;
  /** age → age group index (only when "age_group" is given) */
  ageGroupOf: Int8Array | null;
  /**
   * guards of this variable: level index and condition. an employment guard also carries, per row,
   * the share of the row's population it applies to (`applies`): the records it does not apply to
   * take up the removed level (q / (1 − applies)), so the row's mixture stays the table row.
   */
  guards: { level: number; ageBelow: number; employmentIn: Int8Array | null; applies: Float64Array | null }[];
  /** [row × 4^guards + mask] → normalised guarded row and its alias (built on first use) */
  cache: ({ shares: Float64Array; alias: AliasTable } | undefined)[];
}

export interface CompiledDenomination {
  tableId: string;
  levels: readonly string[];
  /** per religion level index: alias over denominations, or null (denomination unavailable) */
  rows: (AliasTable | null)[];
  rowShares: (Float64Array | null)[];
}

export interface CompiledPopulation {
  iso3: string;
  name: string;
  adultPopulation: number;
  fallback: PopulationFallback;
  table: CountryPopulation;
  /** the table used per variable after the fallback choice */
  resolved: Record<PopulationVariable, PopulationTableEntry>;
  core: CompiledCore;
  /** per chain variable: its compiled table (`shares` = the marginal it implies over the core), null when unavailable */
  chain: Record<ChainVariable, CompiledChain | null>;
  /** the same in CHAIN_VARIABLES order */
  chainList: (CompiledChain | null)[];
  denomination: CompiledDenomination | null;
}

/** one cell of the core joint while it is built: sex, age, WPP band, level and ISCED indices (-1 = none), P, education row */
interface CoreCell {
  sex: number;
  age: number;
  band: number;
  lvl: number;
  edu: number;
  p: number;
  row: number;
}

const cache = new Map<string, CompiledPopulation>();

function normalised(xs: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(xs);
  let t = 0;
  for (const x of out) t += x;
  if (!(t > 0)) return out;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / t;
  return out;
}

function invalid(iso3: string, msg: string): never {
  throw new UsageError(`population table ${iso3}: ${msg}`);
}

/** the table used for a variable: the country's own, else (with fallback "proxy") a donor table */
export function resolveTables(table: CountryPopulation, fallback: PopulationFallback): Record<PopulationVariable, PopulationTableEntry> {
  const out = {} as Record<PopulationVariable, PopulationTableEntry>;
  for (const v of POPULATION_VARIABLES) {
    const own = table.tables[v];
    const donor = table.donor_proxies?.tables[v];
    out[v] = own.kind === "unavailable" && fallback === "proxy" && donor ? donor : own;
  }
  return out;
}

/** the row index of a chain variable for a drawn context (the "*" row when a given value is null) */
export function chainRowOf(ch: CompiledChain, ctx: ChainContext): number {
  let row = 0;
  const slots = ch.slots;
  for (let d = 0; d < slots.length; d++) {
    const slot = slots[d] as number;
    const v = slot === CTX_AGE ? ((ch.ageGroupOf as Int8Array)[ctx[CTX_AGE] as number] as number) : (ctx[slot] as number);
    if (v < 0) return ch.rowShares.length - 1;
    row += v * (ch.strides[d] as number);
  }
  return row;
}

/**
 * the guard mask of a context, two bits per guard: bit 2g = the guard removes its level; bit
 * 2g+1 = an employment guard that does not apply (employment known) — that record takes up the
 * removed mass
 */
export function chainMaskOf(ch: CompiledChain, ctx: ChainContext): number {
  let mask = 0;
  const age = ctx[CTX_AGE] as number;
  const emp = ctx[CTX_EMPLOYMENT] as number;
  for (let g = 0; g < ch.guards.length; g++) {
    const gd = ch.guards[g] as CompiledChain["guards"][number];
    if (age < gd.ageBelow || (gd.employmentIn !== null && emp >= 0 && gd.employmentIn[emp] === 1)) mask |= 1 << (2 * g);
    else if (gd.applies !== null && emp >= 0) mask |= 2 << (2 * g);
  }
  return mask;
}

/** the guarded, normalised row for (row, mask) with its alias (cached) */
export function chainEntry(ch: CompiledChain, row: number, mask: number): { shares: Float64Array; alias: AliasTable } {
  const key = (row << (2 * ch.guards.length)) + mask;
  let e = ch.cache[key];
  if (e) return e;
  let shares: Float64Array = Float64Array.from(ch.rowShares[row] as Float64Array);
  for (let g = 0; g < ch.guards.length; g++) {
    const gd = ch.guards[g] as CompiledChain["guards"][number];
    if (mask & (1 << (2 * g))) shares[gd.level] = 0;
    else if (mask & (2 << (2 * g)) && gd.applies) {
      // q / (1 − w): the records the guard spares carry the level's whole mass (capped at 1)
      const q = shares[gd.level] as number;
      const w = gd.applies[row] as number;
      if (q > 0 && q < 1 && w > 0) {
        const nq = w < 1 ? Math.min(1, q / (1 - w)) : 1;
        for (let i = 0; i < shares.length; i++) shares[i] = i === gd.level ? nq : ((shares[i] as number) * (1 - nq)) / (1 - q);
      }
    }
  }
  let t = 0;
  for (const x of shares) t += x;
  if (!(t > 0)) {
    // every level of the row is guarded away: the guarded "*" row, else the row unguarded
    const star = Float64Array.from(ch.rowShares[ch.rowShares.length - 1] as Float64Array);
    for (let g = 0; g < ch.guards.length; g++) if (mask & (1 << (2 * g))) star[(ch.guards[g] as CompiledChain["guards"][number]).level] = 0;
    shares = star.some((x) => x > 0) ? star : Float64Array.from(ch.rowShares[row] as Float64Array);
  }
  shares = normalised(shares);
  e = { shares, alias: buildAliasTable(shares) };
  ch.cache[key] = e;
  return e;
}

function compileChain(
  iso3: string,
  variable: ChainVariable,
  t: PopulationTableEntry,
  dimLevels: Record<Exclude<GivenDimension, "age_group">, readonly string[]>,
): CompiledChain | null {
  if (t.kind === "unavailable") return null;
  if (t.kind !== "marginal" && t.kind !== "conditional") invalid(iso3, `${variable} must be a marginal or conditional table`);
  const levels = t.levels;
  let given: GivenDimension[] = [];
  let rowKeys: string[] = [""];
  let rowShares: Float64Array[];
  let strides: number[] = [];
  let ageGroupOf: Int8Array | null = null;
  if (t.kind === "marginal") rowShares = [normalised(t.shares)];
  else {
    for (const g of t.given) if (!GIVEN_DIMENSIONS.includes(g)) invalid(iso3, `${variable} is conditioned on unknown '${g}'`);
    given = t.given as GivenDimension[];
    const dims = given.map((g) => {
      if (g !== "age_group") return dimLevels[g];
      const groups = t.age_groups ?? invalid(iso3, `${variable} has no age groups`);
      ageGroupOf = new Int8Array(MAX_AGE + 1).fill(-1);
      groups.forEach(([lo, hi], gi) => {
        for (let a = lo; a <= Math.min(hi, MAX_AGE); a++) (ageGroupOf as Int8Array)[a] = gi;
      });
      return groups.map(([lo, hi]) => ageBandLabel(lo, hi));
    });
    strides = dims.map((_, d) => dims.slice(d + 1).reduce((m, x) => m * x.length, 1));
    rowKeys = [""];
    for (const d of dims) rowKeys = rowKeys.flatMap((k) => d.map((v) => (k ? `${k}|${v}` : v)));
    rowShares = rowKeys.map((k) => {
      const r = t.rows[k] ?? invalid(iso3, `${variable} has no row '${k}'`);
      if (r.length !== levels.length) invalid(iso3, `${variable} row '${k}' has ${r.length} shares for ${levels.length} levels`);
      return normalised(r);
    });
  }
  // the "*" row (a given value is null): the mean of the rows
  const star = new Float64Array(levels.length);
  for (const r of rowShares) for (let i = 0; i < star.length; i++) star[i] = (star[i] as number) + (r[i] as number) / rowShares.length;
  rowShares.push(star);
  rowKeys.push("*");
  const guards = STRUCTURAL_GUARDS.filter((g) => g.variable === variable && levels.includes(g.level)).map((g) => ({
    level: levels.indexOf(g.level),
    ageBelow: g.ageBelow ?? 0,
    employmentIn: g.employmentIn ? Int8Array.from(dimLevels.employment, (l) => (g.employmentIn!.includes(l) ? 1 : 0)) : null,
    applies: null as Float64Array | null,
  }));
  return {
    variable,
    tableId: t.id,
    levels,
    shares: new Float64Array(levels.length),
    alias: buildAliasTable(star),
    given,
    rowKeys,
    rowShares,
    strides,
    slots: Int32Array.from(given, (g) => CTX_SLOT[g]),
    ageGroupOf,
    guards,
    cache: new Array<undefined>(rowShares.length << (2 * guards.length)).fill(undefined),
  };
}

/** compiled sampling structures for one country (cached per country and fallback) */
export function compilePopulation(country: string, fallback: PopulationFallback = "none"): CompiledPopulation {
  const table = loadPopulationTable(country);
  const key = `${table.country}:${fallback}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const iso3 = table.country;
  const resolved = resolveTables(table, fallback);

  // --- core: sex × age × education level × ISCED ---------------------------------------------
  const ageSex = resolved.age_sex;
  if (ageSex.kind !== "age_sex") invalid(iso3, "age_sex must be an age × sex table");
  const eduLevelT = resolved.education_level.kind === "conditional" ? (resolved.education_level as ConditionalTable) : null;
  const eduT = resolved.education.kind === "conditional" ? (resolved.education as ConditionalTable) : null;
  if (eduLevelT && eduLevelT.levels.join("|") !== EDUCATION_LEVELS.join("|"))
    invalid(iso3, "education_level levels must be lower, middle, higher");
  const groups = eduLevelT?.age_groups ?? [];
  const rowKeys: string[] = eduLevelT ? ["female", "male"].flatMap((s) => groups.map(([lo, hi]) => `${s}|${ageBandLabel(lo, hi)}`)) : [];
  const rowOf = (sex: number, age: number): number => {
    if (!eduLevelT) return -1;
    const gi = groups.findIndex(([lo, hi]) => age >= lo && age <= hi);
    if (gi < 0) invalid(iso3, `age ${age} falls in no education age group`);
    return sex * groups.length + gi;
  };
  const iscedMin = (eduT?.levels ?? []).map((l) => ISCED_MIN_AGE[l] ?? 0);
  const cells: CoreCell[] = [];
  const totalThousands = [...ageSex.female, ...ageSex.male].reduce((a, b) => a + b, 0);
  for (let sex = 0; sex < 2; sex++) {
    const counts = sex === 0 ? ageSex.female : ageSex.male;
    ageSex.bands.forEach(([lo, hi], bi) => {
      const bandP = (counts[bi] ?? 0) / totalThousands;
      if (!(bandP > 0)) return;
      const width = hi - lo + 1;
      for (let age = lo; age <= hi; age++) {
        const pAge = bandP / width;
        const row = rowOf(sex, age);
        if (!eduLevelT) {
          cells.push({ sex, age, band: bi, lvl: -1, edu: -1, p: pAge, row: -1 });
          continue;
        }
        const levelShares = eduLevelT.rows[rowKeys[row] as string];
        if (!levelShares) invalid(iso3, `education_level has no row '${rowKeys[row]}'`);
        // the cells of this (sex, age), unguarded: P(age) · P(level | sex, group) · P(ISCED | level)
        const ln = normalised(levelShares);
        ln.forEach((pl, li) => {
          if (!(pl > 0)) return;
          const isced = eduT?.rows[eduLevelT.levels[li] as string];
          if (!eduT || !isced) {
            cells.push({ sex, age, band: bi, lvl: li, edu: -1, p: pAge * pl, row });
            return;
          }
          const iscedN = normalised(isced);
          iscedN.forEach((pi, ei) => {
            if (!(pi > 0)) return;
            cells.push({ sex, age, band: bi, lvl: li, edu: ei, p: pAge * pl * pi, row });
          });
        });
      }
    });
  }
  if (eduT && iscedMin.some((m) => m > 0)) guardEducation(cells, iscedMin, eduT.levels.length);
  const kept = cells.filter((c) => c.p > 0); // drop the guarded (zero) cells
  const p = normalised(kept.map((c) => c.p));
  const core: CompiledCore = {
    n: p.length,
    sex: Uint8Array.from(kept, (c) => c.sex),
    age: Uint8Array.from(kept, (c) => c.age),
    band: Uint8Array.from(kept, (c) => c.band),
    educationLevel: Int8Array.from(kept, (c) => c.lvl),
    education: Int8Array.from(kept, (c) => c.edu),
    p,
    alias: buildAliasTable(p),
    ageSexId: ageSex.id,
    educationLevelId: eduLevelT?.id ?? UNAVAILABLE_SOURCE,
    educationId: eduT && eduLevelT ? eduT.id : UNAVAILABLE_SOURCE,
    educationLevelLevels: eduLevelT?.levels ?? [],
    educationLevels: eduT?.levels ?? [],
    educationRow: Int8Array.from(kept, (c) => c.row),
    educationRowKeys: rowKeys,
  };

  // --- the chain ------------------------------------------------------------------------------
  const levelsOf = (v: PopulationVariable): readonly string[] => {
    const t = resolved[v];
    return t.kind === "marginal" || t.kind === "conditional" ? t.levels : [];
  };
  const dimLevels = {
    sex: SEXES,
    education_level: EDUCATION_LEVELS,
    marital_status: levelsOf("marital_status"),
    employment: levelsOf("employment"),
  };
  const chain = {} as Record<ChainVariable, CompiledChain | null>;
  for (const v of CHAIN_VARIABLES) {
    const ch = compileChain(iso3, v, resolved[v], dimLevels);
    if (ch && ch.given.some((g) => (g === "marital_status" || g === "employment") && !chain[g])) {
      invalid(iso3, `${v} is conditioned on a variable without a table`);
    }
    chain[v] = ch;
  }
  guardCoverage(core, chain);
  impliedMarginals(core, chain);

  // --- religious denomination | religion --------------------------------------------------------
  let denomination: CompiledDenomination | null = null;
  const denT = resolved.religious_denomination;
  const religion = chain.religion;
  if (denT.kind === "conditional" && religion) {
    const rowShares = religion.levels.map((lvl) => {
      const r = denT.rows[lvl];
      if (!r || !r.some((x) => x > 0)) return null;
      return normalised(r);
    });
    denomination = {
      tableId: denT.id,
      levels: denT.levels,
      rowShares,
      rows: rowShares.map((r) => (r ? buildAliasTable(r) : null)),
    };
  }

  const compiled: CompiledPopulation = {
    iso3,
    name: table.name,
    adultPopulation: table.adult_population,
    fallback,
    table,
    resolved,
    core,
    chain,
    chainList: CHAIN_VARIABLES.map((v) => chain[v]),
    denomination,
  };
  cache.set(key, compiled);
  return compiled;
}

/**
 * per row of a table with an employment guard: the share of the row's population the guard applies
 * to (e.g. the working share among women with lower education), from the core joint and the
 * employment table (guards included). written into `applies`.
 */
function guardCoverage(core: CompiledCore, chain: Record<ChainVariable, CompiledChain | null>): void {
  const emp = chain.employment;
  if (!emp) return;
  const ctx = newChainContext();
  for (const v of CHAIN_VARIABLES) {
    const ch = chain[v];
    if (!ch || ch.given.includes("employment")) continue;
    for (const gd of ch.guards) {
      if (!gd.employmentIn) continue;
      const hit = new Float64Array(ch.rowShares.length);
      const tot = new Float64Array(ch.rowShares.length);
      for (let c = 0; c < core.n; c++) {
        cellContext(ctx, core, c);
        const d = chainEntry(emp, chainRowOf(emp, ctx), chainMaskOf(emp, ctx)).shares;
        let w = 0;
        for (let e = 0; e < d.length; e++) if (gd.employmentIn[e] === 1) w += d[e] as number;
        const pc = core.p[c] as number;
        for (const row of [chainRowOf(ch, ctx), ch.rowShares.length - 1]) {
          hit[row] = (hit[row] as number) + pc * w;
          tot[row] = (tot[row] as number) + pc;
        }
      }
      gd.applies = Float64Array.from(hit, (h, i) => ((tot[i] as number) > 0 ? h / (tot[i] as number) : 0));
    }
    ch.cache.fill(undefined);
  }
}

/**
 * the exact marginal each chain variable implies over the core joint (guards included), written
 * into `shares` and `alias` of each chain entry: Σ_cells P(cell) Σ_(earlier draws) P(level | …).
 * employment and marital status are summed over when a later table is conditioned on them.
 */
function impliedMarginals(core: CompiledCore, chain: Record<ChainVariable, CompiledChain | null>): void {
  const acc = {} as Record<ChainVariable, Float64Array>;
  for (const v of CHAIN_VARIABLES) acc[v] = new Float64Array(chain[v]?.levels.length ?? 0);
  const ctx = newChainContext();
  const dist = (ch: CompiledChain) => chainEntry(ch, chainRowOf(ch, ctx), chainMaskOf(ch, ctx)).shares;
  for (let c = 0; c < core.n; c++) {
    const pc = core.p[c] as number;
    cellContext(ctx, core, c);
    const mar = chain.marital_status ? dist(chain.marital_status) : null;
    const emp = chain.employment ? dist(chain.employment) : null;
    for (const v of CHAIN_VARIABLES) {
      const ch = chain[v];
      if (!ch) continue;
      const out = acc[v];
      if (v === "marital_status" || v === "employment") {
        const d = v === "marital_status" ? (mar as Float64Array) : (emp as Float64Array);
        for (let i = 0; i < d.length; i++) out[i] = (out[i] as number) + pc * (d[i] as number);
        continue;
      }
      // sum over the earlier draws this table (or its guards) depend on
      const needsMar = ch.given.includes("marital_status") && mar;
      const needsEmp = (ch.given.includes("employment") || ch.guards.some((g) => g.employmentIn)) && emp;
      const mars = needsMar ? Array.from(mar, (q, i) => [i, q] as const) : [[-1, 1] as const];
      const emps = needsEmp ? Array.from(emp, (q, i) => [i, q] as const) : [[-1, 1] as const];
      for (const [mi, mq] of mars) {
        if (!(mq > 0)) continue;
        ctx[CTX_MARITAL] = mi;
        for (const [ei, eq] of emps) {
          if (!(eq > 0)) continue;
          ctx[CTX_EMPLOYMENT] = ei;
          const d = dist(ch);
          const w = pc * mq * eq;
          for (let i = 0; i < d.length; i++) out[i] = (out[i] as number) + w * (d[i] as number);
        }
      }
      ctx[CTX_MARITAL] = -1;
      ctx[CTX_EMPLOYMENT] = -1;
    }
  }
  for (const v of CHAIN_VARIABLES) {
    const ch = chain[v];
    if (!ch) continue;
    const m = normalised(acc[v]);
    ch.shares.set(m);
    if (m.some((x) => x > 0)) (ch as { alias: AliasTable }).alias = buildAliasTable(m);
  }
}

/**
 * the ISCED guards (no doctorate before 25, …) on the core cells, keeping both the WPP age × sex
 * joint and each (sex, education age group) row of the tables: guarded cells are set to 0 and the
 * remaining cells of each (sex, age group) are raked (IPF) so that every age keeps its population
 * and every (level, ISCED) cell keeps its group total — the older ages of a group take up the
 * degrees its youngest cannot hold yet. a group where that is infeasible converges to the closest
 * fit; the last step always restores the ages exactly.
 */
function guardEducation(cells: CoreCell[], iscedMin: readonly number[], nIsced: number): void {
  const groups = new Map<number, CoreCell[]>();
  for (const c of cells) {
    const g = c.sex * 1000 + c.row;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(c);
  }
  const colOf = (c: CoreCell) => c.lvl * (nIsced + 1) + c.edu + 1;
  for (const group of groups.values()) {
    const colTarget = new Map<number, number>();
    const ageTarget = new Map<number, number>();
    let guarded = false;
    for (const c of group) {
      colTarget.set(colOf(c), (colTarget.get(colOf(c)) ?? 0) + c.p);
      ageTarget.set(c.age, (ageTarget.get(c.age) ?? 0) + c.p);
      if (c.edu >= 0 && c.age < (iscedMin[c.edu] as number)) {
        c.p = 0;
        guarded = true;
      }
    }
    if (!guarded) continue;
    const col = new Map<number, number>();
    const age = new Map<number, number>();
    for (let iter = 0; iter < 500; iter++) {
      col.clear();
      for (const c of group) col.set(colOf(c), (col.get(colOf(c)) ?? 0) + c.p);
      let err = 0;
      for (const [k, t] of colTarget) err = Math.max(err, Math.abs((col.get(k) ?? 0) - t));
      for (const c of group) {
        const s = col.get(colOf(c)) as number;
        if (s > 0) c.p = (c.p * (colTarget.get(colOf(c)) as number)) / s;
      }
      age.clear();
      for (const c of group) age.set(c.age, (age.get(c.age) ?? 0) + c.p);
      for (const c of group) {
        const s = age.get(c.age) as number;
        if (s > 0) c.p = (c.p * (ageTarget.get(c.age) as number)) / s;
      }
      if (err < 1e-12) break;
    }
  }
}
