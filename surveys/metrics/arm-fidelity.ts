// fidelity of every arm × country × item of a simulated survey, pooled per arm (per country, per
// item, overall), and PAIRED contrasts of the focal arm against every other arm. the unit of
// resampling is the persona: per country one resample of the persona ids is shared by every arm
// and item, so the same personas answering in two arms make a paired contrast and pooled means are
// joint; countries are independent strata. pooled fidelity is the ratio of sums (pooled-fidelity.ts).
// a contrast is focal − other fidelity: "better"/"worse" only when its CI excludes 0, else "tie".
import { createRng } from "../../core/rng.js";
import { z } from "zod";
import { contrastVerdict, differenceEstimate, EstimateSummarySchema, summariseEstimate, type Estimate } from "./estimate.js";
import { itemFidelity, type FidelityParts, type ItemFidelitySummary } from "./item-fidelity.js";
import { pooledFidelity } from "./pooled-fidelity.js";
import { buildUnitSample, unitMean, type UnitInput } from "./unit-sample.js";
import { countsForUnits, sharedResample, type SharedResample } from "./unit-resampling.js";

export interface FidelityItem {
  id: string;
  /** the item's codes, ascending */
  support: number[];
  ordinal: boolean;
  /** scale range (max − min code) */
  range: number;
}

export interface ArmFidelityInput {
  arms: readonly string[];
  countries: readonly string[];
  items: readonly FidelityItem[];
  /** the units (personas with their answers) of one arm × country × item */
  units(arm: string, country: string, item: string): UnitInput[];
  /** reference shares aligned with the item's support, null when there is none */
  reference(country: string, item: string): readonly number[] | null;
  bootstrap: number;
  seed: number | string;
  /** the arm every other arm is contrasted with (default: "deep" when present, else the first) */
  focal?: string;
  nullDraws?: number;
  confidence?: number;
}

export const ContrastSchema = EstimateSummarySchema.extend({ verdict: z.enum(["better", "worse", "tie"]).nullable() });
export type Contrast = z.infer<typeof ContrastSchema>;

export const PooledFidelitySchema = z.object({
  overall: EstimateSummarySchema,
  by_country: z.record(z.string(), EstimateSummarySchema),
  by_item: z.record(z.string(), EstimateSummarySchema),
});
export type PooledFidelity = z.infer<typeof PooledFidelitySchema>;

export const ArmContrastsSchema = z.object({
  overall: ContrastSchema,
  by_country: z.record(z.string(), ContrastSchema),
  /** country → item */
  by_cell: z.record(z.string(), z.record(z.string(), ContrastSchema)),
});
export type ArmContrasts = z.infer<typeof ArmContrastsSchema>;

export interface ClosestCell {
  /** arms not significantly less faithful than the best one (one arm = decided) */
  arms: string[];
  decided: boolean;
}

export interface ArmFidelity {
  focal: string;
  /** arm → country → item */
  cells: Record<string, Record<string, Record<string, ItemFidelitySummary | null>>>;
  pooled: Record<string, PooledFidelity>;
  /** other arm → focal − other */
  contrasts: Record<string, ArmContrasts>;
  /** country → item → the arms that are closest, decided by paired CIs */
  closest: Record<string, Record<string, ClosestCell>>;
  /** arm → cells it alone is decidedly closest in */
  closest_counts: Record<string, number>;
  /** simulated shares arm → country → item (for rank/ratio metrics) */
  shares: Record<string, Record<string, Record<string, number[] | null>>>;
  /** per country, the shared persona resample (subgroup gradients reuse it) */
  resamples: Record<string, SharedResample | undefined>;
}

export function armFidelity(input: ArmFidelityInput): ArmFidelity {
  const focal = input.focal ?? (input.arms.includes("deep") ? "deep" : (input.arms[0] ?? ""));
  const rng = createRng(input.seed).fork("fidelity");
  const conf = input.confidence ?? 0.95;
  const cells: ArmFidelity["cells"] = {};
  const shares: ArmFidelity["shares"] = {};
  const parts = new Map<string, FidelityParts>(); // arm|country|item
  const means = new Map<string, Estimate>();
  const resamples: ArmFidelity["resamples"] = {};
  for (const arm of input.arms) {
    cells[arm] = {};
    shares[arm] = {};
  }
  for (const country of input.countries) {
    const unitsBy = new Map<string, UnitInput[]>();
    const ids = new Set<string>();
    for (const arm of input.arms) {
      for (const item of input.items) {
        const u = input.units(arm, country, item.id);
        unitsBy.set(`${arm}|${item.id}`, u);
        for (const x of u) ids.add(x.id);
      }
    }
    const shared =
      input.bootstrap > 0 && ids.size > 0 ? sharedResample(rng.fork(`personas:${country}`), [...ids].sort(), input.bootstrap) : undefined;
    resamples[country] = shared;
    for (const arm of input.arms) {
      const byItem: Record<string, ItemFidelitySummary | null> = {};
      const shareItem: Record<string, number[] | null> = {};
      for (const item of input.items) {
        const ref = input.reference(country, item.id);
        const units = unitsBy.get(`${arm}|${item.id}`) ?? [];
        const sample = buildUnitSample(item.support, units);
        const q = unitMean(sample);
        shareItem[item.id] = q ? Array.from(q) : null;
        if (!ref) {
          byItem[item.id] = null;
          continue;
        }
        const counts = shared
          ? countsForUnits(sample.ids, shared.replicates, rng.fork(`units:${arm}:${country}:${item.id}`), shared)
          : undefined;
        const f = itemFidelity(sample, ref, {
          ordinal: item.ordinal,
          range: item.range,
          ...(counts ? { counts } : {}),
          null: { seed: input.seed, ...(input.nullDraws ? { draws: input.nullDraws } : {}) },
          confidence: conf,
        });
        byItem[item.id] = f.summary;
        if (f.estimates.mean) {
          parts.set(`${arm}|${country}|${item.id}`, f.parts);
          means.set(`${arm}|${country}|${item.id}`, f.estimates.mean);
        }
      }
      (cells[arm] as Record<string, unknown>)[country] = byItem;
      (shares[arm] as Record<string, unknown>)[country] = shareItem;
    }
  }
  const pick = (arm: string, countries: readonly string[], items: readonly string[]) => {
    const out: FidelityParts[] = [];
    for (const c of countries)
      for (const i of items) {
        const p = parts.get(`${arm}|${c}|${i}`);
        if (p) out.push(p);
      }
    return out;
  };
  const itemIds = input.items.map((i) => i.id);
  // cells where every arm has a fidelity: pooled comparisons use the same cells for every arm
  const common = (countries: readonly string[], items: readonly string[]) => {
    const ok: [string, string][] = [];
    for (const c of countries) for (const i of items) if (input.arms.every((a) => parts.has(`${a}|${c}|${i}`))) ok.push([c, i]);
    return ok;
  };
  const pooledOver = (arm: string, cellsList: [string, string][]) =>
    pooledFidelity(cellsList.map(([c, i]) => parts.get(`${arm}|${c}|${i}`) as FidelityParts));
  const pooled: ArmFidelity["pooled"] = {};
  for (const arm of input.arms) {
    pooled[arm] = {
      overall: summariseEstimate(pooledFidelity(pick(arm, input.countries, itemIds)), conf),
      by_country: Object.fromEntries(input.countries.map((c) => [c, summariseEstimate(pooledFidelity(pick(arm, [c], itemIds)), conf)])),
      by_item: Object.fromEntries(itemIds.map((i) => [i, summariseEstimate(pooledFidelity(pick(arm, input.countries, [i])), conf)])),
    };
  }
  const contrast = (a: Estimate | null | undefined, b: Estimate | null | undefined): Contrast => {
    if (!a || !b) return { value: null, ci: null, verdict: null };
    const s = summariseEstimate(differenceEstimate(a, b), conf);
    return { ...s, verdict: contrastVerdict(s) };
  };
  const contrasts: ArmFidelity["contrasts"] = {};
  if (input.arms.includes(focal)) {
    for (const other of input.arms) {
      if (other === focal) continue;
      const all = common(input.countries, itemIds);
      contrasts[other] = {
        overall: contrast(pooledOver(focal, all), pooledOver(other, all)),
        by_country: Object.fromEntries(
          input.countries.map((c) => {
            const cs = common([c], itemIds);
            return [c, contrast(pooledOver(focal, cs), pooledOver(other, cs))];
          }),
        ),
        by_cell: Object.fromEntries(
          input.countries.map((c) => [
            c,
            Object.fromEntries(itemIds.map((i) => [i, contrast(means.get(`${focal}|${c}|${i}`), means.get(`${other}|${c}|${i}`))])),
          ]),
        ),
      };
    }
  }
  // closest: the best arm by point fidelity, and every arm whose paired contrast with it is a tie
  const closest: ArmFidelity["closest"] = {};
  const closestCounts: Record<string, number> = Object.fromEntries(input.arms.map((a) => [a, 0]));
  for (const c of input.countries) {
    closest[c] = {};
    for (const i of itemIds) {
      const est = input.arms
        .map((a) => [a, means.get(`${a}|${c}|${i}`)] as const)
        .filter((x): x is readonly [string, Estimate] => x[1] !== undefined);
      if (est.length === 0) continue;
      const best = est.reduce((b, x) => (x[1].value > b[1].value ? x : b));
      const arms = est.filter((x) => x === best || contrast(best[1], x[1]).verdict !== "better").map((x) => x[0]);
      (closest[c] as Record<string, ClosestCell>)[i] = { arms, decided: arms.length === 1 };
      if (arms.length === 1) closestCounts[arms[0] as string] = (closestCounts[arms[0] as string] ?? 0) + 1;
    }
  }
  return { focal, cells, pooled, contrasts, closest, closest_counts: closestCounts, shares, resamples };
}
