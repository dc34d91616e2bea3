// metrics for instruments scored as item distributions (WVS): per arm × country × item, the
// simulated answers against the country's WVS-7 reference with the surveys' categorical recipe
// (KS, Wasserstein-1, Jensen–Shannon in bits, total variation, mean difference, bootstrap CIs),
// unweighted means per arm, and which arm is closest per country × item (by JS distance).
// sample answering: the simulated side is the answer counts; logprob answering: the sum of the
// persona probability vectors (expected counts), so CIs treat it as a sample of that size.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { compareCategorical, type CategoricalComparison } from "../../surveys/metrics/compare-categorical.js";
import { summariseMetrics, type MetricSummary } from "../../surveys/metrics/average-metrics.js";
import { findReference, type ReferenceDistribution } from "../../surveys/references/load-reference.js";
import type { ResponseRecord } from "./response-record.js";

export const CLOSENESS_METRIC = "js_distance";

export interface CellMetrics {
  n_rows: number;
  n_ok: number;
  n_refused: number;
  n_invalid: number;
  reference: { quality: string; n: number | null; source: string; year: string | null } | null;
  comparison: CategoricalComparison | null;
  note?: string;
}

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
  /** country → item → the closest arm(s) and every arm's JS distance */
  closest: Record<string, Record<string, { arms: string[]; js_distance: Record<string, number | null> }>>;
  /** arm → cells where it is (jointly) closest */
  closest_counts: Record<string, number>;
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

export function itemDistributionMetrics(options: ItemDistributionMetricsOptions): ItemDistributionMetrics {
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
          cell.comparison = compareCategorical(simulatedInput(rows, options.answerMethod === "logprob"), { codes: ref.codes, shares: ref.shares, n: ref.n }, {
            item,
            bootstrap: options.bootstrap,
            seed: `${String(options.seed)}/${arm}/${country}`,
          });
          records.push({ country, item: item.id, metrics: cell.comparison });
        }
        byItem[item.id] = cell;
      }
      byCountry[country] = byItem;
    }
    results[arm] = byCountry;
    means[arm] = summariseMetrics(records);
  }
  const closest: ItemDistributionMetrics["closest"] = {};
  const closestCounts: Record<string, number> = Object.fromEntries(options.arms.map((a) => [a, 0]));
  for (const country of options.countries) {
    closest[country] = {};
    for (const item of options.items) {
      const values: Record<string, number | null> = {};
      for (const arm of options.arms) values[arm] = results[arm]?.[country]?.[item.id]?.comparison?.js_distance ?? null;
      const finite = Object.entries(values).filter((e): e is [string, number] => typeof e[1] === "number");
      if (finite.length === 0) continue;
      const best = Math.min(...finite.map(([, v]) => v));
      const arms = finite.filter(([, v]) => v - best <= 1e-12).map(([a]) => a);
      for (const a of arms) closestCounts[a] = (closestCounts[a] ?? 0) + 1;
      (closest[country] as Record<string, unknown>)[item.id] = { arms, js_distance: values };
    }
  }
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
    closest,
    closest_counts: closestCounts,
  };
}
