// reads the WVS-7 weighted conditional tables of ../shared/data/wvs7_joint (aggregates: share,
// share_adj, unweighted counts per conditioning group) and turns them into the compact rows the
// population files ship: mapped onto our vocabularies, small groups shrunk toward their parent row
// with a pseudo-count (p = (n·p_group + k·p_parent) / (n + k)), religion raked to a country margin.
// used by scripts/build-populations.ts (the only writer of data/populations).
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  AGE6_GROUPS,
  EDUCATION_LEVELS,
  EMPLOYMENTS,
  HOUSEHOLD_SIZES,
  INCOME_DECILES,
  MARITAL_STATUSES,
  OCCUPATION_GROUPS,
  RELIGIOUS_DENOMINATIONS,
  SETTLEMENTS,
  SEXES,
  ageBandLabel,
} from "../persona-engine/population/population-labels.js";
import { parseCsvText } from "../surveys/parse-csv-text.js";

/** pseudo-count of the shrinkage toward the parent row (the README of wvs7_joint suggests 10-20) */
export const JOINT_SHRINK_K = 10;

/** CSV text → one record per row, keyed by the header (quoted fields, doubled quotes, CRLF) */
export function parseCsv(text: string): Record<string, string>[] {
  const { header, rows } = parseCsvText(text);
  return rows.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ""])));
}

export const AGE6_LABELS = AGE6_GROUPS.map(([lo, hi]) => ageBandLabel(lo, hi));

/** one conditioning group: shares over our levels and the unweighted respondents behind them */
export interface JointRow {
  p: number[];
  n: number;
}
/** group key (our words joined by "|") → row */
export type JointTable = Map<string, JointRow>;

export interface JointSource {
  source: string;
  version: string;
  weight_method: string;
  n_respondents: number;
  /** no WVS weighted targets: raked to UN WPP sex × age only (label as approximate) */
  approximate: boolean;
}

export interface JointData {
  sources: Map<string, JointSource>;
  employment: Map<string, JointTable>;
  marital: Map<string, JointTable>;
  income: Map<string, JointTable>;
  /** levels: RELIGIOUS_DENOMINATIONS (Q289 codes 0-9) */
  religion: Map<string, JointTable>;
  urban: Map<string, JointTable>;
  occupation: Map<string, JointTable>;
  occupationModel: Map<string, JointTable>;
  hhsize: Map<string, JointTable>;
  hhsizeModel: Map<string, JointTable>;
}

type CsvRecord = Record<string, string>;

/** a conditioning column of a joint file, its words checked against our vocabulary */
const column =
  (name: string, words: readonly string[], what = name, word = (v: string) => v) =>
  (r: CsvRecord): string => {
    const v = word(r[name] as string);
    if (!words.includes(v)) throw new Error(`wvs7_joint: unknown ${what} '${r[name]}'`);
    return v;
  };
const age6 = column("age_group", AGE6_LABELS, "age group");
const sex = column("sex", SEXES);
const edu = column("edu3", EDUCATION_LEVELS);
const marital = column("marital", MARITAL_STATUSES, "marital label", (v) => v.toLowerCase());

/**
 * one table per country: rows keyed by the conditioning columns joined by "|" (e.g. "female|18-24"),
 * `level` maps a WVS code to our level index; modelled files carry share / n_group_unweighted
 */
function readTable(
  file: string,
  levels: readonly string[],
  key: ((r: CsvRecord) => string)[],
  level: (code: number) => number,
  modelled = false,
): Map<string, JointTable> {
  const out = new Map<string, JointTable>();
  const name = basename(file);
  for (const r of parseCsv(readFileSync(file, "utf8"))) {
    const iso = r.country_iso3 as string;
    const code = Number(r.code);
    if (!Number.isFinite(code) || code < 0) continue;
    const li = level(code);
    if (!(li >= 0 && li < levels.length)) throw new Error(`${name}: ${iso} code ${r.code} has no level`);
    const share = Number(modelled ? r.share : r.share_adj);
    const n = Number(modelled ? r.n_group_unweighted : r.n_unweighted);
    if (!Number.isFinite(share) || !Number.isFinite(n)) throw new Error(`${name}: ${iso} bad number in ${JSON.stringify(r)}`);
    let t = out.get(iso);
    if (!t) out.set(iso, (t = new Map()));
    const k = key.map((f) => f(r)).join("|");
    let row = t.get(k);
    if (!row) t.set(k, (row = { p: new Array<number>(levels.length).fill(0), n }));
    row.p[li] = (row.p[li] as number) + share;
  }
  return out;
}

/** reads every wvs7_joint table (throws on an unknown code or label) */
export function readJointData(sharedDir: string): JointData {
  const dir = join(sharedDir, "wvs7_joint");
  const sources = new Map<string, JointSource>();
  for (const r of parseCsv(readFileSync(join(dir, "wvs7_joint_sources.csv"), "utf8"))) {
    const wm = r.weight_method as string;
    sources.set(r.country_iso3 as string, {
      source: r.source as string,
      version: r.version as string,
      weight_method: wm,
      n_respondents: Number(r.n_respondents),
      approximate: /no WVS weighted targets/i.test(wm),
    });
  }
  const f = (name: string) => join(dir, name);
  const codeMinus1 = (c: number) => c - 1;
  const same = (c: number) => c;
  const hhsize = (c: number) => Math.min(c, 7) - 1;
  return {
    sources,
    employment: readTable(f("wvs7_joint_employment_by_sex_age.csv"), EMPLOYMENTS, [sex, age6], codeMinus1),
    marital: readTable(f("wvs7_joint_marital_by_sex_age.csv"), MARITAL_STATUSES, [sex, age6], codeMinus1),
    income: readTable(f("wvs7_joint_income_by_edu_age.csv"), INCOME_DECILES, [edu, age6], codeMinus1),
    religion: readTable(f("wvs7_joint_religion_by_age.csv"), RELIGIOUS_DENOMINATIONS, [age6], same),
    urban: readTable(f("wvs7_joint_urban_by_edu_age.csv"), SETTLEMENTS, [edu, age6], codeMinus1),
    occupation: readTable(f("wvs7_joint_occupation_by_sex_edu.csv"), OCCUPATION_GROUPS, [sex, edu], same),
    occupationModel: readTable(f("wvs7_model_occupation_by_sex_edu.csv"), OCCUPATION_GROUPS, [sex, edu], same, true),
    hhsize: readTable(f("wvs7_joint_hhsize_by_age_marital.csv"), HOUSEHOLD_SIZES, [age6, marital], hhsize),
    hhsizeModel: readTable(f("wvs7_model_hhsize_by_age_marital.csv"), HOUSEHOLD_SIZES, [age6, marital], hhsize, true),
  };
}

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
export const normalise = (xs: readonly number[]) => {
  const t = sum(xs);
  return t > 0 ? xs.map((x) => x / t) : xs.map(() => 0);
};
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
/** normalised and rounded to 6 decimals (the shipped precision) */
export const shares6 = (xs: readonly number[]) => normalise(xs).map(round6);

/** every key of the grid of the given dimensions, in order ("female|18-24", …) */
export function gridKeys(dims: readonly (readonly string[])[]): string[] {
  let keys = [""];
  for (const d of dims) keys = keys.flatMap((k) => d.map((v) => (k ? `${k}|${v}` : v)));
  return keys;
}

/** the n-weighted mean row of the groups (pooled shares), or null when no group has respondents */
export function pooledRow(rows: Iterable<JointRow>): number[] | null {
  let acc: number[] | null = null;
  let n = 0;
  for (const r of rows) {
    const p = normalise(r.p);
    if (!(r.n > 0) || !p.some((x) => x > 0)) continue;
    acc ??= new Array<number>(p.length).fill(0);
    p.forEach((x, i) => (acc![i] = (acc![i] as number) + x * r.n));
    n += r.n;
  }
  return acc && n > 0 ? normalise(acc) : null;
}

export interface ShrunkTable {
  rows: Record<string, number[]>;
  n: Record<string, number>;
}

/**
 * the full grid of rows, each shrunk toward its parent: p = (n·p_group + k·p_parent) / (n + k).
 * the parent of a group is the pooled row of the groups sharing parentOf(key) (e.g. the same age
 * group, both sexes), or `parentRow` when given; a missing group is its parent. rows are rounded
 * to 6 decimals.
 */
export function shrinkTable(
  t: JointTable,
  dims: readonly (readonly string[])[],
  parentOf: (key: string) => string,
  opts: { k?: number; parentRow?: readonly number[] } = {},
): ShrunkTable {
  const k = opts.k ?? JOINT_SHRINK_K;
  const grand = pooledRow(t.values());
  if (!grand) throw new Error("shrinkTable: a table without respondents");
  const byParent = new Map<string, JointRow[]>();
  for (const [key, row] of t) {
    const pk = parentOf(key);
    let list = byParent.get(pk);
    if (!list) byParent.set(pk, (list = []));
    list.push(row);
  }
  const parentCache = new Map<string, number[]>();
  const parentFor = (key: string): number[] => {
    if (opts.parentRow) return [...opts.parentRow];
    const pk = parentOf(key);
    let p = parentCache.get(pk);
    if (!p) parentCache.set(pk, (p = pooledRow(byParent.get(pk) ?? []) ?? grand));
    return p;
  };
  const rows: Record<string, number[]> = {};
  const n: Record<string, number> = {};
  for (const key of gridKeys(dims)) {
    const row = t.get(key);
    const parent = parentFor(key);
    const p = row ? normalise(row.p) : null;
    const nn = row && p && p.some((x) => x > 0) ? row.n : 0;
    rows[key] = shares6(parent.map((q, i) => (nn * (p ? (p[i] as number) : 0) + k * q) / (nn + k)));
    n[key] = Math.round(nn);
  }
  return { rows, n };
}

/**
 * 2-D raking: rows P(level | group) with group weights w, rescaled per level until the implied
 * margin Σ_g w_g P(level | g) equals the target (levels with target 0 vanish). rows stay normalised.
 */
export function rakeRows(rows: number[][], weights: readonly number[], target: readonly number[], iters = 2000): number[][] {
  const w = normalise(weights);
  const tgt = normalise(target);
  let cur = rows.map((r) => normalise(r));
  for (let it = 0; it < iters; it++) {
    const margin = tgt.map((_, j) => cur.reduce((t, r, g) => t + (w[g] as number) * (r[j] as number), 0));
    const f = tgt.map((t, j) => ((margin[j] as number) > 0 ? t / (margin[j] as number) : 0));
    cur = cur.map((r) => normalise(r.map((x, j) => x * (f[j] as number))));
    const err = Math.max(...tgt.map((t, j) => Math.abs(cur.reduce((s, r, g) => s + (w[g] as number) * (r[j] as number), 0) - t)));
    if (err < 1e-9) break;
  }
  return cur;
}

/** P(edu3 | age6) from the unweighted respondent counts of a table conditioned on edu3 × age6 */
export function educationByAge(t: JointTable): { rows: Record<string, number[]>; n: Record<string, number> } {
  const rows: Record<string, number[]> = {};
  const n: Record<string, number> = {};
  const pooled = EDUCATION_LEVELS.map((e) => AGE6_LABELS.reduce((s, a) => s + (t.get(`${e}|${a}`)?.n ?? 0), 0));
  for (const a of AGE6_LABELS) {
    const counts = EDUCATION_LEVELS.map((e) => t.get(`${e}|${a}`)?.n ?? 0);
    const total = counts.reduce((x, y) => x + y, 0);
    rows[a] = shares6(total > 0 ? counts : pooled);
    n[a] = total;
  }
  return { rows, n };
}
