// is the simulated population recognisably the target country? rank the target among every
// reference country by the mean JS distance (bits) of the simulated item distributions to each
// country's reference, over the items both have. rank 1 = the target is the closest country.
// (the authors' Canada personas are closest to Canada only 6th of 62.)
import { z } from "zod";
import { jsDistance } from "./categorical-metrics.js";

export const CountryRankSchema = z.object({
  /** 1 = the target country's reference is the closest */
  rank: z.number().int().positive().nullable(),
  /** countries ranked (those with at least half of the items) */
  of: z.number().int().nonnegative(),
  /** the three closest countries with their mean JS distance */
  nearest: z.array(z.object({ country: z.string(), js_distance: z.number() })),
  items: z.number().int().nonnegative(),
});
export type CountryRank = z.infer<typeof CountryRankSchema>;

/**
 * `simulated`: item → shares aligned with the reference codes; `reference(country, item)` → shares
 * aligned with the same codes or null; `countries`: every reference country
 */
export function countryRank(
  target: string,
  simulated: Readonly<Record<string, ArrayLike<number> | null>>,
  countries: readonly string[],
  reference: (country: string, item: string) => ArrayLike<number> | null,
): CountryRank {
  const items = Object.entries(simulated).filter((e): e is [string, ArrayLike<number>] => e[1] !== null);
  const scores: { country: string; js_distance: number }[] = [];
  for (const c of countries) {
    let s = 0;
    let n = 0;
    for (const [item, q] of items) {
      const r = reference(c, item);
      if (!r || r.length !== q.length) continue;
      s += jsDistance(q, r, 2);
      n++;
    }
    if (n > 0 && n * 2 >= items.length) scores.push({ country: c, js_distance: Number((s / n).toFixed(6)) });
  }
  scores.sort((a, b) => a.js_distance - b.js_distance || a.country.localeCompare(b.country));
  const i = scores.findIndex((s) => s.country === target);
  return { rank: i < 0 ? null : i + 1, of: scores.length, nearest: scores.slice(0, 3), items: items.length };
}
