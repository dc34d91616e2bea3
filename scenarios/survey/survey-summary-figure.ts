// the one-screen summary figure of a survey report.html, from metrics.json as written:
//   item distributions — fidelity per item (pooled over countries, `fidelity.pooled[arm].by_item`)
//     and overall, one dot per arm with its 95% CI, between chance (0: uniform answers) and the
//     floor (1: as close as real respondents of the same n);
//   Big Five — the T-score per trait × country, one dot per arm, next to the reference culture
//     mean (hollow diamond). the interval is the t interval of the trait mean (n, sd of
//     `countries_by_arm`) put on the T scale with the run's one SD per trait (`t_scale.sd`).
import { tQuantile } from "../../surveys/metrics/centered-interval.js";
import type { SurveyItem } from "../../surveys/instrument-schema.js";
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import type { TraitMetrics } from "./trait-metrics.js";
import { dotDomain, svgDotPlot, type DotPoint } from "../report/svg-dot-plot.js";

const clip = (text: string, k: number) => (text.length > k ? `${text.slice(0, k - 1)}…` : text);

export function fidelitySummaryFigure(m: ItemDistributionMetrics, items: readonly SurveyItem[]): { svg: string; caption: string } {
  const title = new Map(items.map((i) => [i.id, i.title]));
  const rows = ["all items (pooled)", ...m.items.map((id) => clip(`${id} ${title.get(id) ?? ""}`.trim(), 30))];
  const point = (s: { value: number | null; ci: [number, number] | null } | undefined): DotPoint | null =>
    s ? { value: s.value, ci: s.ci } : null;
  const series = m.arms.map((arm) => {
    const p = m.fidelity.pooled[arm];
    return { name: arm, points: [point(p?.overall), ...m.items.map((id) => point(p?.by_item?.[id]))] };
  });
  const values = series.flatMap((s) => s.points.flatMap((p) => (p ? [p.value, ...(p.ci ?? [])] : [])));
  const domain = dotDomain(values, [0, 1], [-2, 1.5]);
  const svg = svgDotPlot({
    title: `Fidelity per item and arm, ${m.countries.join(", ")} (95% CI)`,
    rows,
    series,
    lines: [
      { value: 0, label: "chance: uniform answers" },
      { value: 1, label: "floor: real sample" },
    ],
    domain,
    format: (v) => v.toFixed(2),
    xLabel: "fidelity: 1 = as close as real respondents, 0 = no better than random answers",
    separators: [1],
  });
  const caption = `Fidelity = (uniform − distance) / (uniform − floor), averaged over KS, Wasserstein-1 and Jensen–Shannon distance and pooled over ${esc(m.countries.join(", "))} (metrics.json → fidelity.pooled). Whiskers: 95% intervals resampling personas; an arrow marks an interval running past the plotted range. The per-country heat map and tables follow.`;
  return { svg, caption };
}

/** the T-score interval of a trait mean: mean ± t(0.975, n − 1)·sd/√n, on the T scale (10 per SD) */
function tInterval(
  c: { n: number; sd: number | null; t_simulated: number | null } | undefined,
  sd: number | null | undefined,
): DotPoint | null {
  if (!c || c.t_simulated === null) return null;
  if (c.n < 2 || c.sd === null || !sd) return { value: c.t_simulated, ci: null };
  const half = (10 * tQuantile(0.975, c.n - 1) * c.sd) / Math.sqrt(c.n) / sd;
  return { value: c.t_simulated, ci: [c.t_simulated - half, c.t_simulated + half] };
}

export function traitSummaryFigure(m: TraitMetrics): { svg: string; caption: string } {
  const rows: string[] = [];
  const refs: (number | null)[] = [];
  const keys: { trait: string; country: string }[] = [];
  for (const t of m.traits) {
    for (const country of m.countries) {
      rows.push(`${t.name} · ${country}`);
      keys.push({ trait: t.id, country });
      refs.push(m.countries_by_arm[m.arms[0] as string]?.[country]?.[t.id]?.t_reference ?? null);
    }
  }
  const series = m.arms.map((arm) => ({
    name: arm,
    points: keys.map((k) => tInterval(m.countries_by_arm[arm]?.[k.country]?.[k.trait], m.t_scale.sd[k.trait])),
  }));
  const values = [...refs, ...series.flatMap((s) => s.points.flatMap((p) => (p ? [p.value, ...(p.ci ?? [])] : [])))];
  const domain = dotDomain(values, [50], [15, 85]);
  const svg = svgDotPlot({
    title: `Big Five T-scores per trait and country (95% CI) vs the reference`,
    rows,
    series,
    reference: { name: "reference (culture mean, centred)", values: refs },
    lines: [{ value: 50, label: "mean of the sampled countries" }],
    domain,
    format: (v) => v.toFixed(1),
    xLabel: "T-score relative to the sampled countries (10 = one SD of persona trait scores)",
    separators: m.traits.map((_, i) => i * m.countries.length),
  });
  const caption = `Dots: the arm's T-score of the country's mean trait score (metrics.json → countries_by_arm); whiskers: the t interval of that mean (n personas, their SD) on the T scale of the run (one SD per trait: t_scale.sd). Diamonds: the reference culture mean, centred on the sampled countries — observer ratings, so compare ranks across countries more than levels. No diamond: the reference has no value for that country.`;
  return { svg, caption };
}
