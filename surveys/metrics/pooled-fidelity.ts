// fidelity pooled over metrics and items as a RATIO OF SUMS: Σ(uniform − d) / Σ(uniform − floor)
// (W1 divided by the scale range). each item weighs by how far chance sits from the floor, so an
// item whose reference is itself nearly uniform (span ≈ 0: it cannot tell fidelity from chance)
// cannot blow the mean up, as a mean of per-item ratios would. the denominators are constants
// (expected distances), so the replicates stay linear and the centered interval applies.
import type { FidelityMetric } from "./fidelity-distances.js";
import type { Estimate } from "./estimate.js";
import type { FidelityParts } from "./item-fidelity.js";

/** pooled fidelity over `parts` (items, possibly of several countries), for `metrics` (default: all present) */
export function pooledFidelity(parts: readonly FidelityParts[], metrics?: readonly FidelityMetric[]): Estimate | null {
  let span = 0;
  let value = 0;
  let R = -1;
  const terms: Estimate[] = [];
  for (const p of parts) {
    for (const [m, g] of Object.entries(p.gap) as [FidelityMetric, Estimate][]) {
      if (metrics && !metrics.includes(m)) continue;
      const s = p.span[m];
      if (s === undefined || !(s > 0)) continue;
      span += s;
      value += g.value;
      terms.push(g);
      R = R < 0 ? g.replicates.length : Math.min(R, g.replicates.length);
    }
  }
  if (!(span > 1e-12) || terms.length === 0) return null;
  const reps = new Float64Array(Math.max(0, R));
  for (const g of terms) for (let r = 0; r < reps.length; r++) reps[r] = (reps[r] as number) + (g.replicates[r] as number);
  for (let r = 0; r < reps.length; r++) reps[r] = (reps[r] as number) / span;
  const units = terms.map((t) => t.units).filter((u): u is number => u !== undefined);
  return { value: value / span, replicates: reps, ...(units.length ? { units: Math.min(...units) } : {}) };
}
