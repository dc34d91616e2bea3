// report.html of a survey run on the one page shell (scenarios/report/report-page.ts): the run
// facts, a table of contents, the summary dot plot (fidelity per item and arm with 95% CIs between
// chance and the floor; Big Five: T-scores per trait × country with CIs next to the reference),
// then answer statuses, the metrics tables with 95% CIs, the answer distributions per item ×
// country (inline svg grouped bars with Wilson whiskers, collapsed per country), the synthetic label for offline runs and the provenance of the
// references. pure and deterministic: the same metrics give the same bytes (no timestamps).
import { weightsFact } from "./weights-fact.js";
import {
  countryItemTable,
  countryReferenceText,
  overallTable,
  SURVEY_SYNTHETIC,
  surveyFacts,
  traitCountryTable,
  traitSummaryTable,
} from "./survey-report.js";
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import type { WvsReferenceFile } from "../../surveys/references/reference-schema.js";
import { wilsonInterval } from "../../surveys/metrics/benjamini-hochberg.js";
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import { fixed, HTML } from "../report/markup.js";
import { statusTable } from "../report/status-table.js";
import { itemChartData } from "./item-chart-data.js";
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import { fidelitySectionsHtml } from "./survey-report-fidelity.js";
import type { SurveyMetrics } from "./survey-metrics.js";
import type { TraitMetrics } from "./trait-metrics.js";
import { shareAxis, svgGroupedBars } from "./svg-grouped-bars.js";
import { percent } from "./unicode-bar.js";
import { publicCitation, reportPage } from "../report/report-page.js";
import { fidelitySummaryFigure, traitSummaryFigure } from "./survey-summary-figure.js";

/** where the reference distributions come from (data/references/wvs7.json): provenance, source key → description */
type ReferenceProvenance = Pick<WvsReferenceFile, "provenance" | "sources">;

/** report.html of a survey run: facts, contents, the summary dot plot, then the details */
export function surveyReportHtml(
  metrics: SurveyMetrics,
  items: readonly SurveyItem[],
  references?: ReferenceProvenance,
  extra: { facts?: [string, string][] } = {},
): string {
  const title = `Survey simulation: ${metrics.instrument.name} (${metrics.run_id})`;
  const f = surveyFacts(metrics, HTML);
  const facts: [string, string][] = [
    ["model", f.model],
    ["seed", esc(String(metrics.seed))],
    ["instrument", `${esc(metrics.instrument.name)} (${esc(metrics.instrument.id)}@${esc(metrics.instrument.version)})`],
    ["personas (n)", f.personas],
    ["option order", f.order],
    ...(weightsFact(metrics) ? [["weights", esc(weightsFact(metrics) as string)] as [string, string]] : []),
    ...(extra.facts ?? []),
  ];
  const body: string[] = [];
  if (metrics.kind === "item-distributions") body.push(...fidelitySectionsHtml(metrics));
  body.push("<h2>Answers</h2>", statusTable(HTML, "arm", Object.entries(metrics.status_counts)));
  if (metrics.kind === "trait-means") body.push(...traitSectionsHtml(metrics));
  else body.push(...itemSectionsHtml(metrics, items), ...provenanceHtml(metrics, references));
  return reportPage({
    title,
    ...(metrics.synthetic ? { banner: SURVEY_SYNTHETIC } : {}),
    facts,
    summary: metrics.kind === "trait-means" ? traitSummaryFigure(metrics) : fidelitySummaryFigure(metrics, items),
    body,
  });
}

function provenanceHtml(m: ItemDistributionMetrics, references: ReferenceProvenance | undefined): string[] {
  const out = ["<h2>References</h2>"];
  if (references) {
    const p = references.provenance;
    out.push(`<p>${esc(publicCitation(p.source))} (${esc(String(p.year))}). Licence: ${esc(p.licence)}.</p>`);
    if (p.note) out.push(`<p class="note">${esc(p.note)}</p>`);
  }
  const rows: string[][] = [];
  for (const country of m.countries) {
    const seen = new Map<string, { quality: string; year: string | null; n: (number | null)[] }>();
    for (const item of m.items) {
      const ref = m.results[m.arms[0] as string]?.[country]?.[item]?.reference;
      if (!ref) continue;
      const entry = seen.get(ref.source) ?? { quality: ref.quality, year: ref.year, n: [] };
      entry.n.push(ref.n);
      seen.set(ref.source, entry);
    }
    for (const [source, e] of seen) {
      const ns = e.n.filter((x): x is number => typeof x === "number");
      const n = ns.length ? `${Math.min(...ns)}–${Math.max(...ns)}` : "unknown";
      rows.push([esc(country), esc(e.year ?? "–"), esc(e.quality), esc(references?.sources[source] ?? source), n]);
    }
  }
  out.push(HTML.table(["country", "fieldwork year", "quality", "source", "valid answers (n)"], rows));
  return out;
}

function traitSectionsHtml(m: TraitMetrics): string[] {
  const out = [
    `<p class="note">Trait scores: mean of the trait's items after reverse-keying (1–5), as T-scores relative to the sampled countries. Reference: ${esc(publicCitation(m.reference.source))} (${esc(m.reference.metric)}).</p>`,
    "<h2>Summary per arm</h2>",
    traitSummaryTable(m, HTML),
  ];
  for (const country of m.countries) {
    const ref = (t: string) => m.countries_by_arm[m.arms[0] as string]?.[country]?.[t]?.t_reference ?? null;
    out.push(`<h2>${esc(country)}</h2>`, traitCountryTable(m, country, HTML));
    const series = [
      { name: "reference", values: m.traits.map((t) => ref(t.id)) },
      ...m.arms.map((arm) => ({ name: arm, values: m.traits.map((t) => m.countries_by_arm[arm]?.[country]?.[t.id]?.t_simulated ?? null) })),
    ];
    const top = Math.max(60, ...series.flatMap((s) => s.values.filter((v): v is number => typeof v === "number")));
    const yMax = Math.ceil(top / 10) * 10;
    const ticks = Array.from({ length: yMax / 10 + 1 }, (_, i) => i * 10);
    out.push(
      `<figure class="chart">\n${svgGroupedBars({ title: `${country}: T-scores per trait`, groups: m.traits.map((t) => t.id), groupLabels: m.traits.map((t) => t.name), series, yMax, ticks, format: (v) => v.toFixed(1) })}\n<figcaption>${esc(country)}: T-scores per trait, every arm and the reference</figcaption>\n</figure>`,
    );
  }
  return out;
}

/** overall means per arm, then per country the item table and, collapsed, one grouped bar chart per item (every arm next to the reference) */
function itemSectionsHtml(m: ItemDistributionMetrics, items: readonly SurveyItem[]): string[] {
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
