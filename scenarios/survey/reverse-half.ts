// which personas see ordinal options in reverse order: a seeded random half of each country's
// personas (floor(n/2)), the same in every arm so arms stay comparable.
import { createRng } from "../../core/rng.js";

export function reverseHalf(personas: readonly { id: string; country: string }[], seed: number | string): Set<string> {
  const byCountry = new Map<string, string[]>();
  for (const p of personas) byCountry.set(p.country, [...(byCountry.get(p.country) ?? []), p.id]);
  const reversed = new Set<string>();
  const rng = createRng(seed).fork("reverse-half");
  for (const [country, ids] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
    const shuffled = rng.fork(country).shuffle(ids);
    for (const id of shuffled.slice(0, Math.floor(ids.length / 2))) reversed.add(id);
  }
  return reversed;
}
