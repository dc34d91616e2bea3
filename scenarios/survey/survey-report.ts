// report.md and report.html of a survey run. both: the settings, the fidelity head for item
// distributions (survey-report-fidelity.ts), answer statuses, overall means per arm, and per
// country the item table (reference mean, each arm's mean and distances with 95% CIs, the closest
// arm); for Big Five the trait tables. offline runs carry a synthetic banner. report.md follows
// each country with text bar charts per item (survey-report-charts.ts); report.html sits on the
// one page shell (scenarios/report/report-page.ts) with a table of contents, the summary dot plot
// (fidelity per item and arm between chance and the floor; Big Five: T-scores per trait × country
// next to the reference), inline svg grouped bars per item × country with Wilson whiskers
// (collapsed per country) and the provenance of the references. pure and deterministic: the same
// metrics give the same bytes (no timestamps).
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { wilsonInterval } from "../../surveys/metrics/benjamini-hochberg.js";
import type { WvsReferenceFile } from "../../surveys/references/reference-schema.js";
import { fixed, HTML, MARKDOWN, type Markup } from "../report/markup.js";
import { publicCitation, reportPage } from "../report/report-page.js";
import { statusTable } from "../report/status-table.js";
import { itemChartData } from "./item-chart-data.js";
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import { countryChartSection } from "./survey-report-charts.js";
import { fidelitySections, howToRead } from "./survey-report-fidelity.js";
import type { SurveyMetrics } from "./survey-metrics.js";
import { fidelitySummaryFigure, traitSummaryFigure } from "./survey-summary-figure.js";
import { shareAxis, svgGroupedBars } from "./svg-grouped-bars.js";
import type { TraitMetrics } from "./trait-metrics.js";
import { percent } from "./unicode-bar.js";
import { weightsFact } from "./weights-fact.js";

/** the synthetic-run banner (markdown; the html page renders the same line) */
const SURVEY_SYNTHETIC =
  "**Synthetic run.** Every answer came from the built-in offline model: placeholder output for trying the tool, not a simulation result. Use `--model openai:<model>` for real answers.";

/** the run facts both reports state in the same words */
function surveyFacts(m: SurveyMetrics, x: Markup) {
  const personas = Object.entries(m.personas_per_country).map(([c, n]) => `${c} ${n}`);
  const answers = m.answer_method === "logprob" ? "option probabilities from one-token logprobs" : "structured (one code per answer)";
  return {
    model: `${x.code(m.model)}; mode: ${x.text(m.mode)}; answers: ${answers}; samples per item: ${m.samples}`,
    personas: `${x.text(personas.join(", "))}; arms: ${x.text(m.arms.join(", "))}`,
    order: `reversed on ordinal items for a seeded random half of each country's personas: ${m.reverse_half ? "yes" : "no"}`,
  };
}

export function surveyReport(metrics: SurveyMetrics, items: readonly SurveyItem[]): string {
  const facts = surveyFacts(metrics, MARKDOWN);
  const head = MARKDOWN.blocks([
    `# Survey simulation: ${metrics.instrument.name} (${metrics.run_id})`,
    ...(metrics.synthetic ? [`> ${SURVEY_SYNTHETIC}`] : []),
    ...(metrics.kind === "item-distributions" ? [howToRead(metrics)] : []),
    [
      `- model: ${facts.model}; seed: ${String(metrics.seed)}`,
      `- personas per country: ${facts.personas}`,
      `- option order ${facts.order}`,
      ...(weightsFact(metrics) ? [`- weights: ${weightsFact(metrics)}`] : []),
    ].join("\n"),
  ]);
  return `${[...head, ...surveySections(metrics, items, MARKDOWN)].join("\n")}\n`;
}

/** both reports' detail sections: the fidelity head (item distributions), answer statuses, then the item or Big Five sections */
function surveySections(metrics: SurveyMetrics, items: readonly SurveyItem[], x: Markup): string[] {
  return [
    ...(metrics.kind === "item-distributions" ? fidelitySections(metrics, x) : []),
    ...x.blocks([x.heading(2, "Answers"), statusTable(x, "arm", Object.entries(metrics.status_counts))]),
    ...(metrics.kind === "trait-means" ? traitSections(metrics, x) : itemSections(metrics, items, x)),
  ];
}

/** both reports' sections of an item-distribution run after the answers: overall means per arm, then per country the item table (reference mean, every arm's mean and distances with 95% CIs — html: KS too — and the closest arms) and the answer distributions (markdown: text bar charts; html: svg small multiples, collapsed) */
function itemSections(m: ItemDistributionMetrics, items: readonly SurveyItem[], x: Markup): string[] {
  const cells = Object.values(m.closest).reduce((n, c) => n + Object.keys(c).length, 0);
  const title = new Map(items.map((i) => [i.id, i.title]));
  const ci = (iv: [number, number] | undefined) => (iv ? ` ${x.ci(`[${fixed(iv[0], 3)}, ${fixed(iv[1], 3)}]`)}` : "");
  const countrySection = (country: string) => {
    const first = m.results[m.arms[0] as string]?.[country];
    const ref = Object.values(first ?? {}).find((c) => c.reference)?.reference;
    const refText = ref ? `WVS-7 ${ref.year ?? ""}, reference quality ${ref.quality}` : "no WVS-7 reference";
    const rows = m.items.map((item) => {
      const quality = first?.[item]?.reference?.quality;
      const flag = quality && quality !== "high" ? ` (${x.text(quality)} quality)` : "";
      const armCells = m.arms.map((arm) => {
        const c = m.results[arm]?.[country]?.[item];
        const cmp = c?.comparison;
        if (!cmp) return c?.note ? "no reference" : "–";
        const ks = x.html ? ` · ${fixed(cmp.ks, 3)}` : "";
        return `${fixed(cmp.mean_simulated)}${ci(cmp.ci95?.mean_simulated)}${ks} · ${fixed(cmp.js_distance, 3)}`;
      });
      const label = `${x.text(item)} ${x.text(title.get(item) ?? "")}`;
      return [
        x.html ? label : label.trim(),
        `${fixed(first?.[item]?.comparison?.mean_reference)}${flag}`,
        ...armCells,
        x.text(m.closest[country]?.[item]?.arms.join(", ") ?? "–"),
      ];
    });
    const armHead = x.html ? "mean [95% CI] · KS · JS distance" : "mean [95% CI] · JS distance";
    return [
      x.html ? `<h2 id="country-${esc(country)}">${esc(country)} <small>${esc(refText)}</small></h2>` : `## ${country} (${refText})`,
      x.table(["item", "reference mean", ...m.arms.map((a) => `${x.text(a)}: ${armHead}`), "closest"], rows),
      ...(x.html
        ? [
            // small multiples, collapsed: the summary figure and the tables above come first
            `<details>\n<summary>${esc(country)}: answer distributions of ${m.items.length} item${m.items.length === 1 ? "" : "s"} (every arm next to the reference)</summary>\n<div class="charts small">`,
            ...m.items.map((item) => itemFigure(m, items, country, item)),
            `</div>\n</details>`,
          ]
        : countryChartSection(m, items, country)),
    ];
  };
  return x.blocks([
    ...x.mdOnly(
      "Metrics use the categorical recipe against the WVS-7 weighted reference distributions: KS on the ordinal CDFs, Wasserstein-1 in scale units (and divided by the scale range), Jensen–Shannon distance in bits (log base 2), total variation, |mean difference|. Refused and invalid answers are excluded (counted above). 95% intervals (on the means) are percentile bootstrap intervals that resample the simulated side; the reference is held fixed. The distances get no interval: plug-in distances are biased upward and their bootstrap intervals miss small true distances; the fidelity section carries calibrated intervals." +
        (m.answer_method === "logprob"
          ? " With logprob answers the simulated distribution is the mean of the persona probability vectors; intervals treat its expected counts as a sample."
          : ""),
    ),
    x.heading(2, "Overall (unweighted mean of the country means)"),
    x.table(
      ["arm", "KS", "W1", "W1 / range", "JS distance", "TV", "|mean diff|", "closest in"],
      m.arms.map((arm) => {
        const o = m.means[arm]?.overall;
        const metrics = [o?.ks, o?.wasserstein, o?.wasserstein_normalised, o?.js_distance, o?.total_variation, o?.mean_diff];
        return [x.text(arm), ...metrics.map((v) => fixed(v, 3)), `${m.closest_counts[arm] ?? 0} of ${cells}`];
      }),
    ),
    x.html
      ? `<p class="note">KS on the ordinal CDFs, Wasserstein-1 in scale units, Jensen–Shannon distance in bits, total variation; refused and invalid answers excluded. 95% intervals (on the means): percentile bootstrap resampling the simulated side, the reference held fixed; the distances get none (biased upward, their bootstrap intervals miss small true distances: see fidelity).</p>`
      : `"closest in": country × item cells where the arm has the smallest JS distance to the reference (ties count for each).`,
    ...m.countries.flatMap(countrySection),
  ]);
}

/** both reports' sections of a Big Five run after the answers: the summary per arm (markdown: with rho, then reliability and response style), then per country the trait table (markdown: the closest arms too; html: a T-score chart) */
function traitSections(m: TraitMetrics, x: Markup): string[] {
  return x.blocks([
    x.html
      ? `<p class="note">Trait scores: mean of the trait's items after reverse-keying (1–5), as T-scores relative to the sampled countries. Reference: ${esc(publicCitation(m.reference.source))} (${esc(m.reference.metric)}).</p>`
      : `Trait scores: mean of the trait's items after reverse-keying (1–5). Reference: ${m.reference.source} (${m.reference.metric}): ${m.reference.what}. The headline is therefore rank/correlation across the sampled countries (Pearson r, Spearman rho). |T diff| is secondary: T_sim = 50 + 10·(country mean − mean of country means)/SD, with ONE SD per trait for every arm (${m.t_scale.source}); T_ref = culture T − mean of the sampled countries' T + 50. With fewer than two countries there is nothing to compare.`,
    x.heading(2, "Summary per arm"),
    x.table(
      ["arm", ...m.traits.map((t) => `${x.text(t.id)}: ${x.html ? "mean |T diff| · r" : "r · rho · mean |T diff|"}`), "closest in"],
      m.arms.map((arm) => [
        x.text(arm),
        ...m.traits.map((t) => {
          const s = m.summary[arm]?.[t.id];
          const r = fixed(s?.pearson_r);
          return x.html ? `${fixed(s?.mean_t_diff, 1)} · ${r}` : `${r} · ${fixed(s?.spearman_rho)} · ${fixed(s?.mean_t_diff, 1)}`;
        }),
        String(m.closest_counts[arm] ?? 0),
      ]),
    ),
    ...x.mdOnly(
      x.heading(2, "Reliability and response style"),
      "Cronbach's alpha / McDonald's omega per trait (first sample of each persona, reverse keys applied; respondents with every item), and the acquiescence index per country (mean raw code − scale midpoint over all items before reverse-keying; > 0 = agreeing regardless of keying).",
      x.table(
        ["arm", ...m.traits.map((t) => `${t.id}: alpha · omega`), ...m.countries.map((c) => `acquiescence ${c}`)],
        m.arms.map((arm) => [
          arm,
          ...m.traits.map((t) => `${fixed(m.reliability[arm]?.[t.id]?.alpha)} · ${fixed(m.reliability[arm]?.[t.id]?.omega)}`),
          ...m.countries.map((c) => fixed(m.acquiescence[arm]?.[c])),
        ]),
      ),
    ),
    ...m.countries.flatMap((country) => [
      x.heading(2, country),
      x.table(
        ["trait", "reference T (centred)", ...m.arms.map((a) => `${x.text(a)}: mean (sd) · T`), ...x.mdOnly("closest")],
        m.traits.map((t) => [
          `${x.text(t.id)} ${x.text(t.name)}`,
          fixed(m.countries_by_arm[m.arms[0] as string]?.[country]?.[t.id]?.t_reference, 1),
          ...m.arms.map((arm) => {
            const c = m.countries_by_arm[arm]?.[country]?.[t.id];
            return c ? `${fixed(c.mean)} (${fixed(c.sd)}) · ${fixed(c.t_simulated, 1)}` : "–";
          }),
          ...x.mdOnly(m.closest[country]?.[t.id]?.join(", ") ?? "–"),
        ]),
      ),
      ...(x.html ? [traitFigure(m, country)] : []),
    ]),
  ]);
}

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
  return reportPage({
    title,
    ...(metrics.synthetic ? { banner: SURVEY_SYNTHETIC } : {}),
    facts,
    summary: metrics.kind === "trait-means" ? traitSummaryFigure(metrics) : fidelitySummaryFigure(metrics, items),
    body: [...surveySections(metrics, items, HTML), ...(metrics.kind === "item-distributions" ? provenanceHtml(metrics, references) : [])],
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

/** one country's T-scores per trait: every arm and the reference */
function traitFigure(m: TraitMetrics, country: string): string {
  const ref = (t: string) => m.countries_by_arm[m.arms[0] as string]?.[country]?.[t]?.t_reference ?? null;
  const series = [
    { name: "reference", values: m.traits.map((t) => ref(t.id)) },
    ...m.arms.map((arm) => ({ name: arm, values: m.traits.map((t) => m.countries_by_arm[arm]?.[country]?.[t.id]?.t_simulated ?? null) })),
  ];
  const top = Math.max(60, ...series.flatMap((s) => s.values.filter((v): v is number => typeof v === "number")));
  const yMax = Math.ceil(top / 10) * 10;
  const ticks = Array.from({ length: yMax / 10 + 1 }, (_, i) => i * 10);
  return `<figure class="chart">\n${svgGroupedBars({ title: `${country}: T-scores per trait`, groups: m.traits.map((t) => t.id), groupLabels: m.traits.map((t) => t.name), series, yMax, ticks, format: (v) => v.toFixed(1) })}\n<figcaption>${esc(country)}: T-scores per trait, every arm and the reference</figcaption>\n</figure>`;
}

function itemFigure(m: ItemDistributionMetrics, items: readonly SurveyItem[], country: string, item: string): string {
  const chart = itemChartData(m, items, country, item);
  const heading = `${chart.item} ${chart.title} — ${chart.country}`;
  if (chart.note) return `<figure class="chart"><figcaption>${esc(heading)}: ${esc(chart.note)}</figcaption></figure>`;
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
    ...shareAxis(Math.max(0, ...chart.series.flatMap((s) => s.shares ?? []))),
    format: (v) => percent(v).replace(".0%", "%"),
  });
  const js = chart.series
    .filter((s) => !s.reference)
    .map((s) => `${esc(s.name)} ${fixed(s.js, 3)}`)
    .join(" · ");
  return `<figure class="chart" id="chart-${esc(country)}-${esc(item)}">\n${svg}\n<figcaption>${esc(heading)}. Whiskers: Wilson 95% intervals (n = personas). JS distance to WVS-7: ${js}</figcaption>\n</figure>`;
}
