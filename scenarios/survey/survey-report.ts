// report.md: settings, answer statuses, overall means per arm, and per country the item table
// (reference mean, each arm's mean and JS distance with its 95% CI, the closest arm) followed by
// text bar charts per item (survey-report-charts.ts); for Big Five the trait table. offline runs
// carry a synthetic banner. report.html (survey-report-html.ts) is the same with SVG charts.
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import { countryChartSection } from "./survey-report-charts.js";
import type { SurveyMetrics } from "./survey-metrics.js";
import type { TraitMetrics } from "./trait-metrics.js";
import { fidelitySectionsMd, howToRead } from "./survey-report-fidelity.js";
import { weightsFact } from "./weights-fact.js";
import { fixed, MARKDOWN, type Markup } from "../report/markup.js";
import { statusTable } from "../report/status-table.js";

/** the synthetic-run banner (markdown; the html page renders the same line) */
export const SURVEY_SYNTHETIC =
  "**Synthetic run.** Every answer came from the built-in offline model: placeholder output for trying the tool, not a simulation result. Use `--model openai:<model>` for real answers.";

/** the run facts both reports state in the same words */
export function surveyFacts(m: SurveyMetrics, x: Markup) {
  const personas = Object.entries(m.personas_per_country).map(([c, n]) => `${c} ${n}`);
  const answers = m.answer_method === "logprob" ? "option probabilities from one-token logprobs" : "structured (one code per answer)";
  return {
    model: `${x.code(m.model)}; mode: ${x.text(m.mode)}; answers: ${answers}; samples per item: ${m.samples}`,
    personas: `${x.text(personas.join(", "))}; arms: ${x.text(m.arms.join(", "))}`,
    order: `reversed on ordinal items for a seeded random half of each country's personas: ${m.reverse_half ? "yes" : "no"}`,
  };
}

export function surveyReport(metrics: SurveyMetrics, items: readonly SurveyItem[]): string {
  const out: string[] = [`# Survey simulation: ${metrics.instrument.name} (${metrics.run_id})`, ""];
  if (metrics.synthetic) out.push(`> ${SURVEY_SYNTHETIC}`, "");
  if (metrics.kind === "item-distributions") out.push(howToRead(metrics), "");
  const facts = surveyFacts(metrics, MARKDOWN);
  out.push(
    `- model: ${facts.model}; seed: ${String(metrics.seed)}`,
    `- personas per country: ${facts.personas}`,
    `- option order ${facts.order}`,
    ...(weightsFact(metrics) ? [`- weights: ${weightsFact(metrics)}`] : []),
    "",
    ...(metrics.kind === "item-distributions" ? fidelitySectionsMd(metrics) : []),
    "## Answers",
    "",
    statusTable(MARKDOWN, "arm", Object.entries(metrics.status_counts)),
    "",
  );
  if (metrics.kind === "trait-means") out.push(...traitSections(metrics));
  else out.push(...itemSections(metrics, items));
  return `${out.join("\n")}\n`;
}

/** both reports' table of every arm's distances averaged over countries */
export function overallTable(m: ItemDistributionMetrics, x: Markup): string {
  const cells = Object.values(m.closest).reduce((n, c) => n + Object.keys(c).length, 0);
  return x.table(
    ["arm", "KS", "W1", "W1 / range", "JS distance", "TV", "|mean diff|", "closest in"],
    m.arms.map((arm) => {
      const o = m.means[arm]?.overall;
      const metrics = [o?.ks, o?.wasserstein, o?.wasserstein_normalised, o?.js_distance, o?.total_variation, o?.mean_diff];
      return [x.text(arm), ...metrics.map((v) => fixed(v, 3)), `${m.closest_counts[arm] ?? 0} of ${cells}`];
    }),
  );
}

/** "WVS-7 2018, reference quality high" (or "no WVS-7 reference"): a country section's heading note */
export function countryReferenceText(m: ItemDistributionMetrics, country: string): string {
  const ref = Object.values(m.results[m.arms[0] as string]?.[country] ?? {}).find((c) => c.reference)?.reference;
  return ref ? `WVS-7 ${ref.year ?? ""}, reference quality ${ref.quality}` : "no WVS-7 reference";
}

/** one country's item table: the reference mean, every arm's mean and distances with 95% CIs (html: KS too), the closest arms */
export function countryItemTable(m: ItemDistributionMetrics, items: readonly SurveyItem[], country: string, x: Markup): string {
  const title = new Map(items.map((i) => [i.id, i.title]));
  const first = m.results[m.arms[0] as string]?.[country];
  const ci = (iv: [number, number] | undefined) => (iv ? ` ${x.ci(`[${fixed(iv[0], 3)}, ${fixed(iv[1], 3)}]`)}` : "");
  const rows = m.items.map((item) => {
    const quality = first?.[item]?.reference?.quality;
    const flag = quality && quality !== "high" ? ` (${x.text(quality)} quality)` : "";
    const armCells = m.arms.map((arm) => {
      const c = m.results[arm]?.[country]?.[item];
      const cmp = c?.comparison;
      if (!cmp) return c?.note ? "no reference" : "–";
      const ks = x.html ? ` · ${fixed(cmp.ks, 3)}${ci(cmp.ci95?.ks)}` : "";
      return `${fixed(cmp.mean_simulated)}${ks} · ${fixed(cmp.js_distance, 3)}${ci(cmp.ci95?.js_distance)}`;
    });
    const label = `${x.text(item)} ${x.text(title.get(item) ?? "")}`;
    return [
      x.html ? label : label.trim(),
      `${fixed(first?.[item]?.comparison?.mean_reference)}${flag}`,
      ...armCells,
      x.text(m.closest[country]?.[item]?.arms.join(", ") ?? "–"),
    ];
  });
  const armHead = x.html ? "mean · KS · JS distance [95% CI]" : "mean · JS distance [95% CI]";
  return x.table(["item", "reference mean", ...m.arms.map((a) => `${x.text(a)}: ${armHead}`), "closest"], rows);
}

function itemSections(m: ItemDistributionMetrics, items: readonly SurveyItem[]): string[] {
  const out = [
    "Metrics use the categorical recipe against the WVS-7 weighted reference distributions: KS on the ordinal CDFs, Wasserstein-1 in scale units (and divided by the scale range), Jensen–Shannon distance in bits (log base 2), total variation, |mean difference|. Refused and invalid answers are excluded (counted above). 95% intervals are percentile bootstrap intervals that resample the simulated side; the reference is held fixed." +
      (m.answer_method === "logprob"
        ? " With logprob answers the simulated distribution is the mean of the persona probability vectors; intervals treat its expected counts as a sample."
        : ""),
    "",
    "## Overall (unweighted mean of the country means)",
    "",
    overallTable(m, MARKDOWN),
    "",
    `"closest in": country × item cells where the arm has the smallest JS distance to the reference (ties count for each).`,
    "",
  ];
  for (const country of m.countries) {
    out.push(
      `## ${country} (${countryReferenceText(m, country)})`,
      "",
      countryItemTable(m, items, country, MARKDOWN),
      "",
      ...countryChartSection(m, items, country),
    );
  }
  return out;
}

/** both reports' summary per arm: per trait the correlation with the reference and mean |T diff| (markdown: rho too) */
export function traitSummaryTable(m: TraitMetrics, x: Markup): string {
  return x.table(
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
  );
}

/** both reports' table of one country: per trait the reference T and every arm's mean (sd) · T (markdown: the closest arms too) */
export function traitCountryTable(m: TraitMetrics, country: string, x: Markup): string {
  const closest = x.html ? [] : ["closest"];
  return x.table(
    ["trait", "reference T (centred)", ...m.arms.map((a) => `${x.text(a)}: mean (sd) · T`), ...closest],
    m.traits.map((t) => [
      `${x.text(t.id)} ${x.text(t.name)}`,
      fixed(m.countries_by_arm[m.arms[0] as string]?.[country]?.[t.id]?.t_reference, 1),
      ...m.arms.map((arm) => {
        const c = m.countries_by_arm[arm]?.[country]?.[t.id];
        return c ? `${fixed(c.mean)} (${fixed(c.sd)}) · ${fixed(c.t_simulated, 1)}` : "–";
      }),
      ...(x.html ? [] : [m.closest[country]?.[t.id]?.join(", ") ?? "–"]),
    ]),
  );
}

function traitSections(m: TraitMetrics): string[] {
  const out = [
    `Trait scores: mean of the trait's items after reverse-keying (1–5). Reference: ${m.reference.source} (${m.reference.metric}): ${m.reference.what}. The headline is therefore rank/correlation across the sampled countries (Pearson r, Spearman rho). |T diff| is secondary: T_sim = 50 + 10·(country mean − mean of country means)/SD, with ONE SD per trait for every arm (${m.t_scale.source}); T_ref = culture T − mean of the sampled countries' T + 50. With fewer than two countries there is nothing to compare.`,
    "",
    "## Summary per arm",
    "",
    traitSummaryTable(m, MARKDOWN),
    "",
    "## Reliability and response style",
    "",
    "Cronbach's alpha / McDonald's omega per trait (first sample of each persona, reverse keys applied; respondents with every item), and the acquiescence index per country (mean raw code − scale midpoint over all items before reverse-keying; > 0 = agreeing regardless of keying).",
    "",
    MARKDOWN.table(
      ["arm", ...m.traits.map((t) => `${t.id}: alpha · omega`), ...m.countries.map((c) => `acquiescence ${c}`)],
      m.arms.map((arm) => [
        arm,
        ...m.traits.map((t) => `${fixed(m.reliability[arm]?.[t.id]?.alpha)} · ${fixed(m.reliability[arm]?.[t.id]?.omega)}`),
        ...m.countries.map((c) => fixed(m.acquiescence[arm]?.[c])),
      ]),
    ),
    "",
  ];
  for (const country of m.countries) out.push(`## ${country}`, "", traitCountryTable(m, country, MARKDOWN), "");
  return out;
}
