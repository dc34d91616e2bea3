// report.html and the report.md charts are pure functions of the metrics: an SVG per item ×
// country with every arm and the reference, CIs in the tables, the synthetic label, reference
// provenance, escaped text, no external assets, the same bytes for the same metrics.
import { describe, expect, it } from "vitest";
import { getItem, loadInstrument } from "../../surveys/load-instrument.js";
import { loadWvsReferenceTable } from "../../surveys/references/load-reference.js";
import { itemDistributionMetrics } from "./item-distribution-metrics.js";
import type { ResponseRecord } from "./response-record.js";
import type { SurveyMetrics } from "./survey-metrics.js";
import { textItemChart } from "./survey-report-charts.js";
import { itemChartData } from "./item-chart-data.js";
import { surveyReport, surveyReportHtml } from "./survey-report.js";
import { unicodeBar } from "./unicode-bar.js";
import { selfContainedProblems } from "../report/self-contained-problems.js";

const wvs = loadInstrument("wvs");
const items = ["Q46", "Q57"].map((id) => getItem(wvs, id));
const arms = ["deep", "cultural-prompting"];
const countries = ["KEN", "DEU"];

function rows(): ResponseRecord[] {
  const out: ResponseRecord[] = [];
  for (const arm of arms)
    for (const country of countries)
      for (const item of items)
        for (let p = 0; p < 6; p++) {
          const codes = item.kind === "open" ? [] : item.options.map((o) => o.code);
          const value = codes[p % codes.length] as number;
          out.push({
            key: `${arm}/${country}-${p}/${item.id}/0`,
            arm,
            country,
            item: item.id,
            status: p === 5 ? "refused" : "ok",
            value: p === 5 ? null : value,
          } as ResponseRecord);
        }
  return out;
}

function metrics(synthetic: boolean): SurveyMetrics {
  return {
    run_id: "run-<x>",
    instrument: { id: wvs.id, name: wvs.name, version: wvs.version },
    model: "offline",
    synthetic,
    mode: "isolated",
    samples: 1,
    seed: 1,
    reverse_half: true,
    personas_per_country: { KEN: 6, DEU: 6 },
    status_counts: {
      deep: { rows: 12, ok: 10, refused: 2, invalid: 0 },
      "cultural-prompting": { rows: 12, ok: 10, refused: 2, invalid: 0 },
    },
    ...itemDistributionMetrics({ rows: rows(), items, arms, countries, answerMethod: "sample", bootstrap: 50, seed: 1 }),
  };
}

const table = loadWvsReferenceTable();
const references = { provenance: table.provenance, sources: table.sources };

describe("report.html", () => {
  const html = surveyReportHtml(metrics(true), items, references);

  it("has one SVG grouped bar chart per item × country with every arm and the reference", () => {
    // grouped bar charts per item × country, plus the summary dot plot, the forest plot and the fidelity heat map
    expect(html.match(/<svg /g)).toHaveLength(items.length * countries.length + 3);
    expect(html).toContain('aria-label="fidelity(deep) − fidelity(other), 95% CI"');
    expect(html).toContain('aria-label="fidelity of deep (95% CI)"');
    expect(html).toContain("How to read this.");
    for (const c of countries) for (const i of items) expect(html).toContain(`id="chart-${c}-${i.id}"`);
    const first = html.slice(html.indexOf('id="chart-KEN-Q46"'), html.indexOf("</figure>", html.indexOf('id="chart-KEN-Q46"')));
    for (const name of ["WVS-7 (n=", "deep (n=5)", "cultural-prompting (n=5)"]) expect(first).toContain(name);
    // 4 codes × 3 series bars, each with a tooltip
    expect(first.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#[0-9a-f]{6}"><title>/g)).toHaveLength(12);
    expect(first).toContain("Very happy");
  });

  it("carries the metrics with CIs, the synthetic label, the reference provenance; escapes text; no external assets", () => {
    expect(html).toContain("Synthetic run.");
    expect(html).toMatch(/mean \[95% CI\] · KS · JS distance/);
    expect(html).toMatch(/<span class="ci">\[\d\.\d{3}, \d\.\d{3}\]<\/span>/);
    expect(html).toContain(table.provenance.licence.replace(/&/g, "&amp;").replace(/'/g, "&#39;").slice(0, 20));
    expect(html).toContain(table.sources.wvs7_microdata as string);
    expect(html).toContain("run-&lt;x&gt;");
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(selfContainedProblems(html)).toEqual([]);
    expect(surveyReportHtml(metrics(false), items, references)).not.toContain("Synthetic run.");
  });

  it("opens with facts, a table of contents whose anchors resolve, and the summary dot plot: one row per item", () => {
    const toc = html.slice(html.indexOf('<nav class="toc"'), html.indexOf("</nav>"));
    for (const id of ["summary", "fidelity", "answers", "references"]) expect(toc).toContain(`href="#${id}"`);
    expect(html.indexOf('<h2 id="summary">')).toBeLessThan(html.indexOf('<h2 id="fidelity">'));
    const summary = html.slice(html.indexOf('<h2 id="summary">'), html.indexOf("</figure>", html.indexOf('<h2 id="summary">')));
    expect(summary).toContain("Fidelity per item and arm");
    // rows: the pooled row and one per item; a dot per arm in each; chance and floor lines
    for (const label of ["all items (pooled)", "Q46 Feeling of happiness", "Q57 Most people can be trusted"])
      expect(summary).toContain(`>${label}</text>`);
    expect(summary.match(/<circle cx="[\d.]+" cy="[\d.]+" r="3.5"/g)).toHaveLength(arms.length * (items.length + 1));
    expect(summary).toContain("chance: uniform answers");
    expect(summary).toContain("floor: real sample");
    // the country charts are collapsed small multiples
    expect(html.match(/<details>/g)).toHaveLength(countries.length);
  });

  it("is deterministic: the same metrics give the same bytes", () => {
    expect(surveyReportHtml(metrics(true), items, references)).toBe(html);
  });
});

describe("report.md charts", () => {
  it("a text bar chart per item × country with percentages and JS distances", () => {
    const md = surveyReport(metrics(true), items);
    expect(md.match(/```text\n/g)).toHaveLength(items.length * countries.length);
    expect(md).toContain("### KEN: answer distributions");
    const chart = textItemChart(
      itemChartData(metrics(true) as Extract<SurveyMetrics, { kind: "item-distributions" }>, items, "KEN", "Q57"),
    );
    expect(chart[0]).toBe("Q57 Most people can be trusted — KEN");
    expect(chart.some((l) => /^1 Most people can be trus…\s+WVS-7 \(n=\d+\)\s+[█▏▎▍▌▋▊▉]+\s+\d+\.\d%$/.test(l))).toBe(true);
    expect(chart[chart.length - 1]).toMatch(/^JS distance to WVS-7: deep \d\.\d{3} · cultural-prompting \d\.\d{3}$/);
  });

  it("unicodeBar: 1/8 resolution, never empty for a positive value", () => {
    expect(unicodeBar(1, 1, 4)).toBe("████");
    expect(unicodeBar(0.5, 1, 3)).toBe("█▌");
    expect(unicodeBar(0.001, 1, 10)).toBe("▏");
    expect(unicodeBar(0, 1, 10)).toBe("");
  });
});
