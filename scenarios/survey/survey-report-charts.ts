// text bar charts for report.md: per item × country, one block per answer code with the WVS-7
// reference and every arm as unicode bars (scaled to the largest share in the chart) and
// percentages, then each arm's JS distance. pure: same metrics → same text.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import { itemChartData, type ItemChartData } from "./item-chart-data.js";
import { percent, unicodeBar } from "./unicode-bar.js";

const BAR_WIDTH = 32;
const LABEL_WIDTH = 26;

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** one chart as lines of monospaced text (no fence) */
export function textItemChart(chart: ItemChartData): string[] {
  const lines = [`${chart.item} ${chart.title} — ${chart.country}`];
  if (chart.note) return [...lines, `(${chart.note})`];
  const names = chart.series.map((s) => (s.n === null ? s.name : `${s.name} (n=${Math.round(s.n)})`));
  const nameWidth = Math.max(...names.map((n) => n.length));
  const max = Math.max(0, ...chart.series.flatMap((s) => s.shares ?? []));
  const labelWidth = Math.min(LABEL_WIDTH, Math.max(...chart.codes.map((c) => `${c.code} ${c.label}`.length)));
  chart.codes.forEach((code, i) => {
    chart.series.forEach((s, j) => {
      const head = j === 0 ? clip(`${code.code} ${code.label}`, labelWidth) : "";
      const share = s.shares?.[i];
      const bar = s.shares ? unicodeBar(share ?? 0, max, BAR_WIDTH) : "";
      const value = s.shares ? percent(share ?? 0) : "no answers";
      lines.push(
        `${head.padEnd(labelWidth)}  ${(names[j] ?? "").padEnd(nameWidth)}  ${bar.padEnd(BAR_WIDTH)} ${value.padStart(6)}`.trimEnd(),
      );
    });
  });
  const js = chart.series.filter((s) => !s.reference).map((s) => `${s.name} ${typeof s.js === "number" ? s.js.toFixed(3) : "–"}`);
  lines.push(`JS distance to WVS-7: ${js.join(" · ")}`);
  return lines;
}

/** the "Distributions" section of one country as blocks (report.md puts a blank line after each): a fenced text chart per item */
export function countryChartSection(m: ItemDistributionMetrics, items: readonly SurveyItem[], country: string): string[] {
  return [
    `### ${country}: answer distributions`,
    `Bars are scaled to the largest share in each chart; percentages are shares of valid answers (refused and invalid excluded).`,
    ...m.items.map((item) => ["```text", ...textItemChart(itemChartData(m, items, country, item)), "```"].join("\n")),
  ];
}
