// reads the WVS-7 weighted conditional tables of ../shared/data/wvs7_joint (aggregates: share,
// share_adj, unweighted counts per conditioning group) and turns them into the compact rows the
// population files ship: mapped onto our vocabularies, small groups shrunk toward their parent row
// with a pseudo-count (p = (n·p_group + k·p_parent) / (n + k)), religion raked to a country margin.
// used by scripts/build-populations.ts (the only writer of data/populations).
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

/** pseudo-count of the shrinkage toward the parent row (the README of wvs7_joint suggests 10-20) */
export const JOINT_SHRINK_K = 10;

/** RFC-4180-ish CSV: quoted fields with commas and doubled quotes */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ""])));
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
  /** the method column of the modelled files (e.g. "modelled_pooled_AND+COL+GBR+RUS+TUR+UKR_ipf") */
  modelMethod: string;
}

const MARITAL_BY_LABEL: Record<string, string> = {
  married: "married",
  "living together as married": "living together as married",
  divorced: "divorced",
  separated: "separated",
  widowed: "widowed",
  single: "single",
};

interface ReadSpec {
  file: string;
  nLevels: number;
  /** group key of a csv row, e.g. "female|18-24" */
  key: (r: Record<string, string>) => string;
  /** WVS code → our level index */
  level: (code: number) => number;
  modelled?: boolean;
}

function readTable(dir: string, spec: ReadSpec, methods?: Set<string>): Map<string, JointTable> {
  const out = new Map<string, JointTable>();
  for (const r of parseCsv(readFileSync(join(dir, spec.file), "utf8"))) {
    const iso = r.country_iso3 as string;
    const code = Number(r.code);
    if (!Number.isFinite(code) || code < 0) continue;
    const li = spec.level(code);
    if (!(li >= 0 && li < spec.nLevels)) throw new Error(`${spec.file}: ${iso} code ${r.code} has no level`);
    const share = Number(spec.modelled ? r.share : r.share_adj);
    const n = Number(spec.modelled ? r.n_group_unweighted : r.n_unweighted);
    if (!Number.isFinite(share) || !Number.isFinite(n)) throw new Error(`${spec.file}: ${iso} bad number in ${JSON.stringify(r)}`);
    if (spec.modelled && methods) methods.add(r.method as string);
    let t = out.get(iso);
    if (!t) out.set(iso, (t = new Map()));
    const key = spec.key(r);
    let row = t.get(key);
    if (!row) t.set(key, (row = { p: new Array<number>(spec.nLevels).fill(0), n }));
    row.p[li] = (row.p[li] as number) + share;
  }
  return out;
}

function age6(r: Record<string, string>): string {
  const a = r.age_group as string;
  if (!AGE6_LABELS.includes(a)) throw new Error(`wvs7_joint: unknown age group '${a}'`);
  return a;
}
function sex(r: Record<string, string>): string {
  const s = r.sex as string;
  if (!(SEXES as readonly string[]).includes(s)) throw new Error(`wvs7_joint: unknown sex '${s}'`);
  return s;
}
function edu(r: Record<string, string>): string {
  const e = r.edu3 as string;
  if (!(EDUCATION_LEVELS as readonly string[]).includes(e)) throw new Error(`wvs7_joint: unknown edu3 '${e}'`);
  return e;
}
function marital(r: Record<string, string>): string {
  const m = MARITAL_BY_LABEL[(r.marital as string).toLowerCase()];
  if (!m) throw new Error(`wvs7_joint: unknown marital label '${r.marital}'`);
  return m;
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
  const methods = new Set<string>();
  const codeMinus1 = (c: number) => c - 1;
  const data: JointData = {
    sources,
    employment: readTable(dir, {
      file: "wvs7_joint_employment_by_sex_age.csv",
      nLevels: EMPLOYMENTS.length,
      key: (r) => `${sex(r)}|${age6(r)}`,
      level: codeMinus1,
    }),
    marital: readTable(dir, {
      file: "wvs7_joint_marital_by_sex_age.csv",
      nLevels: MARITAL_STATUSES.length,
      key: (r) => `${sex(r)}|${age6(r)}`,
      level: codeMinus1,
    }),
    income: readTable(dir, {
      file: "wvs7_joint_income_by_edu_age.csv",
      nLevels: INCOME_DECILES.length,
      key: (r) => `${edu(r)}|${age6(r)}`,
      level: codeMinus1,
    }),
    religion: readTable(dir, {
      file: "wvs7_joint_religion_by_age.csv",
      nLevels: RELIGIOUS_DENOMINATIONS.length,
      key: (r) => age6(r),
      level: (c) => c,
    }),
    urban: readTable(dir, {
      file: "wvs7_joint_urban_by_edu_age.csv",
      nLevels: SETTLEMENTS.length,
      key: (r) => `${edu(r)}|${age6(r)}`,
      level: codeMinus1,
    }),
    occupation: readTable(dir, {
      file: "wvs7_joint_occupation_by_sex_edu.csv",
      nLevels: OCCUPATION_GROUPS.length,
      key: (r) => `${sex(r)}|${edu(r)}`,
      level: (c) => c,
    }),
    occupationModel: readTable(
      dir,
      {
        file: "wvs7_model_occupation_by_sex_edu.csv",
        nLevels: OCCUPATION_GROUPS.length,
        key: (r) => `${sex(r)}|${edu(r)}`,
        level: (c) => c,
        modelled: true,
      },
      methods,
    ),
    hhsize: readTable(dir, {
      file: "wvs7_joint_hhsize_by_age_marital.csv",
      nLevels: HOUSEHOLD_SIZES.length,
      key: (r) => `${age6(r)}|${marital(r)}`,
      level: (c) => Math.min(c, 7) - 1,
    }),
    hhsizeModel: readTable(
      dir,
      {
        file: "wvs7_model_hhsize_by_age_marital.csv",
        nLevels: HOUSEHOLD_SIZES.length,
        key: (r) => `${age6(r)}|${marital(r)}`,
        level: (c) => Math.min(c, 7) - 1,
        modelled: true,
      },
      methods,
    ),
    modelMethod: [...methods].sort().join("; "),
  };
  return data;
}

const normalise = (xs: readonly number[]) => {
  const t = xs.reduce((a, b) => a + b, 0);
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
