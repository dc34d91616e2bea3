// the census-grounded demographic sampler. per record: (sex, age, education level, ISCED level)
// from the core joint (WPP adult age × sex; education conditioned on sex and age group; ISCED on
// the education level, guarded by minimum ages), then the chain: marital | sex, age → employment |
// sex, age → occupation | sex, education (+ employment guard) → income step | education, age →
// religion | age → settlement | education, age → household size | age, marital; then the
// denomination | religion. seeded through core/rng: same seed → same records. see README.md in
// this folder for the per-variable rules and the structural guards.
import { ERROR_CODES, UsageError } from "../../core/errors.js";
import { createRng, type Rng } from "../../core/rng.js";
import { drawAlias } from "./alias-table.js";
import {
  cellContext,
  chainEntry,
  chainMaskOf,
  chainRowOf,
  compilePopulation,
  CHAIN_VARIABLES,
  CTX_EMPLOYMENT,
  CTX_MARITAL,
  newChainContext,
  type ChainVariable,
  type CompiledPopulation,
  type PopulationFallback,
} from "./compile-population.js";
import { UNAVAILABLE_SOURCE, type DemographicRecord } from "./demographic-record.js";
import { FenwickUrn, largestRemainderCounts, systematicCounts } from "./fenwick-urn.js";
import { resolveCountry } from "./load-population-table.js";
import { parseQuotas, type Quota } from "./parse-quota.js";
import { planCountryQuotas, type CountryQuotaPlan } from "./plan-quotas.js";

export type PopulationDesign = "proportional" | "equal";

export interface SamplePopulationOptions {
  /** ISO3 codes or English names */
  countries: readonly string[];
  /** total records (split across countries by the design) … */
  count?: number;
  /** … or records per country (implies the equal design) */
  perCountry?: number;
  /** proportional (default): country counts follow adult population; equal: same count each */
  design?: PopulationDesign;
  seed: number | string;
  /** quota specs ("sex=female:0.5,male:0.5") or parsed quotas; applied within every country */
  quotas?: readonly (string | Quota)[];
  /** "none" (default): fields without a table are null; "proxy": use flagged donor-country tables */
  fallback?: PopulationFallback;
}

export interface PopulationSamplePlan {
  total: number;
  design: PopulationDesign;
  seed: string;
  fallback: PopulationFallback;
  quotas: Quota[];
  countries: {
    country: string;
    name: string;
    count: number;
    adult_population: number;
    /** the country's share of the adult population of all countries listed */
    population_share: number;
    /** multiplies every weight of the country: population share / sample share */
    weight_factor: number;
  }[];
}

interface Internal {
  plan: PopulationSamplePlan;
  compiled: CompiledPopulation[];
  quotaPlans: (CountryQuotaPlan | null)[];
}

function usage(msg: string): never {
  throw new UsageError(msg, { code: ERROR_CODES.invalidInput });
}

function checkCount(name: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) usage(`${name} must be a positive integer, got '${String(n)}'`);
  return n;
}

function prepare(opts: SamplePopulationOptions): Internal {
  if (!opts.countries.length) usage("no country given");
  const isos = opts.countries.map((c) => resolveCountry(c));
  const dup = isos.find((c, i) => isos.indexOf(c) !== i);
  if (dup) usage(`country '${dup}' is listed twice`);
  if ((opts.count === undefined) === (opts.perCountry === undefined)) usage("give either a total count or a count per country");
  if (opts.perCountry !== undefined && opts.design === "proportional") {
    usage("a count per country fixes every country's count; it cannot be combined with the proportional design");
  }
  const design: PopulationDesign = opts.perCountry !== undefined ? "equal" : (opts.design ?? "proportional");
  if (design !== "proportional" && design !== "equal") usage(`unknown design '${String(design)}'; use proportional or equal`);
  const fallback: PopulationFallback = opts.fallback ?? "none";
  if (fallback !== "none" && fallback !== "proxy") usage(`unknown fallback '${String(fallback)}'; use none or proxy`);
  const quotas = parseQuotas(opts.quotas ?? []);
  const compiled = isos.map((c) => compilePopulation(c, fallback));
  const quotaPlans = compiled.map((cp) => planCountryQuotas(cp, quotas));

  const pops = compiled.map((cp) => cp.adultPopulation);
  const popTotal = pops.reduce((a, b) => a + b, 0);
  let counts: number[];
  if (opts.perCountry !== undefined) counts = compiled.map(() => checkCount("count per country", opts.perCountry));
  else {
    const total = checkCount("count", opts.count);
    counts = largestRemainderCounts(design === "equal" ? compiled.map(() => 1) : pops, total);
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const plan: PopulationSamplePlan = {
    total,
    design,
    seed: String(opts.seed),
    fallback,
    quotas,
    countries: compiled.map((cp, i) => {
      const share = (pops[i] as number) / popTotal;
      const n = counts[i] as number;
      return {
        country: cp.iso3,
        name: cp.name,
        count: n,
        adult_population: cp.adultPopulation,
        population_share: share,
        weight_factor: n > 0 ? share / (n / total) : 0,
      };
    }),
  };
  return { plan, compiled, quotaPlans };
}

/** validates the options and returns the allocation (counts, weights) without drawing anything */
export function planPopulationSample(opts: SamplePopulationOptions): PopulationSamplePlan {
  return prepare(opts).plan;
}

const NUMERIC = new Set<ChainVariable>(["income_decile", "household_size"]);

/** per chain variable: level index → the value written into the record */
const valueCache = new WeakMap<CompiledPopulation, (string | number)[][]>();
function levelValues(cp: CompiledPopulation): (string | number)[][] {
  let v = valueCache.get(cp);
  if (!v)
    valueCache.set(cp, (v = CHAIN_VARIABLES.map((name) => cp.chain[name]?.levels.map((l) => (NUMERIC.has(name) ? Number(l) : l)) ?? [])));
  return v;
}

const I_RELIGION = CHAIN_VARIABLES.indexOf("religion");
/** scratch context of the record being drawn (records are drawn one at a time) */
const CTX = newChainContext();
const I_MARITAL = CHAIN_VARIABLES.indexOf("marital_status");
const I_EMPLOYMENT = CHAIN_VARIABLES.indexOf("employment");

/** one record from a core cell, drawing the chain in order (levels fixed by a quota are kept) */
function drawRecord(
  cp: CompiledPopulation,
  rng: Rng,
  cell: number,
  fixed: Int16Array | null,
  index: number,
  weight: number,
): DemographicRecord {
  const core = cp.core;
  const values = levelValues(cp);
  const lv = new Int16Array(CHAIN_VARIABLES.length);
  const ctx = cellContext(CTX, core, cell);
  const list = cp.chainList;
  for (let k = 0; k < list.length; k++) {
    const ch = list[k] as (typeof list)[number];
    const f = fixed ? (fixed[k] as number) : -1;
    lv[k] = f >= 0 ? f : ch ? drawAlias(chainEntry(ch, chainRowOf(ch, ctx), chainMaskOf(ch, ctx)).alias, rng) : -1;
    if (k === I_MARITAL) ctx[CTX_MARITAL] = lv[k] as number;
    else if (k === I_EMPLOYMENT) ctx[CTX_EMPLOYMENT] = lv[k] as number;
  }
  const val = (k: number) => ((lv[k] as number) >= 0 ? ((values[k] as (string | number)[])[lv[k] as number] as never) : null);
  const src = (k: number) => ((lv[k] as number) >= 0 ? list[k]?.tableId : undefined) ?? UNAVAILABLE_SOURCE;
  let denomination: DemographicRecord["religious_denomination"] = null;
  let denominationSource = UNAVAILABLE_SOURCE;
  const rel = lv[I_RELIGION] as number;
  if (cp.denomination && rel >= 0) {
    const row = cp.denomination.rows[rel];
    if (row) {
      denomination = cp.denomination.levels[drawAlias(row, rng)] as DemographicRecord["religious_denomination"];
      denominationSource = cp.denomination.tableId;
    }
  }
  const li = core.educationLevel[cell] as number;
  const ei = core.education[cell] as number;
  return {
    index,
    country: cp.iso3,
    country_name: cp.name,
    sex: core.sex[cell] === 0 ? "female" : "male",
    age: core.age[cell] as number,
    education: ei >= 0 ? (core.educationLevels[ei] as DemographicRecord["education"]) : null,
    education_level: li >= 0 ? (core.educationLevelLevels[li] as DemographicRecord["education_level"]) : null,
    marital_status: val(0),
    employment: val(1),
    occupation_group: val(2),
    income_decile: val(3),
    religion: val(4),
    religious_denomination: denomination,
    settlement: val(5),
    household_size: val(6),
    region: val(7),
    weight,
    sources: {
      sex: core.ageSexId,
      age: core.ageSexId,
      education: ei >= 0 ? core.educationId : UNAVAILABLE_SOURCE,
      education_level: li >= 0 ? core.educationLevelId : UNAVAILABLE_SOURCE,
      marital_status: src(0),
      employment: src(1),
      occupation_group: src(2),
      income_decile: src(3),
      religion: src(4),
      religious_denomination: denominationSource,
      settlement: src(5),
      household_size: src(6),
      region: src(7),
    },
  };
}

/** one demographic record for a country (a plain random draw: index 0, weight 1) */
export function sampleDemographics(country: string, rng: Rng, options: { fallback?: PopulationFallback } = {}): DemographicRecord {
  const cp = compilePopulation(country, options.fallback ?? "none");
  return drawRecord(cp, rng, drawAlias(cp.core.alias, rng), null, 0, 1);
}

interface CountryState {
  cp: CompiledPopulation;
  rng: Rng;
  factor: number;
  quota: CountryQuotaPlan | null;
  urn: FenwickUrn | null;
  keyWeight: Float64Array;
}

function* generate(internal: Internal): Generator<DemographicRecord, void, undefined> {
  const { plan, compiled, quotaPlans } = internal;
  const root = createRng(plan.seed);
  const states: CountryState[] = compiled.map((cp, i) => {
    const info = plan.countries[i] as PopulationSamplePlan["countries"][number];
    const quota = quotaPlans[i] ?? null;
    let urn: FenwickUrn | null = null;
    let keyWeight = new Float64Array(0);
    if (quota && info.count > 0) {
      // exact quota counts per key (randomised systematic rounding), weights P / (n_key / n)
      const counts = systematicCounts(
        quota.keys.map((k) => k.q),
        info.count,
        root.fork(`allocation:${cp.iso3}`),
      );
      urn = new FenwickUrn(counts);
      keyWeight = Float64Array.from(quota.keys, (k, j) => ((counts[j] as number) > 0 ? k.p / ((counts[j] as number) / info.count) : 0));
    }
    return { cp, rng: root.fork(`country:${cp.iso3}`), factor: info.weight_factor, quota, urn, keyWeight };
  });
  const order = states.length > 1 ? new FenwickUrn(plan.countries.map((c) => c.count)) : null;
  const orderRng = root.fork("order");
  for (let index = 0; index < plan.total; index++) {
    const s = states[order ? order.draw(orderRng) : 0] as CountryState;
    if (s.quota && s.urn) {
      const k = s.urn.draw(s.rng);
      const key = s.quota.keys[k] as CountryQuotaPlan["keys"][number];
      const cells = s.quota.groupCells[key.group] as Int32Array;
      const cell = cells[drawAlias(s.quota.groupAlias[key.group] as never, s.rng)] as number;
      yield drawRecord(s.cp, s.rng, cell, key.fixed, index, s.factor * (s.keyWeight[k] as number));
    } else {
      yield drawRecord(s.cp, s.rng, drawAlias(s.cp.core.alias, s.rng), null, index, s.factor);
    }
  }
}

/**
 * draws a seeded sample across one or more countries. options are validated eagerly (bad input
 * throws a UsageError here, before anything is drawn); records are then produced lazily.
 */
export function samplePopulation(opts: SamplePopulationOptions): IterableIterator<DemographicRecord> {
  return generate(prepare(opts));
}
