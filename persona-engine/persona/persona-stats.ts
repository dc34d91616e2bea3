// corpus statistics of generated personas: depth, coverage, achieved tier shares, value sources,
// uniqueness (mean pairwise Jaccard overlap of attribute paths; lower = more diverse), unfilled.
import type { Persona } from "./persona-schema.js";

export interface PersonaStats {
  personas: number;
  attributes_per_persona: { mean: number; min: number; max: number };
  filled_per_persona: { mean: number; min: number; max: number };
  categories_covered: { mean: number; min: number; all_12_share: number };
  tier_shares: { near: number; mid: number; far: number };
  core_per_persona: number;
  source_shares: Record<string, number>;
  uniqueness_jaccard: number;
  unfilled: number;
  unfilled_reasons: Record<string, number>;
  by_country: Record<string, number>;
}

function summarize(xs: number[]) {
  if (xs.length === 0) return { mean: 0, min: 0, max: 0 };
  return { mean: xs.reduce((s, x) => s + x, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}

export function personaStats(personas: readonly Persona[], opts: { maxPairs?: number } = {}): PersonaStats {
  const tierCounts = { near: 0, mid: 0, far: 0 };
  const sources: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  const byCountry: Record<string, number> = {};
  let unfilled = 0;
  let totalValues = 0;
  let core = 0;
  const cats: number[] = [];
  for (const p of personas) {
    byCountry[p.country] = (byCountry[p.country] ?? 0) + 1;
    const c = new Set<string>();
    for (const a of p.attributes) {
      c.add(a.category);
      if (a.tier === "core") core++;
      else tierCounts[a.tier]++;
      if (a.status === "unfilled") {
        unfilled++;
        const r = a.reason.split(":")[0] ?? a.reason;
        reasons[r] = (reasons[r] ?? 0) + 1;
      } else {
        totalValues++;
        sources[a.source] = (sources[a.source] ?? 0) + 1;
      }
    }
    cats.push(c.size);
  }
  const sampled = tierCounts.near + tierCounts.mid + tierCounts.far || 1;
  const sets = personas.map((p) => new Set(p.attributes.filter((a) => a.tier !== "core").map((a) => a.path)));
  let pairs = 0;
  let jac = 0;
  const maxPairs = opts.maxPairs ?? 20000;
  outer: for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      let inter = 0;
      for (const x of a) if (b.has(x)) inter++;
      const union = a.size + b.size - inter;
      jac += union ? inter / union : 0;
      if (++pairs >= maxPairs) break outer;
    }
  }
  const share = (n: number) => (totalValues ? n / totalValues : 0);
  return {
    personas: personas.length,
    attributes_per_persona: summarize(personas.map((p) => p.attributes.length)),
    filled_per_persona: summarize(personas.map((p) => p.attributes.filter((a) => a.status === "filled").length)),
    categories_covered: {
      mean: summarize(cats).mean,
      min: summarize(cats).min,
      all_12_share: cats.length ? cats.filter((c) => c >= 12).length / cats.length : 0,
    },
    tier_shares: { near: tierCounts.near / sampled, mid: tierCounts.mid / sampled, far: tierCounts.far / sampled },
    core_per_persona: personas.length ? core / personas.length : 0,
    source_shares: Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, share(v)])),
    uniqueness_jaccard: pairs ? jac / pairs : 0,
    unfilled,
    unfilled_reasons: reasons,
    by_country: byCountry,
  };
}
