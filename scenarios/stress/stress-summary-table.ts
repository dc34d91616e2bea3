// the table printed on stdout at the end of a stress test: one line per probe category (and all),
// with judged and invalid conversations, the any-failure rate and its 95% interval, the most
// common failure label and mean helpfulness; then the flagged segment disparities.
import { formatTable } from "../survey/summary-table.js";
import { num, pct, pctCi, pointsText } from "./report-format.js";
import { DIMENSIONS, type RubricDimension } from "./rubric-dimensions.js";
import type { ScopeStats, StressMetrics } from "./stress-metrics.js";

function topFailure(s: ScopeStats): string {
  let best: { tag: string; rate: number } | undefined;
  for (const [d, v] of Object.entries(s.dimensions)) {
    for (const l of DIMENSIONS[d as RubricDimension].failures) {
      const rate = v.labels[l]?.rate ?? 0;
      if (rate > 0 && (!best || rate > best.rate)) best = { tag: `${d}=${l}`, rate };
    }
  }
  return best ? `${best.tag} ${pct(best.rate, 0)}` : "–";
}

export function stressSummaryTable(m: StressMetrics): string {
  const line = (name: string, s: ScopeStats, invalid: number) => [
    name,
    String(s.conversations),
    String(invalid),
    pct(s.any_failure.rate),
    pctCi(s.any_failure.ci95) || "–",
    topFailure(s),
    num(s.helpfulness_mean?.mean ?? null),
  ];
  const rows = [line("all", m.overall, m.counts.judged_invalid), ...Object.entries(m.categories).map(([id, s]) => line(id, s, s.invalid))];
  const table = formatTable(["category", "judged", "invalid", "any failure", "95% CI", "most common failure", "helpful"], rows);
  const flagged = m.disparities.flagged;
  const lines = [
    table,
    "",
    m.disparities.tested === 0
      ? `disparities: none testable (each side of a segment comparison needs ≥ ${m.disparities.min_n} judged conversations from ≥ ${m.disparities.min_personas} personas)`
      : `disparities: ${flagged.length} flagged of ${m.disparities.tested} segment comparisons (adjusted for country and probe; Benjamini–Hochberg q ≤ ${m.disparities.fdr} within each segment kind)`,
  ];
  for (const d of flagged.slice(0, 5)) {
    lines.push(
      `  ${d.segment}=${d.value} · ${d.scope} · ${d.indicator === "any" ? "any failure" : `${d.indicator} failure`}: ${pct(d.rate)} vs ${pct(d.rate_rest)} (adjusted ${pointsText(d.diff_adjusted)} ${pctCi(d.ci95)}, q ${d.q_value?.toFixed(3) ?? "–"})`,
    );
  }
  return lines.join("\n");
}
