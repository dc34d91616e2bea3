// the report's "weights" fact of a survey run (report.md and report.html): how the personas were
// weighted, Kish's effective n per country, raking convergence, and the unweighted pooled fidelity
// of every arm next to the weighted one the report shows. plain text (the html escapes it).
import type { SurveyMetrics } from "./survey-metrics.js";

const f = (x: number | null | undefined, d = 2) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");

/** undefined for runs made before survey run had --weights */
export function weightsFact(metrics: SurveyMetrics): string | undefined {
  const w = metrics.weights;
  if (!w) return undefined;
  if (w.kind === "none") return "none — every metric uses the personas' design weights only (--weights none)";
  if (!("by_country" in w)) return `rake requested; ${w.note}`;
  const countries = Object.entries(w.by_country).map(
    ([c, r]) => `${c} Kish n ${r.kish_n.toFixed(1)} of ${r.n}${r.converged ? "" : ` (raking did not converge: max error ${r.max_error})`}`,
  );
  const dims = [...new Set(Object.values(w.by_country).flatMap((r) => r.dimensions))].join(", ");
  const pooled = metrics.unweighted?.fidelity_pooled;
  const raw = pooled
    ? `; unweighted pooled fidelity: ${Object.entries(pooled)
        .map(([arm, p]) => `${arm} ${f(p.overall.value)}${p.overall.ci ? ` [${f(p.overall.ci[0])}, ${f(p.overall.ci[1])}]` : ""}`)
        .join(", ")}`
    : "";
  return `raked per country to the population tables (${dims}); every share-based figure in this report is weighted, intervals at Kish's effective n: ${countries.join(", ")}${raw}`;
}
