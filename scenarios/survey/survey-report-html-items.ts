// the item-distribution part of report.html: overall means per arm, then per country the metrics
// table (mean, KS and JS distance with 95% CIs per arm, the closest arm) and one inline SVG
// grouped bar chart per item (every arm next to the WVS-7 reference, shares of valid answers),
// as small multiples in a <details> per country.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import { itemChartData } from "./item-chart-data.js";
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import { fixed, HTML } from "../report/markup.js";
import { countryItemTable, countryReferenceText, overallTable } from "./survey-report.js";
import { shareAxis, svgGroupedBars } from "./svg-grouped-bars.js";
import { wilsonInterval } from "../../surveys/metrics/benjamini-hochberg.js";
import { percent } from "./unicode-bar.js";

export function itemSectionsHtml(m: ItemDistributionMetrics, items: readonly SurveyItem[]): string[] {
  const out = [
    `<h2>Overall (unweighted mean of the country means)</h2>`,
    overallTable(m, HTML),
    `<p class="note">KS on the ordinal CDFs, Wasserstein-1 in scale units, Jensen–Shannon distance in bits, total variation; refused and invalid answers excluded. 95% intervals: percentile bootstrap resampling the simulated side, the reference held fixed.</p>`,
  ];
  for (const country of m.countries) {
    out.push(
      `<h2 id="country-${esc(country)}">${esc(country)} <small>${esc(countryReferenceText(m, country))}</small></h2>`,
      countryItemTable(m, items, country, HTML),
      // small multiples, collapsed: the summary figure and the tables above come first
      `<details>\n<summary>${esc(country)}: answer distributions of ${m.items.length} item${m.items.length === 1 ? "" : "s"} (every arm next to the reference)</summary>\n<div class="charts small">`,
      ...m.items.map((item) => itemFigure(m, items, country, item)),
      `</div>\n</details>`,
    );
  }
  return out;
}

function itemFigure(m: ItemDistributionMetrics, items: readonly SurveyItem[], country: string, item: string): string {
  const chart = itemChartData(m, items, country, item);
  const heading = `${chart.item} ${chart.title} — ${chart.country}`;
  if (chart.note) return `<figure class="chart"><figcaption>${esc(heading)}: ${esc(chart.note)}</figcaption></figure>`;
  const max = Math.max(0, ...chart.series.flatMap((s) => s.shares ?? []));
  const axis = shareAxis(max);
  const svg = svgGroupedBars({
    title: `${heading}: answer shares per arm and the WVS-7 reference`,
    groups: chart.codes.map((c) => String(c.code)),
    groupLabels: chart.codes.map((c) => c.label),
    series: chart.series.map((s) => {
      // whiskers: Wilson 95% intervals with n = personas (the arm's effective units) or the reference's n
      const units = s.reference ? s.n : (m.fidelity?.cells[s.name]?.[country]?.[item]?.n_eff ?? s.n);
      return {
        name: s.n === null ? s.name : `${s.name} (n=${Math.round(s.n)})`,
        values: chart.codes.map((_, i) => s.shares?.[i] ?? null),
        errors: chart.codes.map((_, i) => (s.shares && units ? wilsonInterval((s.shares[i] ?? 0) * units, units) : null)),
      };
    }),
    yMax: axis.yMax,
    ticks: axis.ticks,
    format: (v) => percent(v).replace(".0%", "%"),
  });
  const js = chart.series
    .filter((s) => !s.reference)
    .map((s) => `${esc(s.name)} ${fixed(s.js, 3)}`)
    .join(" · ");
  return `<figure class="chart" id="chart-${esc(country)}-${esc(item)}">\n${svg}\n<figcaption>${esc(heading)}. Whiskers: Wilson 95% intervals (n = personas). JS distance to WVS-7: ${js}</figcaption>\n</figure>`;
}
