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

/** the synthetic-run banner (markdown; the html page renders the same line) */
export const SURVEY_SYNTHETIC =
  "**Synthetic run.** Every answer came from the built-in offline model: placeholder output for trying the tool, not a simulation result. Use `--model openai:<model>` for real answers.";

const f = (x: number | null | undefined, d = 3) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");
const ci = (iv: [number, number] | undefined) => (iv ? ` [${f(iv[0])}, ${f(iv[1])}]` : "");
const row = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
const rule = (n: number) => `|${" --- |".repeat(n)}`;

export function surveyReport(metrics: SurveyMetrics, items: readonly SurveyItem[]): string {
  const out: string[] = [`# Survey simulation: ${metrics.instrument.name} (${metrics.run_id})`, ""];
  if (metrics.synthetic) out.push(`> ${SURVEY_SYNTHETIC}`, "");
  if (metrics.kind === "item-distributions") out.push(howToRead(metrics), "");
  const personas = Object.entries(metrics.personas_per_country)
    .map(([c, n]) => `${c} ${n}`)
    .join(", ");
  out.push(
    `- model: \`${metrics.model}\`; mode: ${metrics.mode}; answers: ${metrics.answer_method === "logprob" ? "option probabilities from one-token logprobs" : "structured (one code per answer)"}; samples per item: ${metrics.samples}; seed: ${String(metrics.seed)}`,
    `- personas per country: ${personas}; arms: ${metrics.arms.join(", ")}`,
    `- option order reversed on ordinal items for a seeded random half of each country's personas: ${metrics.reverse_half ? "yes" : "no"}`,
    ...(weightsFact(metrics) ? [`- weights: ${weightsFact(metrics)}`] : []),
    "",
    ...(metrics.kind === "item-distributions" ? fidelitySectionsMd(metrics) : []),
    "## Answers",
    "",
    row(["arm", "rows", "ok", "refused", "invalid"]),
    rule(5),
    ...Object.entries(metrics.status_counts).map(([arm, c]) => row([arm, c.rows, c.ok, c.refused, c.invalid])),
    "",
  );
  if (metrics.kind === "trait-means") out.push(...traitSections(metrics));
  else out.push(...itemSections(metrics, items));
  return `${out.join("\n")}\n`;
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
    row(["arm", "KS", "W1", "W1 / range", "JS distance", "TV", "|mean diff|", "closest in"]),
    rule(8),
  ];
  const cells = Object.values(m.closest).reduce((n, c) => n + Object.keys(c).length, 0);
  for (const arm of m.arms) {
    const o = m.means[arm]?.overall;
    out.push(
      row([
        arm,
        f(o?.ks),
        f(o?.wasserstein),
        f(o?.wasserstein_normalised),
        f(o?.js_distance),
        f(o?.total_variation),
        f(o?.mean_diff),
        `${m.closest_counts[arm] ?? 0} of ${cells}`,
      ]),
    );
  }
  out.push("", `"closest in": country × item cells where the arm has the smallest JS distance to the reference (ties count for each).`, "");
  const title = new Map(items.map((i) => [i.id, i.title]));
  for (const country of m.countries) {
    const first = m.results[m.arms[0] as string]?.[country];
    const refCell = Object.values(first ?? {}).find((c) => c.reference);
    out.push(
      `## ${country}${refCell?.reference ? ` (WVS-7 ${refCell.reference.year ?? ""}, reference quality ${refCell.reference.quality})` : " (no WVS-7 reference)"}`,
      "",
    );
    out.push(
      row(["item", "reference mean", ...m.arms.map((a) => `${a}: mean · JS distance [95% CI]`), "closest"]),
      rule(3 + m.arms.length),
    );
    for (const item of m.items) {
      const ref = first?.[item]?.comparison;
      const quality = first?.[item]?.reference?.quality;
      const flag = quality && quality !== "high" ? ` (${quality} quality)` : "";
      const armCells = m.arms.map((arm) => {
        const c = m.results[arm]?.[country]?.[item];
        const cmp = c?.comparison;
        if (!cmp) return c?.note ? "no reference" : "–";
        return `${f(cmp.mean_simulated, 2)} · ${f(cmp.js_distance)}${ci(cmp.ci95?.js_distance)}`;
      });
      const closest = m.closest[country]?.[item]?.arms.join(", ") ?? "–";
      out.push(row([`${item} ${title.get(item) ?? ""}`.trim(), `${f(ref?.mean_reference, 2)}${flag}`, ...armCells, closest]));
    }
    out.push("", ...countryChartSection(m, items, country));
  }
  return out;
}

function traitSections(m: TraitMetrics): string[] {
  const out = [
    `Trait scores: mean of the trait's items after reverse-keying (1–5). Reference: ${m.reference.source} (${m.reference.metric}): ${m.reference.what}. The headline is therefore rank/correlation across the sampled countries (Pearson r, Spearman rho). |T diff| is secondary: T_sim = 50 + 10·(country mean − mean of country means)/SD, with ONE SD per trait for every arm (${m.t_scale.source}); T_ref = culture T − mean of the sampled countries' T + 50. With fewer than two countries there is nothing to compare.`,
    "",
    "## Summary per arm",
    "",
    row(["arm", ...m.traits.map((t) => `${t.id}: r · rho · mean |T diff|`), "closest in"]),
    rule(m.traits.length + 2),
  ];
  for (const arm of m.arms) {
    out.push(
      row([
        arm,
        ...m.traits.map(
          (t) =>
            `${f(m.summary[arm]?.[t.id]?.pearson_r, 2)} · ${f(m.summary[arm]?.[t.id]?.spearman_rho, 2)} · ${f(m.summary[arm]?.[t.id]?.mean_t_diff, 1)}`,
        ),
        String(m.closest_counts[arm] ?? 0),
      ]),
    );
  }
  out.push(
    "",
    "## Reliability and response style",
    "",
    "Cronbach's alpha / McDonald's omega per trait (first sample of each persona, reverse keys applied; respondents with every item), and the acquiescence index per country (mean raw code − scale midpoint over all items before reverse-keying; > 0 = agreeing regardless of keying).",
    "",
  );
  out.push(
    row(["arm", ...m.traits.map((t) => `${t.id}: alpha · omega`), ...m.countries.map((c) => `acquiescence ${c}`)]),
    rule(1 + m.traits.length + m.countries.length),
  );
  for (const arm of m.arms) {
    out.push(
      row([
        arm,
        ...m.traits.map((t) => `${f(m.reliability[arm]?.[t.id]?.alpha, 2)} · ${f(m.reliability[arm]?.[t.id]?.omega, 2)}`),
        ...m.countries.map((c) => f(m.acquiescence[arm]?.[c], 2)),
      ]),
    );
  }
  out.push("");
  for (const country of m.countries) {
    out.push(
      `## ${country}`,
      "",
      row(["trait", "reference T (centred)", ...m.arms.map((a) => `${a}: mean (sd) · T`), "closest"]),
      rule(3 + m.arms.length),
    );
    for (const t of m.traits) {
      const first = m.countries_by_arm[m.arms[0] as string]?.[country]?.[t.id];
      const cells = m.arms.map((arm) => {
        const c = m.countries_by_arm[arm]?.[country]?.[t.id];
        return c ? `${f(c.mean, 2)} (${f(c.sd, 2)}) · ${f(c.t_simulated, 1)}` : "–";
      });
      out.push(row([`${t.id} ${t.name}`, f(first?.t_reference, 1), ...cells, m.closest[country]?.[t.id]?.join(", ") ?? "–"]));
    }
    out.push("");
  }
  return out;
}
