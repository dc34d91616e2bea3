// calibration.md: one section per country × item (raw, pilot-only and corrected shares with their
// 95% CIs, and the reference when shipped) and an improvement table: total-variation distance of
// the raw and the corrected shares from the reference, the corrected / pilot-only CI width and the
// effective sample size the twins add to the pilot.
import type { CalibrationCell, CalibrationFile } from "./calibrate-shares.js";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ci = (e: { share: number; ci: [number, number] }) => `${pct(e.share)} [${pct(e.ci[0])}, ${pct(e.ci[1])}]`;

/** total-variation distance of a distribution from the reference (½ Σ |p − q|), shares renormalised */
export function totalVariation(shares: Record<string, { share: number }>, reference: Record<string, number>): number {
  const codes = Object.keys(reference);
  const total = codes.reduce((s, c) => s + (shares[c]?.share ?? 0), 0) || 1;
  return 0.5 * codes.reduce((s, c) => s + Math.abs((shares[c]?.share ?? 0) / total - (reference[c] ?? 0)), 0);
}

const meanWidth = (d: Record<string, { ci: [number, number] }>) =>
  Object.values(d).reduce((s, e) => s + (e.ci[1] - e.ci[0]), 0) / (Object.values(d).length || 1);

/** share of reference codes whose corrected CI contains the reference share */
export function referenceCoverage(cells: readonly CalibrationCell[]): { covered: number; total: number } {
  let covered = 0;
  let total = 0;
  for (const c of cells) {
    if (!c.reference) continue;
    for (const [code, share] of Object.entries(c.reference)) {
      const e = c.corrected[code];
      if (!e) continue;
      total++;
      if (e.ci[0] <= share && share <= e.ci[1]) covered++;
    }
  }
  return { covered, total };
}

export function calibrationReport(file: CalibrationFile): string {
  const out: string[] = [
    "## Calibration with a real pilot (prediction-powered inference)",
    "",
    `Run \`${file.run}\`, arm \`${file.arm}\`; ${file.pilot_n} pilot respondents, each with a persona twin answered by \`${file.twin_model}\`.`,
    "corrected = simulated share + the pilot's mean (real − twin) difference, power-tuned (PPI++); 95% normal-approximation CIs. pilot-only: Wilson CIs on the pilot alone. raw: the simulation alone (its CI covers sampling noise, not the simulator's bias).",
  ];
  if (file.weights === "rake") {
    const kish = Object.entries(file.raking ?? {}).map(
      ([c, r]) => `${c} Kish n ${r.kish_n.toFixed(1)} of ${r.n}${r.converged ? "" : " (raking did not converge)"}`,
    );
    out.push(
      `Weights: the run's personas are raked to the population tables (${Object.values(file.raking ?? {})[0]?.dimensions.join(", ") ?? "—"}); raw and corrected are weighted with intervals at Kish's effective n (${kish.join("; ")}); raw unweighted is shown alongside.`,
    );
  } else out.push("Weights: none (every persona counts 1).");
  if (file.strata)
    out.push(
      `Bias per subgroup (${file.strata.by.join(" × ")}) where the pilot has ≥ ${file.strata.min_pilot_n} respondents, pooled for the rest; subgroups combined with their population shares.`,
    );
  out.push(
    "",
    "### Improvement: corrected vs raw",
    "",
    "| country | item | TV raw→ref | TV corrected→ref | CI width corrected / pilot-only | effective n (pilot n) | bias strata (pilot n) |",
    "|---|---|---|---|---|---|---|",
  );
  for (const c of file.cells) {
    const tv = (d: Record<string, { share: number }>) => (c.reference ? totalVariation(d, c.reference).toFixed(3) : "—");
    const strata = c.strata && c.strata.length > 1 ? c.strata.map((s) => `${s.label} (${s.n_pilot})`).join(", ") : "pooled";
    out.push(
      `| ${c.country} | ${c.item} | ${tv(c.raw)} | ${tv(c.corrected)} | ${meanWidth(c.corrected).toFixed(3)} / ${meanWidth(c.pilot_only).toFixed(3)} | ${c.effective_n.toFixed(1)} (${c.n_pilot}) | ${strata} |`,
    );
  }
  const cov = referenceCoverage(file.cells);
  if (cov.total > 0)
    out.push(
      "",
      `Corrected 95% CIs contain the reference share for ${cov.covered} of ${cov.total} codes (${pct(cov.covered / cov.total)}).`,
    );
  for (const c of file.cells) {
    const unweighted = c.raw_unweighted;
    out.push(
      "",
      `### ${c.country} · ${c.item}`,
      "",
      `| code | raw${unweighted ? " (weighted)" : ""} |${unweighted ? " raw unweighted |" : ""} pilot only | corrected | reference |`,
      `|---|---|${unweighted ? "---|" : ""}---|---|---|`,
    );
    for (const code of Object.keys(c.corrected)) {
      out.push(
        `| ${code} | ${ci(c.raw[code]!)} |${unweighted?.[code] ? ` ${ci(unweighted[code])} |` : ""} ${ci(c.pilot_only[code]!)} | ${ci(c.corrected[code]!)} | ${c.reference?.[code] !== undefined ? pct(c.reference[code]!) : "—"} |`,
      );
    }
  }
  return out.join("\n") + "\n";
}
