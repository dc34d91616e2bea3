// the ablation ladder as text: fidelity and 95% CI per rung, the contrast with the next rung and
// with the deepest rung, and the verdict (the shallowest rung no deeper rung beats).
import type { RungFidelityResult } from "./rung-fidelity.js";

function f(x: number): string {
  return (x >= 0 ? " " : "") + x.toFixed(3);
}

function interval(ci: [number, number] | null): string {
  return ci ? `[${f(ci[0])}, ${f(ci[1])}]` : "—";
}

export function ladderTable(r: RungFidelityResult): string {
  const deepest = r.rungs[r.rungs.length - 1]?.arm;
  const lines = [`depth ladder: fidelity over ${r.cells} country × item cells (1 = real respondents, 0 = chance), 95% CI resampling personas`, ""];
  lines.push(`${"rung".padEnd(14)}${"fidelity".padEnd(10)}${"95% CI".padEnd(20)}${"next − this (CI)".padEnd(32)}${deepest ? `${deepest} − this (CI)` : ""}`);
  r.rungs.forEach((rung, i) => {
    const next = r.rungs[i + 1];
    const cNext = next ? r.contrasts.find((c) => c.shallower === rung.arm && c.deeper === next.arm) : undefined;
    const cDeep = deepest && deepest !== rung.arm ? r.contrasts.find((c) => c.shallower === rung.arm && c.deeper === deepest) : undefined;
    const show = (c: typeof cNext) => (c ? `${f(c.diff)} ${interval(c.ci)}${c.deeper_wins ? " *" : ""}` : "");
    lines.push(`${rung.arm.padEnd(14)}${f(rung.fidelity).padEnd(10)}${interval(rung.ci).padEnd(20)}${show(cNext).padEnd(32)}${show(cDeep)}`);
  });
  lines.push("", "* the deeper rung is better (contrast CI above 0)");
  if (r.skipped_cells.length) lines.push(`left out (chance is as close as real respondents at this n): ${r.skipped_cells.join(", ")}`);
  lines.push(r.smallest_sufficient ? `smallest rung not beaten by a deeper rung: ${r.smallest_sufficient}` : "no rung has answers with a reference");
  return lines.join("\n") + "\n";
}
