// turns a country population file into sampling structures: the "core" joint of sex × integer age
// × education level × ISCED level (WPP age × sex, education conditioned on sex and age group,
// ISCED conditioned on the education level) as a flat cell list with an alias table, and alias
// tables for the variables that no joint data tie to anything else.
import { UsageError } from "../../core/errors.js";
import { buildAliasTable, type AliasTable } from "./alias-table.js";
import { UNAVAILABLE_SOURCE } from "./demographic-record.js";
import { loadPopulationTable } from "./load-population-table.js";
import { ageBandLabel, POPULATION_VARIABLES, type PopulationVariable } from "./population-labels.js";
import type { ConditionalTable, CountryPopulation, MarginalTable, PopulationTableEntry } from "./population-table-schema.js";

/** "none": fields without a table are null; "proxy": use the flagged donor-country tables where shipped */
export type PopulationFallback = "none" | "proxy";

/** the variables drawn from their own marginal (no joint data link them to the others) */
export const INDEPENDENT_VARIABLES = [
  "marital_status",
  "employment",
  "occupation_group",
  "income_decile",
  "religion",
  "settlement",
  "household_size",
  "region",
] as const;
export type IndependentVariable = (typeof INDEPENDENT_VARIABLES)[number];

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
  independent: Record<IndependentVariable, CompiledMarginal | null>;
  denomination: CompiledDenomination | null;
}

const cache = new Map<string, CompiledPopulation>();

function normalised(xs: readonly number[]): Float64Array {
  const out = Float64Array.from(xs);
  let t = 0;
  for (const x of out) t += x;
  if (!(t > 0)) return out;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / t;
  return out;
}

function compileMarginal(t: MarginalTable): CompiledMarginal {
  const shares = normalised(t.shares);
  return { tableId: t.id, levels: t.levels, shares, alias: buildAliasTable(shares) };
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
  const groups = eduLevelT?.age_groups ?? [];
  const rowKeys: string[] = eduLevelT ? ["female", "male"].flatMap((s) => groups.map(([lo, hi]) => `${s}|${ageBandLabel(lo, hi)}`)) : [];
  const rowOf = (sex: number, age: number): number => {
    if (!eduLevelT) return -1;
    const gi = groups.findIndex(([lo, hi]) => age >= lo && age <= hi);
    if (gi < 0) invalid(iso3, `age ${age} falls in no education age group`);
    return sex * groups.length + gi;
  };
  const sexA: number[] = [];
  const ageA: number[] = [];
  const bandA: number[] = [];
  const lvlA: number[] = [];
  const eduA: number[] = [];
  const pA: number[] = [];
  const rowA: number[] = [];
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
          sexA.push(sex), ageA.push(age), bandA.push(bi), lvlA.push(-1), eduA.push(-1), pA.push(pAge), rowA.push(-1);
          continue;
        }
        const levelShares = eduLevelT.rows[rowKeys[row] as string];
        if (!levelShares) invalid(iso3, `education_level has no row '${rowKeys[row]}'`);
        const ln = normalised(levelShares);
        ln.forEach((pl, li) => {
          if (!(pl > 0)) return;
          const isced = eduT?.rows[eduLevelT.levels[li] as string];
          if (!eduT || !isced) {
            sexA.push(sex), ageA.push(age), bandA.push(bi), lvlA.push(li), eduA.push(-1), pA.push(pAge * pl), rowA.push(row);
            return;
          }
          const iscedN = normalised(isced);
          iscedN.forEach((pi, ei) => {
            if (!(pi > 0)) return;
            sexA.push(sex), ageA.push(age), bandA.push(bi), lvlA.push(li), eduA.push(ei), pA.push(pAge * pl * pi), rowA.push(row);
          });
        });
      }
    });
  }
  const p = normalised(pA);
  const core: CompiledCore = {
    n: p.length,
    sex: Uint8Array.from(sexA),
    age: Uint8Array.from(ageA),
    band: Uint8Array.from(bandA),
    educationLevel: Int8Array.from(lvlA),
    education: Int8Array.from(eduA),
    p,
    alias: buildAliasTable(p),
    ageSexId: ageSex.id,
    educationLevelId: eduLevelT?.id ?? UNAVAILABLE_SOURCE,
    educationId: eduT && eduLevelT ? eduT.id : UNAVAILABLE_SOURCE,
    educationLevelLevels: eduLevelT?.levels ?? [],
    educationLevels: eduT?.levels ?? [],
    educationRow: Int8Array.from(rowA),
    educationRowKeys: rowKeys,
  };

  // --- independent marginals -------------------------------------------------------------------
  const independent = {} as Record<IndependentVariable, CompiledMarginal | null>;
  for (const v of INDEPENDENT_VARIABLES) {
    const t = resolved[v];
    if (t.kind === "marginal") independent[v] = compileMarginal(t);
    else if (t.kind === "unavailable") independent[v] = null;
    else invalid(iso3, `${v} must be a marginal table`);
  }

  // --- religious denomination | religion --------------------------------------------------------
  let denomination: CompiledDenomination | null = null;
  const denT = resolved.religious_denomination;
  const religion = independent.religion;
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
    independent,
    denomination,
  };
  cache.set(key, compiled);
  return compiled;
}
