// the ablation ladder as text: pooled fidelity and 95% CI per rung (and per country), the paired
// contrast with the next rung and with the deepest rung (Bonferroni-adjusted CIs), and the verdict
// (the shallowest rung no deeper rung beats).
import type { DepthLadder, LadderContrast } from "./depth-ladder.js";

function f(x: number | null): string {
  return x === null ? "  —  " : (x >= 0 ? " " : "") + x.toFixed(3);
}

function interval(ci: [number, number] | null): string {
  return ci ? `[${f(ci[0])}, ${f(ci[1])}]` : "—";
}

export function ladderTable(r: DepthLadder): string {
  const deepest = r.rungs[r.rungs.length - 1]?.arm;
  const pct = (x: number) => `${(100 * x).toFixed(2).replace(/\.?0+$/, "")}%`;
  const lines = [
    `depth ladder: fidelity pooled over ${r.cells} country × item cells (${r.countries.join(", ")}; 1 = as close as real respondents, 0 = chance)`,
    `rung CIs 95%; contrasts deeper − this rung are paired (same personas) with ${pct(r.contrast_confidence)} CIs (Bonferroni over the ${r.comparisons} rung pairs, family-wise α = ${r.alpha})`,
    "",
  ];
  const countryHead = r.countries.map((c) => c.padEnd(9)).join("");
  lines.push(
    `${"rung".padEnd(14)}${"fidelity".padEnd(10)}${"95% CI".padEnd(20)}${countryHead}${"next − this (CI)".padEnd(32)}${deepest ? `${deepest} − this (CI)` : ""}`,
  );
  r.rungs.forEach((rung, i) => {
    const next = r.rungs[i + 1];
    const cNext = next ? r.contrasts.find((c) => c.shallower === rung.arm && c.deeper === next.arm) : undefined;
    const cDeep = deepest && deepest !== rung.arm ? r.contrasts.find((c) => c.shallower === rung.arm && c.deeper === deepest) : undefined;
    const show = (c: LadderContrast | undefined) => (c ? `${f(c.value)} ${interval(c.ci)}${c.deeper_wins ? " *" : ""}` : "");
    const byCountry = r.countries.map((c) => f(rung.by_country[c]?.value ?? null).padEnd(9)).join("");
    lines.push(
      `${rung.arm.padEnd(14)}${f(rung.fidelity.value).padEnd(10)}${interval(rung.fidelity.ci).padEnd(20)}${byCountry}${show(cNext).padEnd(32)}${show(cDeep)}`,
    );
  });
  lines.push("", "* the deeper rung is better (adjusted contrast CI above 0)");
  if (r.skipped_cells.length) lines.push(`left out (no reference, or fidelity undefined in some rung): ${r.skipped_cells.join(", ")}`);
  lines.push(
    r.smallest_sufficient
      ? `smallest rung not beaten by a deeper rung: ${r.smallest_sufficient} (every deeper − ${r.smallest_sufficient} adjusted CI contains 0 or lies below it)`
      : "no rung has answers with a reference",
  );
  return lines.join("\n") + "\n";
}
