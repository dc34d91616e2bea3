// the item-distribution part of report.html: overall means per arm, then per country the metrics
// table (mean, KS and JS distance with 95% CIs per arm, the closest arm) and one inline SVG
// grouped bar chart per item (every arm next to the WVS-7 reference, shares of valid answers),
// as small multiples in a <details> per country.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import { itemChartData } from "./item-chart-data.js";
import { esc, fmt, fmtCi, htmlTable } from "./html-table.js";
import { shareAxis, svgGroupedBars } from "./svg-grouped-bars.js";
import { wilsonInterval } from "../../surveys/metrics/benjamini-hochberg.js";
import { percent } from "./unicode-bar.js";

export function itemSectionsHtml(m: ItemDistributionMetrics, items: readonly SurveyItem[]): string[] {
  const cells = Object.values(m.closest).reduce((k, c) => k + Object.keys(c).length, 0);
  const out = [
    `<h2>Overall (unweighted mean of the country means)</h2>`,
    htmlTable(
      ["arm", "KS", "W1", "W1 / range", "JS distance", "TV", "|mean diff|", "closest in"],
      m.arms.map((arm) => {
        const o = m.means[arm]?.overall;
        return [
          esc(arm),
          fmt(o?.ks),
          fmt(o?.wasserstein),
          fmt(o?.wasserstein_normalised),
          fmt(o?.js_distance),
          fmt(o?.total_variation),
          fmt(o?.mean_diff),
          `${m.closest_counts[arm] ?? 0} of ${cells}`,
        ];
      }),
    ),
    `<p class="note">KS on the ordinal CDFs, Wasserstein-1 in scale units, Jensen–Shannon distance in bits, total variation; refused and invalid answers excluded. 95% intervals: percentile bootstrap resampling the simulated side, the reference held fixed.</p>`,
  ];
  const title = new Map(items.map((i) => [i.id, i.title]));
  for (const country of m.countries) {
    const first = m.results[m.arms[0] as string]?.[country];
    const ref = Object.values(first ?? {}).find((c) => c.reference)?.reference;
    out.push(
      `<h2 id="country-${esc(country)}">${esc(country)}${ref ? ` <small>WVS-7 ${esc(ref.year ?? "")}, reference quality ${esc(ref.quality)}</small>` : " <small>no WVS-7 reference</small>"}</h2>`,
    );
    const header = ["item", "reference mean", ...m.arms.map((a) => `${esc(a)}: mean · KS · JS distance [95% CI]`), "closest"];
    const rows = m.items.map((item) => {
      const cell = first?.[item];
      const quality = cell?.reference?.quality;
      const armCells = m.arms.map((arm) => {
        const c = m.results[arm]?.[country]?.[item];
        const cmp = c?.comparison;
        if (!cmp) return c?.note ? "no reference" : "–";
        return `${fmt(cmp.mean_simulated, 2)} · ${fmt(cmp.ks)}${fmtCi(cmp.ci95?.ks)} · ${fmt(cmp.js_distance)}${fmtCi(cmp.ci95?.js_distance)}`;
      });
      const flag = quality && quality !== "high" ? ` (${esc(quality)} quality)` : "";
      return [
        `${esc(item)} ${esc(title.get(item) ?? "")}`,
        `${fmt(cell?.comparison?.mean_reference, 2)}${flag}`,
        ...armCells,
        esc(m.closest[country]?.[item]?.arms.join(", ") ?? "–"),
      ];
    });
    out.push(htmlTable(header, rows));
    // small multiples, collapsed: the summary figure and the tables above come first
    out.push(
      `<details>\n<summary>${esc(country)}: answer distributions of ${m.items.length} item${m.items.length === 1 ? "" : "s"} (every arm next to the reference)</summary>\n<div class="charts small">`,
    );
    for (const item of m.items) out.push(itemFigure(m, items, country, item));
    out.push(`</div>\n</details>`);
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
    .map((s) => `${esc(s.name)} ${fmt(s.js)}`)
    .join(" · ");
  return `<figure class="chart" id="chart-${esc(country)}-${esc(item)}">\n${svg}\n<figcaption>${esc(heading)}. Whiskers: Wilson 95% intervals (n = personas). JS distance to WVS-7: ${js}</figcaption>\n</figure>`;
}
