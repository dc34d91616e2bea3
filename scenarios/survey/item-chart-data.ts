// the data of one item × country chart, from metrics.json alone: the item's codes with labels,
// the WVS-7 reference shares and every arm's simulated shares (aligned with the codes), their n
// and each arm's JS distance. shared by the text charts of report.md and the SVG of report.html.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { itemOptions } from "../../surveys/item-codes.js";
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";

export const REFERENCE_SERIES = "WVS-7";

export interface ChartSeries {
  name: string;
  /** shares aligned with `codes`; null when the side has no valid answers */
  shares: number[] | null;
  n: number | null;
  /** JS distance to the reference (arms only) */
  js: number | null;
  reference: boolean;
}

export interface ItemChartData {
  item: string;
  title: string;
  country: string;
  codes: { code: number; label: string }[];
  /** the reference first (when there is one), then the arms in run order */
  series: ChartSeries[];
  /** e.g. "no WVS-7 reference for Q1 in KEN" */
  note: string | null;
}

export function itemChartData(m: ItemDistributionMetrics, items: readonly SurveyItem[], country: string, itemId: string): ItemChartData {
  const item = items.find((i) => i.id === itemId);
  const cells = m.arms.map((arm) => ({ arm, cell: m.results[arm]?.[country]?.[itemId] }));
  const withComparison = cells.find((c) => c.cell?.comparison)?.cell?.comparison ?? null;
  const support = withComparison?.support ?? (item ? itemOptions(item).map((o) => o.code) : []);
  const label = (code: number) => (item ? itemOptions(item).find((o) => o.code === code)?.label : undefined) ?? String(code);
  const series: ChartSeries[] = [];
  if (withComparison) {
    series.push({
      name: REFERENCE_SERIES,
      shares: withComparison.reference_shares,
      n: withComparison.n_reference,
      js: null,
      reference: true,
    });
  }
  for (const { arm, cell } of cells) {
    const cmp = cell?.comparison;
    const has = cmp && typeof cmp.n_simulated === "number" && cmp.n_simulated > 0;
    series.push({
      name: arm,
      shares: has ? cmp.simulated_shares : null,
      n: cmp?.n_simulated ?? null,
      js: cmp?.js_distance ?? null,
      reference: false,
    });
  }
  return {
    item: itemId,
    title: item?.title ?? itemId,
    country,
    codes: support.map((code) => ({ code, label: label(code) })),
    series,
    note: withComparison ? null : (cells.find((c) => c.cell?.note)?.cell?.note ?? `no comparison for ${itemId} in ${country}`),
  };
}
