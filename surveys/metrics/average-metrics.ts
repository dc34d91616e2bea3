// unweighted means of per-item metrics (across items, and across countries).

export const AVERAGED_METRICS = [
  "ks",
  "wasserstein",
  "wasserstein_normalised",
  "js_divergence",
  "js_distance",
  "total_variation",
  "mean_diff",
] as const;
export type AveragedMetric = (typeof AVERAGED_METRICS)[number];

export type MetricRecord = Partial<Record<AveragedMetric, number | null>>;

export type MetricAverages = Record<AveragedMetric, number | null> & {
  /** items averaged */
  n_items: number;
  /** items that entered each metric (nominal items have no KS/Wasserstein/mean) */
  n_per_metric: Record<AveragedMetric, number>;
};

/** the unweighted mean of each metric over the records that have it (null when none has) */
export function averageMetrics(records: readonly MetricRecord[]): MetricAverages {
  const out = { n_items: records.length, n_per_metric: {} } as MetricAverages;
  for (const key of AVERAGED_METRICS) {
    let sum = 0;
    let n = 0;
    for (const r of records) {
      const v = r[key];
      if (typeof v === "number" && Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    out[key] = n > 0 ? sum / n : null;
    out.n_per_metric[key] = n;
  }
  return out;
}

export interface CountryItemMetrics {
  country: string;
  item: string;
  metrics: MetricRecord;
}

export interface MetricSummary {
  /** per country: the mean over its items */
  by_country: Record<string, MetricAverages>;
  /** per item: the mean over countries */
  by_item: Record<string, MetricAverages>;
  /** the mean of the country means (each country weighs the same) */
  overall: MetricAverages;
}

/** per-country and per-item unweighted means, and the mean of the country means */
export function summariseMetrics(records: readonly CountryItemMetrics[]): MetricSummary {
  const group = (key: (r: CountryItemMetrics) => string) => {
    const m = new Map<string, MetricRecord[]>();
    for (const r of records) {
      const k = key(r);
      const list = m.get(k) ?? [];
      list.push(r.metrics);
      m.set(k, list);
    }
    return m;
  };
  const byCountry: Record<string, MetricAverages> = {};
  for (const [k, list] of [...group((r) => r.country)].sort(([a], [b]) => a.localeCompare(b))) byCountry[k] = averageMetrics(list);
  const byItem: Record<string, MetricAverages> = {};
  for (const [k, list] of group((r) => r.item)) byItem[k] = averageMetrics(list);
  const countryMeans = Object.values(byCountry).map((a) => Object.fromEntries(AVERAGED_METRICS.map((k) => [k, a[k]])) as MetricRecord);
  return { by_country: byCountry, by_item: byItem, overall: averageMetrics(countryMeans) };
}
