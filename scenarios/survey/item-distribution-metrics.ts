// metrics for instruments scored as item distributions (WVS): per arm × country × item, the
// simulated answers against the country's WVS-7 reference with the surveys' categorical recipe
// (KS, Wasserstein-1, Jensen–Shannon in bits, total variation, mean difference, bootstrap CIs),
// unweighted means per arm; then what a methodologist reads first (VALIDITY.md): `fidelity`
// (floor, uniform, fidelity with CIs per cell, pooled per arm), paired `contrasts` of the focal arm
// (deep) with every other arm, `closest` decided by those paired CIs ("tie" otherwise),
// `subgroups` (gradients vs the conditional references), `country_rank`, `sd_ratio`,
// `entropy_ratio` and the country-mean correlation. the unit of every interval is the PERSONA
// (its samples and its logprob vector nest in it; persona weights enter with Kish's n; with
// `weightedDistances` — survey run --weights rake — the raw distances per cell use them too).
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { compareCategorical, type CategoricalComparison } from "../../surveys/metrics/compare-categorical.js";
import { summariseMetrics, type MetricSummary } from "../../surveys/metrics/average-metrics.js";
import {
  findConditionalReference,
  findReference,
  loadWvsReferenceTable,
  type ReferenceDistribution,
} from "../../surveys/references/load-reference.js";
import { validCodes } from "../../surveys/item-codes.js";
import { armFidelity, type ArmContrasts, type ClosestCell, type PooledFidelity } from "../../surveys/metrics/arm-fidelity.js";
import type { ItemFidelitySummary } from "../../surveys/metrics/item-fidelity.js";
import { countryRank, type CountryRank } from "../../surveys/metrics/country-rank.js";
import { shapeRatios } from "../../surveys/metrics/shape-ratios.js";
import { subgroupGradient, type SubgroupGradient } from "../../surveys/metrics/subgroup-gradient.js";
import type { UnitInput } from "../../surveys/metrics/unit-sample.js";
import { createRng } from "../../core/rng.js";
import { effectiveCounts, type WeightedAnswer } from "../../surveys/metrics/effective-counts.js";
import { alignedReference, fidelityItem } from "../../surveys/metrics/fidelity-item.js";
import { distributionMean } from "../../surveys/metrics/categorical-metrics.js";
import { plainMean } from "../../surveys/metrics/plain-moments.js";
import { sampleCorrelation } from "simple-statistics";
import type { ResponseRecord } from "./response-record.js";

export const CLOSENESS_METRIC = "fidelity";

/** replicates of the (secondary) percentile intervals of the raw distances */
export const RAW_CI_REPLICATES = 200;

/** what subgroup and weighting need of a persona */
export interface PersonaInfo {
  id: string;
  country: string;
  weight?: number;
  sex?: string | null;
  age?: number | null;
  /** lower | middle | higher */
  education_level?: string | null;
  /** urban | rural */
  settlement?: string | null;
}

export const SUBGROUP_DIMENSIONS = {
  sex: ["male", "female"],
  age3: ["18-29", "30-49", "50+"],
  edu3: ["lower", "middle", "higher"],
  urbrur: ["rural", "urban"],
} as const;
export type SubgroupDimension = keyof typeof SUBGROUP_DIMENSIONS;

function levelOf(p: PersonaInfo | undefined, dim: SubgroupDimension): string | null {
  if (!p) return null;
  if (dim === "sex") return p.sex === "male" || p.sex === "female" ? p.sex : null;
  if (dim === "edu3")
    return p.education_level === "lower" || p.education_level === "middle" || p.education_level === "higher" ? p.education_level : null;
  if (dim === "urbrur") return p.settlement === "urban" || p.settlement === "rural" ? p.settlement : null;
  const age = typeof p.age === "number" ? p.age : null;
  return age === null ? null : age < 30 ? "18-29" : age < 50 ? "30-49" : "50+";
}

export interface CellMetrics {
  n_rows: number;
  n_ok: number;
  n_refused: number;
  n_invalid: number;
  reference: { quality: string; n: number | null; source: string; year: string | null } | null;
  comparison: CategoricalComparison | null;
  /** weighted runs: Kish's effective n of the rows' weights (the comparison uses their weighted shares) */
  kish_n_simulated?: number;
  /** weighted runs: the same cell with the personas' design weights only (--weights none) */
  unweighted?: UnweightedCell;
  note?: string;
}

/** the raw figures of a cell kept alongside its weighted comparison */
export type UnweightedCell = Pick<
  CategoricalComparison,
  "n_simulated" | "simulated_shares" | "ks" | "wasserstein" | "js_distance" | "total_variation" | "mean_diff"
>;

export interface ItemDistributionMetrics {
  kind: "item-distributions";
  recipe: "categorical";
  js_log_base: 2;
  closeness_metric: typeof CLOSENESS_METRIC;
  answer_method: "sample" | "logprob";
  arms: string[];
  countries: string[];
  items: string[];
  /** arm → country → item */
  results: Record<string, Record<string, Record<string, CellMetrics>>>;
  /** arm → unweighted means (by country, by item, overall = mean of country means) */
  means: Record<string, MetricSummary>;
  /** country → item → the closest arm(s) by fidelity, decided by paired CIs (several = a tie), and every arm's JS distance */
  closest: Record<string, Record<string, ClosestCell & { js_distance: Record<string, number | null> }>>;
  /** arm → cells where it alone is decidedly closest */
  closest_counts: Record<string, number>;
  /** floor, uniform and fidelity (KS, W1, JS) per arm × country × item, pooled per arm */
  fidelity: {
    method: string;
    bootstrap: number;
    confidence: number;
    /** arm → country → item */
    cells: Record<string, Record<string, Record<string, ItemFidelitySummary | null>>>;
    pooled: Record<string, PooledFidelity>;
  };
  /** paired focal − other fidelity per country × item, per country and overall */
  contrasts: { focal: string; method: string; arms: Record<string, ArmContrasts> };
  /** arm → country → item → dimension → gradient (ordinal items with a conditional reference) */
  subgroups: Record<string, Record<string, Record<string, Partial<Record<SubgroupDimension, SubgroupGradient>>>>>;
  /** arm → country → rank of the country among all reference countries */
  country_rank: Record<string, Record<string, CountryRank>>;
  /** arm → country → item: simulated SD / reference SD (ordinal items) */
  sd_ratio: Record<string, Record<string, Record<string, number | null>>>;
  /** arm → country → item: simulated entropy / reference entropy */
  entropy_ratio: Record<string, Record<string, Record<string, number | null>>>;
  /** arm → Pearson r of simulated vs reference item means across countries (≥ 3 countries) */
  country_mean_correlation: Record<string, { by_item: Record<string, number | null>; mean: number | null; countries: number }>;
}

export interface ItemDistributionMetricsOptions {
  rows: readonly ResponseRecord[];
  items: readonly SurveyItem[];
  arms: readonly string[];
  countries: readonly string[];
  answerMethod: "sample" | "logprob";
  bootstrap: number;
  seed: number | string;
  /** the reference of a country × item (default: the WVS-7 references; `--reference FILE`: the user's data) */
  reference?: (country: string, item: string) => ReferenceDistribution | undefined;
  /** persona weights and demographics (subgroups); without them every persona weighs 1 */
  personas?: readonly PersonaInfo[];
  /** the raw distances per cell use the personas' weights too (effective counts at Kish's n); fidelity and the sections after it always do */
  weightedDistances?: boolean;
}

/** one unit per persona: its valid answers (samples) or its probability vectors, and its weight */
export function personaUnits(rows: readonly ResponseRecord[], logprob: boolean, personas: ReadonlyMap<string, PersonaInfo>): UnitInput[] {
  const by = new Map<string, UnitInput & { answers: number[] }>();
  const probs = new Map<string, Record<string, number>>();
  for (const r of rows) {
    let u = by.get(r.persona_id);
    if (!u) {
      const w = personas.get(r.persona_id)?.weight;
      u = { id: r.persona_id, answers: [], ...(w !== undefined ? { weight: w } : {}) };
      by.set(r.persona_id, u);
    }
    if (r.status !== "ok") continue;
    if (logprob && r.probs) {
      const acc = probs.get(r.persona_id) ?? {};
      for (const [code, p] of Object.entries(r.probs)) acc[code] = (acc[code] ?? 0) + p;
      probs.set(r.persona_id, acc);
    } else if (r.value !== null) u.answers.push(r.value);
  }
  return [...by.values()].map((u) =>
    probs.has(u.id)
      ? { id: u.id, probs: probs.get(u.id) as Record<string, number>, ...(u.weight !== undefined ? { weight: u.weight } : {}) }
      : u,
  );
}

function simulatedInput(rows: readonly ResponseRecord[], logprob: boolean) {
  const counts: Record<string, number> = {};
  let missing = 0;
  let invalid = 0;
  for (const r of rows) {
    if (r.status === "refused") missing++;
    else if (r.status === "invalid") invalid++;
    else if (logprob && r.probs) for (const [code, p] of Object.entries(r.probs)) counts[code] = (counts[code] ?? 0) + p;
    else if (r.value !== null) counts[String(r.value)] = (counts[String(r.value)] ?? 0) + 1;
  }
  return { counts, missing, invalid };
}

/** a cell's rows as weighted effective counts (each row weighs its persona's weight) */
function weightedInput(
  rows: readonly ResponseRecord[],
  logprob: boolean,
  support: readonly number[],
  personas: ReadonlyMap<string, PersonaInfo>,
) {
  const { missing, invalid } = simulatedInput(rows, logprob);
  const answers = rows.flatMap((r): WeightedAnswer[] => {
    if (r.status !== "ok") return [];
    const weight = personas.get(r.persona_id)?.weight ?? 1;
    if (logprob && r.probs) return [{ weight, answer: r.probs }];
    return r.value !== null ? [{ weight, answer: r.value }] : [];
  });
  return effectiveCounts(answers, support, missing, invalid);
}

export function itemDistributionMetrics(options: ItemDistributionMetricsOptions): ItemDistributionMetrics {
  const personaById = new Map((options.personas ?? []).map((p) => [p.id, p]));
  const groups = new Map<string, ResponseRecord[]>();
  for (const r of options.rows) {
    const k = `${r.arm}\u0000${r.country}\u0000${r.item}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const results: ItemDistributionMetrics["results"] = {};
  const means: ItemDistributionMetrics["means"] = {};
  for (const arm of options.arms) {
    const byCountry: Record<string, Record<string, CellMetrics>> = {};
    const records: Parameters<typeof summariseMetrics>[0][number][] = [];
    for (const country of options.countries) {
      const byItem: Record<string, CellMetrics> = {};
      for (const item of options.items) {
        const rows = groups.get(`${arm}\u0000${country}\u0000${item.id}`) ?? [];
        const cell: CellMetrics = {
          n_rows: rows.length,
          n_ok: rows.filter((r) => r.status === "ok").length,
          n_refused: rows.filter((r) => r.status === "refused").length,
          n_invalid: rows.filter((r) => r.status === "invalid").length,
          reference: null,
          comparison: null,
        };
        const ref = (options.reference ?? findReference)(country, item.id);
        if (!ref) cell.note = `no ${options.reference ? "" : "WVS-7 "}reference for ${item.id} in ${country}`;
        else {
          cell.reference = { quality: ref.quality, n: ref.n, source: ref.source, year: ref.year };
          const logprob = options.answerMethod === "logprob";
          const weighted = options.weightedDistances ? weightedInput(rows, logprob, validCodes(item), personaById) : undefined;
          cell.comparison = compareCategorical(
            weighted ? weighted.input : simulatedInput(rows, logprob),
            { codes: ref.codes, shares: ref.shares, n: ref.n },
            {
              item,
              // raw-distance percentile intervals are secondary (they mis-cover near the truth; the
              // calibrated intervals are fidelity's), so they use at most RAW_CI_REPLICATES replicates
              bootstrap: Math.min(options.bootstrap, RAW_CI_REPLICATES),
              seed: `${String(options.seed)}/${arm}/${country}`,
            },
          );
          if (weighted) cell.kish_n_simulated = round6(weighted.kish);
          records.push({ country, item: item.id, metrics: cell.comparison });
        }
        byItem[item.id] = cell;
      }
      byCountry[country] = byItem;
    }
    results[arm] = byCountry;
    means[arm] = summariseMetrics(records);
  }
  const extra = fidelitySections(options, groups, results);
  return {
    kind: "item-distributions",
    recipe: "categorical",
    js_log_base: 2,
    closeness_metric: CLOSENESS_METRIC,
    answer_method: options.answerMethod,
    arms: [...options.arms],
    countries: [...options.countries],
    items: options.items.map((i) => i.id),
    results,
    means,
    ...extra,
  };
}

const round6 = (x: number) => Number(x.toFixed(6));

function fidelitySections(
  options: ItemDistributionMetricsOptions,
  groups: Map<string, ResponseRecord[]>,
  results: ItemDistributionMetrics["results"],
): Pick<
  ItemDistributionMetrics,
  | "closest"
  | "closest_counts"
  | "fidelity"
  | "contrasts"
  | "subgroups"
  | "country_rank"
  | "sd_ratio"
  | "entropy_ratio"
  | "country_mean_correlation"
> {
  const logprob = options.answerMethod === "logprob";
  const personas = new Map((options.personas ?? []).map((p) => [p.id, p]));
  const items = options.items.map(fidelityItem).filter((i) => i !== null);
  const alignedCache = new Map<string, number[] | null>();
  const aligned = (country: string, item: string, support: readonly number[]): number[] | null => {
    const key = `${country}|${item}`;
    if (!alignedCache.has(key)) alignedCache.set(key, alignedReference((options.reference ?? findReference)(country, item), support));
    return alignedCache.get(key) ?? null;
  };
  const supportOf = new Map(items.map((i) => [i.id, i.support]));
  const unitsCache = new Map<string, UnitInput[]>();
  const units = (arm: string, country: string, item: string) => {
    const key = `${arm}\u0000${country}\u0000${item}`;
    let u = unitsCache.get(key);
    if (!u) {
      u = personaUnits(groups.get(key) ?? [], logprob, personas);
      unitsCache.set(key, u);
    }
    return u;
  };
  const af = armFidelity({
    arms: options.arms,
    countries: options.countries,
    items,
    units,
    reference: (c, i) => aligned(c, i, supportOf.get(i) ?? []),
    bootstrap: options.bootstrap,
    seed: options.seed,
    // floor/uniform Monte Carlo draws per cell: SE ≈ 3% of the floor's own SD, cached per (reference, n)
    nullDraws: 1000,
  });
  const closest: ItemDistributionMetrics["closest"] = {};
  for (const [country, byItem] of Object.entries(af.closest)) {
    closest[country] = {};
    for (const [item, cell] of Object.entries(byItem)) {
      const js: Record<string, number | null> = {};
      for (const arm of options.arms) js[arm] = results[arm]?.[country]?.[item]?.comparison?.js_distance ?? null;
      (closest[country] as Record<string, unknown>)[item] = { ...cell, js_distance: js };
    }
  }
  // shape ratios and the country-mean correlation
  const sdRatio: ItemDistributionMetrics["sd_ratio"] = {};
  const entropyRatio: ItemDistributionMetrics["entropy_ratio"] = {};
  const correlation: ItemDistributionMetrics["country_mean_correlation"] = {};
  const allCountries = Object.keys(loadWvsReferenceTable().countries);
  const rank: ItemDistributionMetrics["country_rank"] = {};
  for (const arm of options.arms) {
    sdRatio[arm] = {};
    entropyRatio[arm] = {};
    rank[arm] = {};
    const byItem: Record<string, number | null> = {};
    for (const country of options.countries) {
      const sd: Record<string, number | null> = {};
      const en: Record<string, number | null> = {};
      const simShares: Record<string, number[] | null> = {};
      for (const it of items) {
        const q = af.shares[arm]?.[country]?.[it.id] ?? null;
        const ref = aligned(country, it.id, it.support);
        simShares[it.id] = q;
        const r = q && ref ? shapeRatios(q, ref, it.support, it.ordinal) : { sd_ratio: null, entropy_ratio: null };
        sd[it.id] = r.sd_ratio;
        en[it.id] = r.entropy_ratio;
      }
      (sdRatio[arm] as Record<string, unknown>)[country] = sd;
      (entropyRatio[arm] as Record<string, unknown>)[country] = en;
      (rank[arm] as Record<string, CountryRank>)[country] = countryRank(country, simShares, allCountries, (c, i) =>
        aligned(c, i, supportOf.get(i) ?? []),
      );
    }
    const rs: number[] = [];
    let used = 0;
    for (const it of items) {
      if (!it.ordinal) continue;
      const xs: number[] = [];
      const ys: number[] = [];
      for (const country of options.countries) {
        const q = af.shares[arm]?.[country]?.[it.id];
        const ref = aligned(country, it.id, it.support);
        if (!q || !ref) continue;
        xs.push(distributionMean(q, it.support));
        ys.push(distributionMean(ref, it.support));
      }
      used = Math.max(used, xs.length);
      let r: number | null = null;
      if (xs.length >= 3) {
        const v = sampleCorrelation(xs, ys);
        r = Number.isFinite(v) ? round6(v) : null;
      }
      byItem[it.id] = r;
      if (r !== null) rs.push(r);
    }
    correlation[arm] = { by_item: byItem, mean: rs.length ? round6(plainMean(rs) as number) : null, countries: used };
  }
  // subgroup gradients against the conditional references (ordinal items)
  const subgroups: ItemDistributionMetrics["subgroups"] = {};
  const subRng = createRng(options.seed).fork("subgroups");
  const subReps = Math.min(options.bootstrap, 200);
  for (const arm of options.arms) {
    subgroups[arm] = {};
    for (const country of options.countries) {
      const byItem: Record<string, Partial<Record<SubgroupDimension, SubgroupGradient>>> = {};
      for (const it of items) {
        if (!it.ordinal) continue;
        const u = units(arm, country, it.id);
        if (u.length === 0) continue;
        const dims: Partial<Record<SubgroupDimension, SubgroupGradient>> = {};
        for (const dim of Object.keys(SUBGROUP_DIMENSIONS) as SubgroupDimension[]) {
          const levels = SUBGROUP_DIMENSIONS[dim];
          const ref = (level: string) => {
            const c = findConditionalReference(country, it.id, dim, level);
            if (!c || !(c.n > 0)) return null;
            const m = new Map(c.codes.map((code, j) => [code, c.shares[j] as number]));
            return { shares: it.support.map((code) => m.get(code) ?? 0), n: c.n };
          };
          if (!ref(levels[0]) || !ref(levels[levels.length - 1] as string)) continue;
          const withLevels = u.map((x) => ({ ...x, level: levelOf(personas.get(x.id), dim) }));
          if (!withLevels.some((x) => x.level !== null)) continue;
          const shared = af.resamples[country];
          const g = subgroupGradient({
            support: it.support,
            units: withLevels,
            levels,
            reference: ref,
            bootstrap: subReps,
            rng: subRng.fork(`${arm}:${country}:${it.id}:${dim}`),
            ...(shared && shared.replicates === subReps ? { shared } : {}),
          });
          if (g) dims[dim] = g;
        }
        if (Object.keys(dims).length) byItem[it.id] = dims;
      }
      (subgroups[arm] as Record<string, unknown>)[country] = byItem;
    }
  }
  return {
    closest,
    closest_counts: af.closest_counts,
    fidelity: {
      method:
        "fidelity = (uniform − d) / (uniform − floor) for KS, W1 and JS distance; floor/uniform = expected distance of n real / uniform answers at the persona count n (Kish effective n with weights; seeded Monte Carlo, 1000 draws); pooled = Σ(uniform − d) / Σ(uniform − floor) with W1 / scale range; CI = centered bootstrap over personas (the same resample for every arm and item of a country), coverage checked by simulation",
      bootstrap: options.bootstrap,
      confidence: 0.95,
      cells: af.cells,
      pooled: af.pooled,
    },
    contrasts: {
      focal: af.focal,
      method: `paired persona bootstrap of fidelity(${af.focal}) − fidelity(other); better/worse only when the 95% CI excludes 0, else tie`,
      arms: af.contrasts,
    },
    subgroups,
    country_rank: rank,
    sd_ratio: sdRatio,
    entropy_ratio: entropyRatio,
    country_mean_correlation: correlation,
  };
}
