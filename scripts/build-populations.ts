// builds data/populations/<ISO3>.json + index.json (what the sampler loads) from the reference
// inputs in ../shared/data: UN WPP 2019 (adult age × sex, 2020), Pew 2020 religious composition and
// the WVS-7 weighted demographic shares (survey proxies). this script is the source of truth: the
// shared files are read, never copied. every table carries {source, year, licence, note}.
//   npx tsx scripts/build-populations.ts                 write data/populations/
//   npx tsx scripts/build-populations.ts --check         compare with the shipped files, write nothing
//   npx tsx scripts/build-populations.ts --shared DIR    read the inputs from DIR
//   npx tsx scripts/build-populations.ts --out DIR       write to DIR instead of data/populations
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { dataPath, sharedDataDir } from "../core/package-root.js";
import {
  AGE6_GROUPS,
  EDUCATIONS,
  EDUCATION_AGE_GROUPS,
  EDUCATION_LEVELS,
  EMPLOYMENTS,
  HOUSEHOLD_SIZES,
  INCOME_DECILES,
  MARITAL_STATUSES,
  MAX_AGE,
  OCCUPATION_GROUPS,
  POPULATION_VARIABLES,
  RELIGIONS,
  RELIGIOUS_DENOMINATIONS,
  SETTLEMENTS,
  SEXES,
  ageBandLabel,
  type PopulationVariable,
} from "../persona-engine/population/population-labels.js";
import {
  CountryPopulationSchema,
  POPULATION_INDEX_SCHEMA,
  POPULATION_TABLE_SCHEMA,
  PopulationIndexSchema,
  type ConditionalTable,
  type CountryPopulation,
  type PopulationIndex,
  type PopulationTableEntry,
  type Provenance,
} from "../persona-engine/population/population-table-schema.js";
import {
  AGE6_LABELS,
  JOINT_SHRINK_K,
  educationByAge,
  parseCsv,
  pooledRow,
  normalise,
  rakeRows,
  readJointData,
  shares6,
  shrinkTable,
  sum,
  type JointData,
  type JointSource,
  type JointTable,
} from "./wvs7-joint-tables.js";

export { parseCsv };

/** bump when the figures or the method change */
export const POPULATION_DATA_VERSION = "2.0.0";

// ---------------------------------------------------------------------------------------------
// countries: ISO3 → UN M49 (the WPP location code), short English name, and the WPP name used as
// a guard (the build fails if the code points at another location).
interface CountrySpec {
  iso3: string;
  name: string;
  m49: number | null;
  wppName: string | null;
  /** opt-in donor countries (WVS-7) for the tables this country lacks */
  donors?: string[];
}

const WVS_COUNTRIES: CountrySpec[] = [
  { iso3: "AND", name: "Andorra", m49: 20, wppName: null },
  { iso3: "ARG", name: "Argentina", m49: 32, wppName: "Argentina" },
  { iso3: "ARM", name: "Armenia", m49: 51, wppName: "Armenia" },
  { iso3: "AUS", name: "Australia", m49: 36, wppName: "Australia" },
  { iso3: "BGD", name: "Bangladesh", m49: 50, wppName: "Bangladesh" },
  { iso3: "BOL", name: "Bolivia", m49: 68, wppName: "Bolivia (Plurinational State of)" },
  { iso3: "BRA", name: "Brazil", m49: 76, wppName: "Brazil" },
  { iso3: "CHL", name: "Chile", m49: 152, wppName: "Chile" },
  { iso3: "COL", name: "Colombia", m49: 170, wppName: "Colombia" },
  { iso3: "CYP", name: "Cyprus", m49: 196, wppName: "Cyprus" },
  { iso3: "CZE", name: "Czechia", m49: 203, wppName: "Czechia" },
  { iso3: "DEU", name: "Germany", m49: 276, wppName: "Germany" },
  { iso3: "ECU", name: "Ecuador", m49: 218, wppName: "Ecuador" },
  { iso3: "EGY", name: "Egypt", m49: 818, wppName: "Egypt" },
  { iso3: "ETH", name: "Ethiopia", m49: 231, wppName: "Ethiopia" },
  { iso3: "GRC", name: "Greece", m49: 300, wppName: "Greece" },
  { iso3: "GTM", name: "Guatemala", m49: 320, wppName: "Guatemala" },
  { iso3: "IRN", name: "Iran", m49: 364, wppName: "Iran (Islamic Republic of)" },
  { iso3: "IRQ", name: "Iraq", m49: 368, wppName: "Iraq" },
  { iso3: "JOR", name: "Jordan", m49: 400, wppName: "Jordan" },
  { iso3: "JPN", name: "Japan", m49: 392, wppName: "Japan" },
  { iso3: "KAZ", name: "Kazakhstan", m49: 398, wppName: "Kazakhstan" },
  { iso3: "KEN", name: "Kenya", m49: 404, wppName: "Kenya" },
  { iso3: "KGZ", name: "Kyrgyzstan", m49: 417, wppName: "Kyrgyzstan" },
  { iso3: "KOR", name: "South Korea", m49: 410, wppName: "Republic of Korea" },
  { iso3: "LBN", name: "Lebanon", m49: 422, wppName: "Lebanon" },
  { iso3: "LBY", name: "Libya", m49: 434, wppName: "Libya" },
  { iso3: "MAC", name: "Macao", m49: 446, wppName: "China, Macao SAR" },
  { iso3: "MAR", name: "Morocco", m49: 504, wppName: "Morocco" },
  { iso3: "MDV", name: "Maldives", m49: 462, wppName: "Maldives" },
  { iso3: "MEX", name: "Mexico", m49: 484, wppName: "Mexico" },
  { iso3: "MMR", name: "Myanmar", m49: 104, wppName: "Myanmar" },
  { iso3: "MNG", name: "Mongolia", m49: 496, wppName: "Mongolia" },
  { iso3: "MYS", name: "Malaysia", m49: 458, wppName: "Malaysia" },
  { iso3: "NGA", name: "Nigeria", m49: 566, wppName: "Nigeria" },
  { iso3: "NIC", name: "Nicaragua", m49: 558, wppName: "Nicaragua" },
  { iso3: "NIR", name: "Northern Ireland", m49: null, wppName: null },
  { iso3: "NZL", name: "New Zealand", m49: 554, wppName: "New Zealand" },
  { iso3: "PAK", name: "Pakistan", m49: 586, wppName: "Pakistan" },
  { iso3: "PER", name: "Peru", m49: 604, wppName: "Peru" },
  { iso3: "PHL", name: "Philippines", m49: 608, wppName: "Philippines" },
  { iso3: "PRI", name: "Puerto Rico", m49: 630, wppName: "Puerto Rico" },
  { iso3: "ROU", name: "Romania", m49: 642, wppName: "Romania" },
  { iso3: "RUS", name: "Russia", m49: 643, wppName: "Russian Federation" },
  { iso3: "SGP", name: "Singapore", m49: 702, wppName: "Singapore" },
  { iso3: "SRB", name: "Serbia", m49: 688, wppName: "Serbia" },
  { iso3: "SVK", name: "Slovakia", m49: 703, wppName: "Slovakia" },
  { iso3: "THA", name: "Thailand", m49: 764, wppName: "Thailand" },
  { iso3: "TJK", name: "Tajikistan", m49: 762, wppName: "Tajikistan" },
  { iso3: "TUN", name: "Tunisia", m49: 788, wppName: "Tunisia" },
  { iso3: "TWN", name: "Taiwan", m49: 158, wppName: "China, Taiwan Province of China" },
  { iso3: "UKR", name: "Ukraine", m49: 804, wppName: "Ukraine" },
  { iso3: "URY", name: "Uruguay", m49: 858, wppName: "Uruguay" },
  { iso3: "VEN", name: "Venezuela", m49: 862, wppName: "Venezuela (Bolivarian Republic of)" },
  { iso3: "VNM", name: "Vietnam", m49: 704, wppName: "Viet Nam" },
  { iso3: "ZWE", name: "Zimbabwe", m49: 716, wppName: "Zimbabwe" },
];

/**
 * countries outside wvs7_microdata_derived: their WVS-7 tables come from wvs7_joint (FRA, not in
 * WVS-7, from its single donor DEU); `donors` give the ISCED split within education levels.
 */
const OTHER_COUNTRIES: CountrySpec[] = [
  { iso3: "USA", name: "United States", m49: 840, wppName: "United States of America", donors: ["AUS", "NZL"] },
  { iso3: "CAN", name: "Canada", m49: 124, wppName: "Canada", donors: ["AUS", "NZL"] },
  { iso3: "GBR", name: "United Kingdom", m49: 826, wppName: "United Kingdom", donors: ["NIR", "AUS", "NZL"] },
  { iso3: "IND", name: "India", m49: 356, wppName: "India", donors: ["BGD", "PAK"] },
  { iso3: "CHN", name: "China", m49: 156, wppName: "China", donors: ["VNM", "TWN"] },
  { iso3: "IDN", name: "Indonesia", m49: 360, wppName: "Indonesia", donors: ["MYS", "PHL"] },
  { iso3: "FRA", name: "France", m49: 250, wppName: "France", donors: ["DEU"] },
  { iso3: "NLD", name: "Netherlands", m49: 528, wppName: "Netherlands", donors: ["DEU"] },
  { iso3: "HKG", name: "Hong Kong", m49: 344, wppName: "China, Hong Kong SAR", donors: ["MAC", "TWN"] },
  { iso3: "TUR", name: "Turkey", m49: 792, wppName: "Turkey", donors: ["GRC", "CYP"] },
  { iso3: "UZB", name: "Uzbekistan", m49: 860, wppName: "Uzbekistan", donors: ["KAZ", "KGZ", "TJK"] },
];
/** every country with a population file (also the names build-references.ts uses) */
export const POPULATION_COUNTRIES = [...WVS_COUNTRIES, ...OTHER_COUNTRIES];

/**
 * WVS-7 tables found defective on inspection: shipped as `unavailable` with the reason, never used.
 * (found by the sanity checks below; see the README of persona-engine/population)
 */
const DEFECTS: Record<string, Partial<Record<PopulationVariable, string>>> = {
  URY: {
    household_size:
      "WVS-7 Q270 for Uruguay is defective: no 1-3 person households and 87% of respondents in households of 8, 12, 17 or 23 people (a coding error in the source)",
  },
  KOR: {
    settlement:
      "WVS-7 codes every South Korean respondent as urban (no rural stratum in H_URBRURAL); a 100% urban Korea is not credible, so the table is not used",
  },
};

type JointTableName = Exclude<keyof JointData, "sources">;

/**
 * the WVS-7 joint tables shipped as P(variable | given), each group shrunk toward the pooled row of
 * its `parentOf` dimension; `model` is the modelled table used where the respondent file has none
 */
const JOINT_TABLES: {
  variable: PopulationVariable;
  name: string;
  what: string;
  given: string[];
  parentOf: string;
  parent: string;
  real: JointTableName;
  model?: JointTableName;
}[] = [
  {
    variable: "marital_status",
    name: "marital_by_sex_age",
    what: "P(Q273 marital status | sex, age group)",
    given: ["sex", "age_group"],
    parentOf: "age_group",
    parent: "the age group's row (both sexes)",
    real: "marital",
  },
  {
    variable: "employment",
    name: "employment_by_sex_age",
    what: "P(Q279 employment status | sex, age group)",
    given: ["sex", "age_group"],
    parentOf: "age_group",
    parent: "the age group's row (both sexes)",
    real: "employment",
  },
  {
    variable: "occupation_group",
    name: "occupation_by_sex_edu",
    what: "P(Q281 occupational group of the current or last job | sex, education level); code 0 = never had a job",
    given: ["sex", "education_level"],
    parentOf: "education_level",
    parent: "the education level's row (both sexes)",
    real: "occupation",
    model: "occupationModel",
  },
  {
    variable: "income_decile",
    name: "income_by_edu_age",
    what: "P(Q288 self-placed step on the SUBJECTIVE 10-step income scale | education level, age group) — not a measured income decile",
    given: ["education_level", "age_group"],
    parentOf: "age_group",
    parent: "the age group's row (all education levels)",
    real: "income",
  },
  {
    variable: "settlement",
    name: "settlement_by_edu_age",
    what: "P(H_URBRURAL urban/rural | education level, age group)",
    given: ["education_level", "age_group"],
    parentOf: "age_group",
    parent: "the age group's row (all education levels)",
    real: "urban",
  },
  {
    variable: "household_size",
    name: "household_size_by_age_marital",
    what: "P(Q270 people in the household, 7 = seven or more | age group, marital status)",
    given: ["age_group", "marital_status"],
    parentOf: "age_group",
    parent: "the age group's row (all marital statuses)",
    real: "hhsize",
    model: "hhsizeModel",
  },
];

/** figures not in the shared files, typed in with their source (used only for population totals) */
const EXTERNAL_TOTALS: Record<string, { persons: number; source: string; year: number; licence: string }> = {
  NIR: {
    persons: 1_895_510,
    source: "NISRA mid-2020 population estimate for Northern Ireland",
    year: 2020,
    licence: "Open Government Licence v3.0",
  },
  AND: {
    persons: 77_265,
    source: "UN WPP 2019 total population of Andorra, 2020 (total-population file; Andorra has no age table in WPP 2019)",
    year: 2020,
    licence: "CC BY 3.0 IGO",
  },
};

// ---------------------------------------------------------------------------------------------
const WPP_PROVENANCE = {
  source: "United Nations, DESA, Population Division: World Population Prospects 2019 (popM/popF, thousands)",
  licence: "CC BY 3.0 IGO",
};
const PEW_PROVENANCE = {
  source: "Pew Research Center: religious composition by country 2010-2020 (2020 percentages)",
  licence: "free use with attribution to the Pew Research Center",
};
const WVS_LICENCE =
  "WVS terms: non-profit use, cite Haerpfer et al. 2022, World Values Survey Wave 7 dataset v5.0, doi:10.14281/18241.20; aggregate shares only";

const WVS6_LICENCE =
  "WVS terms: non-profit use, cite Haerpfer et al. 2022, World Values Survey Round Seven, Country-Pooled Datafile v6.0, doi:10.14281/18241.24; aggregate shares only";

/** the words of a conditioning dimension or a table's levels */
const WORDS: Record<string, readonly string[]> = {
  sex: SEXES,
  age_group: AGE6_LABELS,
  education_level: EDUCATION_LEVELS,
  marital_status: MARITAL_STATUSES,
  employment: EMPLOYMENTS,
  occupation_group: OCCUPATION_GROUPS,
  income_decile: INCOME_DECILES,
  settlement: SETTLEMENTS,
  household_size: HOUSEHOLD_SIZES,
};
const words = (k: string) => WORDS[k] as readonly string[];

const DENOMINATION_TO_RELIGION: Record<string, string> = {
  none: "unaffiliated (no religion)",
  "roman catholic": "christian",
  protestant: "christian",
  "orthodox christian": "christian",
  "other christian": "christian",
  jewish: "jewish",
  muslim: "muslim",
  hindu: "hindu",
  buddhist: "buddhist",
  "other religion": "other religion",
};

const PEW_COLUMNS: Record<string, string> = {
  Christians: "christian",
  Muslims: "muslim",
  Religiously_unaffiliated: "unaffiliated (no religion)",
  Buddhists: "buddhist",
  Hindus: "hindu",
  Jews: "jewish",
  Other_religions: "other religion",
};

// ---------------------------------------------------------------------------------------------
// small readers

interface WppSeries {
  name: string;
  /** age label ("0-4" … "100+") → thousands in 2020 */
  byAge: Map<string, number>;
}

function readWpp(file: string): Map<number, WppSeries> {
  const lines = readFileSync(file, "utf8").split(/\r?\n/).filter(Boolean);
  const header = (lines[0] as string).split("\t");
  const col2020 = header.indexOf("2020");
  if (col2020 < 0) throw new Error(`${file}: no 2020 column`);
  const out = new Map<number, WppSeries>();
  for (const line of lines.slice(1)) {
    const f = line.split("\t");
    const code = Number(f[0]);
    const age = f[2] as string;
    const v = Number(f[col2020]);
    if (!Number.isFinite(v)) throw new Error(`${file}: bad value in '${line.slice(0, 60)}'`);
    let s = out.get(code);
    if (!s) out.set(code, (s = { name: f[1] as string, byAge: new Map() }));
    s.byAge.set(age, v);
  }
  return out;
}

/** adult bands: 18-19 (2/5 of WPP 15-19), 20-24 … 95-99, 100+ (drawn as 100-104) */
export const ADULT_BANDS: [number, number][] = [[18, 19]];
for (let lo = 20; lo <= 95; lo += 5) ADULT_BANDS.push([lo, lo + 4]);
ADULT_BANDS.push([100, MAX_AGE]);
/** the share of the WPP 15-19 band aged 18-19, assuming single years are uniform in the band */
export const SHARE_18_19_OF_15_19 = 2 / 5;

function adultBandsFromWpp(s: WppSeries): number[] {
  const g = (age: string) => {
    const v = s.byAge.get(age);
    if (v === undefined) throw new Error(`WPP ${s.name}: missing age group ${age}`);
    return v;
  };
  return ADULT_BANDS.map(([lo, hi]) => (lo === 18 ? g("15-19") * SHARE_18_19_OF_15_19 : g(lo === 100 ? "100+" : `${lo}-${hi}`)));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

// ---------------------------------------------------------------------------------------------

interface WvsLong {
  /** iso3 → variable → code → {share, n} */
  dist: Map<string, Map<string, Map<string, number>>>;
  n: Map<string, Map<string, number>>;
  years: Record<string, string>;
}

function readWvs(dir: string): WvsLong {
  const rows = parseCsv(readFileSync(join(dir, "wvs7_demographics_long.csv"), "utf8"));
  const dist = new Map<string, Map<string, Map<string, number>>>();
  const n = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const iso = r.country_iso3 as string;
    const v = r.variable as string;
    let byVar = dist.get(iso);
    if (!byVar) dist.set(iso, (byVar = new Map()));
    let byCode = byVar.get(v);
    if (!byCode) byVar.set(v, (byCode = new Map()));
    byCode.set(r.code as string, Number(r.weighted_share));
    let nv = n.get(iso);
    if (!nv) n.set(iso, (nv = new Map()));
    nv.set(v, Number(r.n_valid_unweighted));
  }
  const marg = JSON.parse(readFileSync(join(dir, "wvs7_country_marginals.json"), "utf8")) as {
    meta: Record<string, { year: string }>;
  };
  const years: Record<string, string> = {};
  for (const [iso, m] of Object.entries(marg.meta)) years[iso] = String(m.year);
  return { dist, n, years };
}

function wvsProvenance(w: WvsLong, iso: string, variable: string, what: string, extra = ""): Provenance {
  const n = w.n.get(iso)?.get(variable);
  return {
    source: `World Values Survey wave 7 (v5.0), weighted (W_WEIGHT) sample shares of ${variable}: ${what}`,
    year: w.years[iso] ?? "2017-2022",
    licence: WVS_LICENCE,
    note: `survey-based proxy, not a census figure; ${n ?? "?"} valid respondents; don't know / no answer excluded${extra ? `; ${extra}` : ""}`,
  };
}

function unavailable(reason: string): PopulationTableEntry {
  return {
    kind: "unavailable",
    id: "unavailable",
    status: "unavailable",
    provenance: { source: "unavailable", year: "n/a", licence: "n/a", note: reason },
  };
}

/** the WVS shares of a variable coded 0 … levels.length - 1 (Q289 denominations, Q275 ISCED), or undefined when absent */
function wvsCodeShares(w: WvsLong, iso: string, variable: string, levels: readonly string[]): number[] | undefined {
  const d = w.dist.get(iso)?.get(variable);
  if (!d || d.size === 0) return undefined;
  const out = levels.map(() => 0);
  for (const [code, share] of d) {
    const c = Number(code);
    if (!(c >= 0 && c < out.length)) throw new Error(`WVS ${iso} ${variable}: unknown code ${code}`);
    out[c] = (out[c] as number) + share;
  }
  return normalise(out);
}
const wvsDenominations = (w: WvsLong, iso: string) => wvsCodeShares(w, iso, "Q289", RELIGIOUS_DENOMINATIONS);
const wvsIsced = (w: WvsLong, iso: string) => wvsCodeShares(w, iso, "Q275", EDUCATIONS);

/** sex × age3 × edu3 joint cells: [sex: female, male][age group][level] */
function wvsEducationJoint(w: WvsLong, iso: string): number[][][] | undefined {
  const d = w.dist.get(iso)?.get("Q260xX003R2xQ275R");
  if (!d || d.size === 0) return undefined;
  const out = [0, 1].map(() => [0, 1, 2].map(() => [0, 0, 0]));
  for (const [code, share] of d) {
    const [s, a, e] = code.split("|").map(Number) as [number, number, number];
    const sex = s === 2 ? 0 : s === 1 ? 1 : -1; // WVS Q260: 1 male, 2 female
    if (sex < 0 || !(a >= 1 && a <= 3) || !(e >= 1 && e <= 3)) throw new Error(`WVS ${iso}: bad joint cell ${code}`);
    (out[sex] as number[][])[a - 1]![e - 1] = share;
  }
  return out;
}

/** ISCED 0-2 → lower, 3-4 → middle, 5-8 → higher (the WVS Q275R recode; verified on every country) */
const ISCED_GROUP = [0, 0, 0, 1, 1, 2, 2, 2, 2];

const ageGroupKey = (g: readonly [number, number]) => ageBandLabel(g[0], g[1]);
/** a fresh copy of age groups as the tables carry them */
const ageGroups = (gs: readonly (readonly [number, number])[]) => gs.map(([lo, hi]) => [lo, hi] as [number, number]);

/** P(ISCED level | education level): the ISCED shares within each level that has any */
function iscedRowsOf(isced: readonly number[]): Record<string, number[]> {
  const rows: Record<string, number[]> = {};
  EDUCATION_LEVELS.forEach((lvl, gi) => {
    const within = isced.map((p, k) => (ISCED_GROUP[k] === gi ? p : 0));
    if (within.some((p) => p > 0)) rows[lvl] = shares6(within);
  });
  return rows;
}

function educationTables(
  joint: number[][][],
  isced: number[],
  id: string,
  status: "survey_proxy" | "donor_proxy",
  prov: (what: string, extra: string) => Provenance,
): { level: ConditionalTable; isced: ConditionalTable } {
  const rows: Record<string, number[]> = {};
  const fallbacks: string[] = [];
  ["female", "male"].forEach((sex, si) => {
    const sexTotal = [0, 1, 2].map((e) => joint[si]!.reduce((t, a) => t + (a[e] as number), 0));
    EDUCATION_AGE_GROUPS.forEach((g, ai) => {
      const cell = joint[si]![ai] as number[];
      const key = `${sex}|${ageGroupKey(g)}`;
      if (sum(cell) > 0) rows[key] = shares6(cell);
      else {
        rows[key] = shares6(sexTotal);
        fallbacks.push(key);
      }
    });
  });
  const iscedRows = iscedRowsOf(isced);
  for (const [key, row] of Object.entries(rows)) {
    row.forEach((p, gi) => {
      if (p > 0 && !iscedRows[EDUCATION_LEVELS[gi] as string]) {
        throw new Error(`${id}: row ${key} gives '${EDUCATION_LEVELS[gi]}' mass but no ISCED level has any`);
      }
    });
  }
  return {
    level: {
      kind: "conditional",
      id: `${id}.education_by_sex_age`,
      status,
      provenance: prov(
        "sex × age (16-29, 30-49, 50+) × education (3 groups) joint cells → P(education level | sex, age group)",
        `WVS age group 16-29 applied to adults 18-29${fallbacks.length ? `; empty cells ${fallbacks.join(", ")} use the sex-specific education shares` : ""}`,
      ),
      given: ["sex", "age_group"],
      age_groups: ageGroups(EDUCATION_AGE_GROUPS),
      levels: [...EDUCATION_LEVELS],
      rows,
    },
    isced: {
      kind: "conditional",
      id: `${id}.education_isced`,
      status,
      provenance: prov(
        "highest education (ISCED 2011) → P(ISCED level | education level)",
        "education level = ISCED 0-2 lower, 3-4 middle, 5-8 higher (the WVS Q275R recode)",
      ),
      given: ["education_level"],
      levels: [...EDUCATIONS],
      rows: iscedRows,
    },
  };
}

function denominationTable(
  denominations: number[],
  religionShares: number[],
  id: string,
  status: "survey_proxy" | "donor_proxy",
  provenance: Provenance,
): ConditionalTable {
  const rows: Record<string, number[]> = {};
  RELIGIONS.forEach((rel, ri) => {
    if (!((religionShares[ri] as number) > 0)) return;
    const members = RELIGIOUS_DENOMINATIONS.filter((d) => DENOMINATION_TO_RELIGION[d] === rel);
    if (members.length === 1) {
      // one denomination in the group (muslim → muslim, unaffiliated → none): determined, not sampled
      rows[rel] = RELIGIOUS_DENOMINATIONS.map((d) => (d === members[0] ? 1 : 0));
      return;
    }
    const within = denominations.map((p, k) => (DENOMINATION_TO_RELIGION[RELIGIOUS_DENOMINATIONS[k] as string] === rel ? p : 0));
    if (within.some((p) => p > 0)) rows[rel] = shares6(within);
  });
  return {
    kind: "conditional",
    id,
    status,
    provenance,
    given: ["religion"],
    levels: [...RELIGIOUS_DENOMINATIONS],
    rows,
  };
}

// ---------------------------------------------------------------------------------------------

export interface BuildResult {
  /** file name (under data/populations) → content */
  files: Map<string, string>;
  warnings: string[];
}

/** builds every country file and the index from the shared inputs (pure: writes nothing) */
export function buildPopulationFiles(sharedDir: string): BuildResult {
  const warnings: string[] = [];
  const wppM = readWpp(join(sharedDir, "wpp2019", "popM.txt"));
  const wppF = readWpp(join(sharedDir, "wpp2019", "popF.txt"));
  const wvsDir = join(sharedDir, "wvs7_microdata_derived");
  const wvs = readWvs(wvsDir);
  const joint = readJointData(sharedDir);
  const pewRows = parseCsv(
    readFileSync(join(sharedDir, "pew_religion", "pew-religious-composition-2010-2020-percentages.subset-2020.csv"), "utf8"),
  );
  const pewByM49 = new Map<number, Record<string, string>>();
  for (const r of pewRows) if (r.Level === "1") pewByM49.set(Number(r.Countrycode), r);

  // data checks the README asks for
  const usa = wppM.get(840);
  const usaF = wppF.get(840);
  if (!usa || !usaF) throw new Error("WPP: no United States rows");
  const usaTotal = sum([...usa.byAge.values(), ...usaF.byAge.values()]);
  if (Math.abs(usaTotal / 1000 - 331.0) > 0.05) throw new Error(`WPP check failed: USA 2020 total ${usaTotal / 1000} M, expected 331.0 M`);
  const wvsIsos = [...wvs.dist.keys()].sort();
  const expected = WVS_COUNTRIES.map((c) => c.iso3).sort();
  if (wvsIsos.join(",") !== expected.join(",")) {
    throw new Error(`WVS countries changed: shared has ${wvsIsos.join(",")}; the script lists ${expected.join(",")}`);
  }

  /** adult bands by sex, and the whole population (all ages, both sexes), in thousands */
  const wppAgeSex = (m49: number) => {
    const m = wppM.get(m49);
    const f = wppF.get(m49);
    if (!m || !f) throw new Error(`WPP: no rows for location ${m49}`);
    return { female: adultBandsFromWpp(f), male: adultBandsFromWpp(m), name: m.name, all: sum([...m.byAge.values(), ...f.byAge.values()]) };
  };

  const files = new Map<string, string>();
  const index: PopulationIndex = {
    schema: POPULATION_INDEX_SCHEMA,
    data_version: POPULATION_DATA_VERSION,
    generated_by: "scripts/build-populations.ts",
    sources: {
      wpp2019: {
        ...WPP_PROVENANCE,
        version: "WPP 2019 estimates, popM/popF by 5-year age group, 1950-2020",
        year: 2020,
        note: "adult (18+) age × sex; the 18-19 part of the 15-19 band is 2/5 of it; 100+ drawn as 100-104",
      },
      pew2020: {
        ...PEW_PROVENANCE,
        version: "religious composition 2010-2020, subset 2020",
        year: 2020,
        note: "whole population (all ages)",
      },
      wvs7: {
        source: "World Values Survey wave 7 (2017-2022), derived weighted aggregates (wvs7_demographics_long.csv)",
        licence: WVS_LICENCE,
        version: "v5.0",
        year: "2017-2022",
        note: "survey-based proxies: weighted sample shares, not census figures",
      },
      wvs7_joint: {
        source:
          "World Values Survey wave 7 respondent files (v6.0 per-country extracts; official single-country files v2.0-v5.1 for AND, COL, GBR, RUS, TUR, UKR): weighted conditional tables (wvs7_joint) and modelled tables (wvs7_model_*)",
        licence: WVS6_LICENCE,
        version: "v6.0",
        year: "2017-2022",
        note: `share_adj (consistent with the country marginals); groups shrunk toward their parent with pseudo-count k = ${JOINT_SHRINK_K}; CAN, CHN, HKG, IDN, IND, NLD, USA, UZB are raked to UN WPP sex × age only (weighting labelled APPROXIMATE); modelled tables carry status 'modelled'`,
      },
    },
    countries: [],
  };

  for (const spec of POPULATION_COUNTRIES) {
    const iso = spec.iso3;
    const inWvs = wvs.dist.has(iso);
    const tables = {} as Record<PopulationVariable, PopulationTableEntry>;
    let adultPopulationNote: string;

    // --- adult age × sex -------------------------------------------------------------------
    let female: number[];
    let male: number[];
    let ageSexProv: Provenance;
    let ageSexStatus: "reference" | "survey_proxy" | "donor_proxy" = "reference";
    let ageSexId = "wpp2019.age_sex";
    if (spec.m49 !== null && spec.wppName !== null) {
      const w = wppAgeSex(spec.m49);
      if (w.name !== spec.wppName) throw new Error(`${iso}: WPP location ${spec.m49} is '${w.name}', expected '${spec.wppName}'`);
      female = w.female;
      male = w.male;
      ageSexProv = {
        ...WPP_PROVENANCE,
        year: 2020,
        note: `${w.name} (M49 ${spec.m49}), 2020; adults 18+ in thousands; the 18-19 band is 2/5 of WPP 15-19 (single years assumed uniform); the open band 100+ is drawn as ages 100-104`,
      };
      adultPopulationNote = "sum of the WPP 2019 adult (18+) cells, 2020";
    } else if (iso === "NIR") {
      const uk = wppAgeSex(826);
      const ext = EXTERNAL_TOTALS.NIR!;
      const scale = ext.persons / 1000 / uk.all;
      female = uk.female.map((x) => x * scale);
      male = uk.male.map((x) => x * scale);
      ageSexStatus = "donor_proxy";
      ageSexId = "wpp2019-uk.age_sex";
      ageSexProv = {
        ...WPP_PROVENANCE,
        year: 2020,
        note: `Northern Ireland is not a WPP location: the United Kingdom (M49 826) 2020 age × sex structure is scaled to the ${ext.source} (${ext.persons.toLocaleString("en-US")} persons, ${ext.licence}); 18-19 = 2/5 of 15-19; 100+ drawn as 100-104`,
      };
      adultPopulationNote = `UK adult age structure × ${ext.source}; approximate`;
    } else if (iso === "AND") {
      // WPP 2019 has no age table for Andorra (< 90,000 inhabitants): Andorra's own WVS-7 weighted
      // sex × age-group shares, spread over the WPP bands inside each group with Spain's profile.
      const spain = wppAgeSex(724);
      const d = wvs.dist.get("AND")?.get("Q260xX003R");
      if (!d) throw new Error("AND: no WVS sex × age cells");
      // WVS groups 16-24, 25-34, 35-44, 45-54, 55-64, 65+ → adult band indices
      const groupOfBand = ADULT_BANDS.map(([lo]) => (lo < 25 ? 1 : lo < 35 ? 2 : lo < 45 ? 3 : lo < 55 ? 4 : lo < 65 ? 5 : 6));
      const spainAdult = sum([...spain.female, ...spain.male]);
      const ext = EXTERNAL_TOTALS.AND!;
      const adults = (ext.persons / 1000) * (spainAdult / spain.all);
      const build = (sexCode: number, profile: number[]) =>
        ADULT_BANDS.map((_, bi) => {
          const g = groupOfBand[bi] as number;
          const groupShare = d.get(`${sexCode}|${g}`) ?? 0;
          const inGroup = profile.reduce((t, v, bj) => (groupOfBand[bj] === g ? t + v : t), 0);
          return (adults * groupShare * (profile[bi] as number)) / inGroup;
        });
      female = build(2, spain.female);
      male = build(1, spain.male);
      const t = sum([...female, ...male]);
      female = female.map((x) => (x * adults) / t);
      male = male.map((x) => (x * adults) / t);
      ageSexStatus = "survey_proxy";
      ageSexId = "wvs7.age_sex";
      ageSexProv = {
        source:
          "World Values Survey wave 7 (v5.0) weighted sex × age-group shares of Andorra, spread within each age group by the UN WPP 2019 profile of Spain (M49 724), 2020",
        year: wvs.years.AND ?? "2018",
        licence: `${WVS_LICENCE}; WPP: CC BY 3.0 IGO`,
        note: `WPP 2019 publishes no age table for Andorra (population < 90,000), so this is a survey proxy, not a census figure; WVS 16-24 taken as 18-24; total scaled to ${ext.source} (${ext.persons.toLocaleString("en-US")} persons) × Spain's adult share`,
      };
      adultPopulationNote = `${ext.source} × Spain's 2020 adult share; approximate`;
    } else throw new Error(`${iso}: no age × sex source`);

    tables.age_sex = {
      kind: "age_sex",
      id: ageSexId,
      status: ageSexStatus,
      provenance: ageSexProv,
      unit: "thousands",
      bands: ageGroups(ADULT_BANDS),
      female: female.map((x) => round3(x)),
      male: male.map((x) => round3(x)),
    };
    const adultPopulation = Math.round(sum([...female, ...male]) * 1000);

    // --- WVS-7 joint conditional tables (wvs7_joint), or the donor's for a country outside WVS-7 ----
    // the tables come from the country's own WVS-7 respondent file; FRA (not in WVS-7) uses its
    // donor's (DEU) tables, relabelled "wvs7-donor.*" with status donor_proxy.
    const jointIso = joint.sources.has(iso)
      ? iso
      : spec.donors?.length === 1 && joint.sources.has(spec.donors[0] as string)
        ? (spec.donors[0] as string)
        : null;
    const isDonor = jointIso !== null && jointIso !== iso;
    const donorName = isDonor ? (POPULATION_COUNTRIES.find((s) => s.iso3 === jointIso)?.name ?? jointIso) : "";
    const jointSrc = jointIso ? joint.sources.get(jointIso) : undefined;
    const jprov = (what: string, parent: string, extra = "", modelled = false): Provenance => {
      const s = jointSrc as JointSource;
      return {
        source: modelled
          ? `World Values Survey wave 7 (${s.version}), MODELLED table (wvs7_model_*): ${what}; the association of the six donors with full files (AND, COL, GBR, RUS, TUR, UKR) IPF-fitted to ${isDonor ? donorName : spec.name}'s own WVS-7 marginals`
          : `World Values Survey wave 7 respondent file (${s.version}), weighted conditional table (wvs7_joint): ${what}`,
        year: wvs.years[jointIso as string] ?? "2017-2022",
        licence: WVS6_LICENCE,
        note: `${isDonor ? `NOT figures for ${spec.name}: ${donorName}'s table stands in (${spec.name} is not in WVS-7); ` : ""}${modelled ? "modelled, not observed (leave-one-donor-out mean TVD 0.131 for occupation, 0.163 for household size; weak outside Europe)" : "survey-based proxy, not a census figure"}; ${s.n_respondents} respondents; don't know / no answer excluded${extra ? `; ${extra}` : ""}`,
        version: `WVS-7 ${s.version}`,
        weighting: s.approximate ? `APPROXIMATE: ${s.weight_method}` : s.weight_method,
        shrinkage: `pseudo-count k = ${JOINT_SHRINK_K} toward ${parent}: p = (n·p_group + k·p_parent) / (n + k), n = unweighted respondents of the group (rows with n = 0 are the parent)`,
        modelled,
      };
    };
    const noJoint = `no WVS-7 respondent data for ${spec.name} and no donor`;

    // age6 population weights (WPP adults, both sexes) for raking the religion table
    const age6Weights = AGE6_GROUPS.map(([lo, hi]) =>
      ADULT_BANDS.reduce((t, [blo], bi) => (blo >= lo && blo <= hi ? t + (female[bi] as number) + (male[bi] as number) : t), 0),
    );

    // --- religion | age group, raked to the Pew 2020 margin (else the WVS margin) ---------------
    const pew = spec.m49 !== null && iso !== "NIR" ? pewByM49.get(spec.m49) : undefined;
    let pewShares: number[] | undefined;
    if (pew) {
      const raw = RELIGIONS.map((rel) => {
        const col = Object.entries(PEW_COLUMNS).find(([, v]) => v === rel)?.[0] as string;
        const v = Number(pew[col]);
        if (!Number.isFinite(v)) throw new Error(`Pew ${iso}: bad ${col}`);
        return v;
      });
      const total = sum(raw);
      if (Math.abs(total - 100) > 0.5) throw new Error(`Pew ${iso}: shares sum to ${total}`);
      pewShares = shares6(raw);
    }
    const toBroad = (den: readonly number[]) =>
      RELIGIONS.map((rel) =>
        den.reduce((t, p, k) => (DENOMINATION_TO_RELIGION[RELIGIOUS_DENOMINATIONS[k] as string] === rel ? t + p : t), 0),
      );
    const relJoint = !isDonor && jointIso ? joint.religion.get(jointIso) : undefined;
    let religionShares: number[] | undefined;
    let denominations = inWvs ? wvsDenominations(wvs, iso) : undefined;
    if (relJoint) {
      const broad: JointTable = new Map([...relJoint].map(([k, r]) => [k, { p: toBroad(r.p), n: r.n }]));
      denominations ??= pooledRow(relJoint.values()) ?? undefined;
      const shrunk = shrinkTable(broad, [AGE6_LABELS], () => "all", pewShares ? { parentRow: pewShares } : {});
      const target = pewShares ?? (pooledRow(broad.values()) as number[]);
      const raked = rakeRows(
        AGE6_LABELS.map((a) => shrunk.rows[a] as number[]),
        age6Weights,
        target,
      );
      const rows = Object.fromEntries(AGE6_LABELS.map((a, i) => [a, shares6(raked[i] as number[])]));
      religionShares = pewShares ?? shares6(target);
      tables.religion = {
        kind: "conditional",
        id: pewShares ? "pew2020.religion_by_age" : "wvs7.religion_by_age",
        status: pewShares ? "reference" : "survey_proxy",
        provenance: pewShares
          ? {
              ...PEW_PROVENANCE,
              source: `${PEW_PROVENANCE.source}, as the country margin; the age pattern P(religion | age group) from the World Values Survey wave 7 (${jointSrc!.version}) Q289, raked (2-D IPF over the WPP 2020 adult age groups) to the Pew margin`,
              year: 2020,
              licence: `${PEW_PROVENANCE.licence}; ${WVS6_LICENCE}`,
              note: `${pew!.Country}, 2020: the Pew shares (whole population) are the margin of the adults drawn; WVS Q289 denominations mapped onto Pew's broad groups give the age pattern only`,
              version: `Pew 2020; WVS-7 ${jointSrc!.version}`,
              weighting: jointSrc!.approximate ? `APPROXIMATE: ${jointSrc!.weight_method}` : jointSrc!.weight_method,
              shrinkage: `pseudo-count k = ${JOINT_SHRINK_K} toward the Pew margin before raking`,
              modelled: false,
            }
          : jprov(
              "P(Q289 religious denomination → Pew's broad group | age group)",
              "the country's WVS margin",
              "Pew 2020 has no figure for this country",
            ),
        given: ["age_group"],
        age_groups: ageGroups(AGE6_GROUPS),
        levels: [...RELIGIONS],
        rows,
        n: shrunk.n,
      };
    } else if (pewShares) {
      religionShares = pewShares;
      tables.religion = {
        kind: "marginal",
        id: "pew2020.religion",
        status: "reference",
        provenance: {
          ...PEW_PROVENANCE,
          year: 2020,
          note: `${pew!.Country}, 2020; shares of the whole population (all ages), applied to adults (no WVS-7 age pattern for ${spec.name})`,
        },
        levels: [...RELIGIONS],
        shares: pewShares,
      };
    } else tables.religion = unavailable(`no Pew 2020 figure and no WVS-7 data for ${spec.name}`);
    if (isDonor && jointIso)
      denominations = wvsDenominations(wvs, jointIso) ?? pooledRow(joint.religion.get(jointIso)?.values() ?? []) ?? undefined;

    if (denominations && religionShares) {
      tables.religious_denomination = denominationTable(
        denominations,
        religionShares,
        isDonor ? "wvs7-donor.religious_denomination" : "wvs7.religious_denomination",
        isDonor ? "donor_proxy" : "survey_proxy",
        {
          ...(inWvs
            ? wvsProvenance(wvs, iso, "Q289", "religious denomination → P(denomination | broad religion)")
            : {
                source: `World Values Survey wave 7 (${jointSrc?.version ?? "v6.0"}) Q289 religious denomination${isDonor ? ` of ${donorName} (donor)` : ""}, pooled over age groups → P(denomination | broad religion)`,
                year: "2017-2022",
                licence: WVS6_LICENCE,
              }),
          note: `${isDonor ? `NOT figures for ${spec.name}: ${donorName}'s WVS-7 denominations stand in; ` : "survey-based proxy, not a census figure; "}only the Christian split is sampled (catholic / protestant / orthodox / other christian); the other groups have one denomination each; Christians get a null denomination (source 'unavailable') where WVS has no Christian respondents`,
        },
      );
    } else {
      tables.religious_denomination = unavailable(`no WVS-7 denomination shares for ${spec.name}`);
    }

    // --- education: level | sex × age group, ISCED | level ----------------------------------------
    // the country's own WVS-7 cells, or its donor's (relabelled wvs7-donor.*, status donor_proxy)
    const eduIso = inWvs ? iso : isDonor ? jointIso : null;
    const eduJoint = eduIso ? wvsEducationJoint(wvs, eduIso) : undefined;
    const isced = eduIso ? wvsIsced(wvs, eduIso) : undefined;
    const donorIsced = () => {
      const ds = spec.donors ?? [];
      const xs = ds.map((d) => wvsIsced(wvs, d));
      if (!ds.length || xs.some((x) => !x)) return undefined;
      return normalise((xs[0] as number[]).map((_, i) => xs.reduce((t, x) => t + (x![i] as number), 0) / xs.length));
    };
    if (eduIso && eduJoint && isced) {
      const e = educationTables(
        eduJoint,
        isced,
        isDonor ? "wvs7-donor" : "wvs7",
        isDonor ? "donor_proxy" : "survey_proxy",
        (what, extra) => {
          const p = wvsProvenance(wvs, eduIso, what.startsWith("sex") ? "Q260xX003R2xQ275R" : "Q275", what, extra);
          if (!isDonor) return p;
          return {
            ...p,
            note: `NOT figures for ${spec.name}: ${donorName}'s WVS-7 weighted shares stand in (${spec.name} is not in WVS-7)${extra ? `; ${extra}` : ""}`,
          };
        },
      );
      tables.education_level = e.level;
      tables.education = e.isced;
    } else if (jointIso && joint.urban.get(jointIso)) {
      // P(edu3 | age group) from the urban/rural table's unweighted group counts (every respondent
      // with a settlement code), the same for both sexes; ISCED within the level from the donors
      const ea = educationByAge(joint.urban.get(jointIso)!);
      const rows: Record<string, number[]> = {};
      const n: Record<string, number> = {};
      for (const s of SEXES)
        for (const a of AGE6_LABELS) ((rows[`${s}|${a}`] = ea.rows[a] as number[]), (n[`${s}|${a}`] = ea.n[a] as number));
      tables.education_level = {
        kind: "conditional",
        id: "wvs7.education_by_age",
        status: "survey_proxy",
        provenance: {
          ...jprov(
            "P(Q275R education level | age group) from the respondent counts of the edu3 × age6 groups",
            "(none: groups of 50-600 respondents)",
            "the same row for both sexes (the joint tables hold no sex × education × age cells for this country)",
          ),
          weighting: "APPROXIMATE: unweighted respondent counts within each age group",
          shrinkage: "none",
        },
        given: ["sex", "age_group"],
        age_groups: ageGroups(AGE6_GROUPS),
        levels: [...EDUCATION_LEVELS],
        rows,
        n,
      };
      const di = donorIsced();
      if (di) {
        tables.education = {
          kind: "conditional",
          id: "wvs7-donor.education_isced",
          status: "donor_proxy",
          provenance: {
            source: `World Values Survey wave 7 (v5.0) weighted Q275 shares of ${spec.donors!.join("+")} (donor countries): highest education (ISCED 2011) → P(ISCED level | education level)`,
            year: spec.donors!.map((d) => wvs.years[d]).join("/"),
            licence: WVS_LICENCE,
            note: `NOT figures for ${spec.name}: the split of each education level into ISCED levels is the equal-weight mean of the donors' (the level itself is ${spec.name}'s own)`,
          },
          given: ["education_level"],
          levels: [...EDUCATIONS],
          rows: iscedRowsOf(di),
        };
      } else tables.education = unavailable(`no ISCED detail for ${spec.name} and no donor`);
    } else {
      tables.education_level = unavailable(noJoint);
      tables.education = unavailable(noJoint);
    }

    // --- marital, employment | sex × age; income, settlement | education × age; occupation | sex ×
    // education; household size | age × marital status (JOINT_TABLES) ---------------------------
    for (const s of JOINT_TABLES) {
      const defect = DEFECTS[jointIso ?? iso]?.[s.variable];
      const real = jointIso ? joint[s.real].get(jointIso) : undefined;
      const model = jointIso && !real && s.model ? joint[s.model].get(jointIso) : undefined;
      const t = real ?? model;
      if (defect) tables[s.variable] = unavailable(defect);
      else if (t && pooledRow(t.values())) {
        const modelled = !real;
        const pi = s.given.indexOf(s.parentOf);
        const shrunk = shrinkTable(t, s.given.map(words), (k) => k.split("|")[pi] as string);
        tables[s.variable] = {
          kind: "conditional",
          id: `${isDonor ? "wvs7-donor" : modelled ? "wvs7-model" : "wvs7"}.${s.name}`,
          status: isDonor ? "donor_proxy" : modelled ? "modelled" : "survey_proxy",
          provenance: jprov(s.what, s.parent, "", modelled),
          given: s.given,
          ...(s.given.includes("age_group") ? { age_groups: ageGroups(AGE6_GROUPS) } : {}),
          levels: [...words(s.variable)],
          rows: shrunk.rows,
          n: shrunk.n,
        };
      } else {
        tables[s.variable] = unavailable(
          jointIso
            ? `no WVS-7 ${s.name.replace(/_/g, " ")} table for ${spec.name} (neither a respondent-file table nor a modelled one)`
            : noJoint,
        );
      }
    }
    tables.region = unavailable(
      "no regional breakdown in the shared data (the WVS-7 aggregates carry no region variable and WPP is national); region is drawn as null",
    );

    // sanity checks that found the DEFECTS above; a new warning needs a look before shipping
    if (inWvs) {
      const hh = wvs.dist.get(iso)?.get("Q270");
      const big = hh ? [...hh].reduce((t, [c, p]) => (Number(c) >= 8 ? t + p : t), 0) : 0;
      if (big > 0.5 && !DEFECTS[iso]?.household_size) warnings.push(`${iso}: ${Math.round(big * 100)}% in households of 8+`);
      const ur = wvs.dist.get(iso)?.get("H_URBRURAL");
      if (ur && ur.size === 1 && !DEFECTS[iso]?.settlement && !["MAC", "SGP"].includes(iso))
        warnings.push(`${iso}: a single settlement level`);
    }

    const country: CountryPopulation = {
      schema: POPULATION_TABLE_SCHEMA,
      data_version: POPULATION_DATA_VERSION,
      country: iso,
      name: spec.name,
      m49: spec.m49,
      adult_population: adultPopulation,
      adult_population_note: adultPopulationNote,
      tables: Object.fromEntries(POPULATION_VARIABLES.map((v) => [v, tables[v]])) as CountryPopulation["tables"],
    };
    CountryPopulationSchema.parse(country);
    const body = formatCountryFile(country);
    const file = `${iso}.json`;
    files.set(file, body);
    index.countries.push({
      country: iso,
      name: spec.name,
      file,
      adult_population: adultPopulation,
      sha256: createHash("sha256").update(body).digest("hex"),
      tables: POPULATION_VARIABLES.map((v) => ({ variable: v, id: tables[v].id, status: tables[v].status })),
      donors: spec.donors ?? [],
    });
  }
  index.countries.sort((a, b) => a.country.localeCompare(b.country));
  PopulationIndexSchema.parse(index);
  files.set("index.json", JSON.stringify(index, null, 1) + "\n");
  return { files, warnings };
}

/** compact but diff-friendly: one line per table */
function formatCountryFile(c: CountryPopulation): string {
  const { tables, ...head } = c;
  const entries = Object.entries(tables).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `${JSON.stringify(head).slice(0, -1)},"tables":{\n${entries.join(",\n")}\n}}\n`;
}

// ---------------------------------------------------------------------------------------------

function main(argv: string[]): number {
  let shared: string | undefined;
  let check = false;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--shared") shared = argv[++i];
    else if (argv[i] === "--out") out = argv[++i];
    else if (argv[i] === "--check") check = true;
    else {
      console.error(`build-populations: unknown argument '${argv[i]}' (use --shared DIR, --out DIR, --check)`);
      return 2;
    }
  }
  shared ??= sharedDataDir();
  if (!shared || !existsSync(join(shared, "wpp2019"))) {
    console.error("build-populations: ../shared/data not found (set DEEPPERSONA_SHARED_DATA or pass --shared DIR); nothing written");
    return 2;
  }
  const { files, warnings } = buildPopulationFiles(shared);
  for (const w of warnings) console.error(`build-populations: warning: ${w}`);
  const outDir = out ?? dataPath("populations");
  if (check) {
    const stale: string[] = [];
    for (const [f, body] of files) {
      const p = join(outDir, f);
      if (!existsSync(p) || readFileSync(p, "utf8") !== body) stale.push(f);
    }
    if (stale.length) {
      console.error(`build-populations: ${stale.length} file(s) differ from the build: ${stale.slice(0, 10).join(", ")}`);
      return 1;
    }
    console.log(`build-populations: ${files.size} files up to date`);
    return 0;
  }
  mkdirSync(outDir, { recursive: true });
  for (const [f, body] of files) {
    const tmp = join(outDir, `.${f}.tmp-${process.pid}`);
    writeFileSync(tmp, body);
    renameSync(tmp, join(outDir, f));
  }
  for (const f of readdirSync(outDir)) {
    if (f.endsWith(".json") && !files.has(f)) unlinkSync(join(outDir, f));
  }
  const bytes = [...files.values()].reduce((t, b) => t + Buffer.byteLength(b), 0);
  console.log(`build-populations: wrote ${files.size - 1} countries + index.json to ${outDir} (${(bytes / 1024).toFixed(0)} KiB)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
