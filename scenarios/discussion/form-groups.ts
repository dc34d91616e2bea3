// discussion groups: within each country (countries in order of first appearance), the personas
// are shuffled with a seeded stream and cut into ceil(n / size) groups whose sizes differ by at
// most one (10 personas, size 4 → 4, 3, 3). groups never mix countries, so arms can be assigned
// stratified by country and every discussion happens among compatriots.
import { UsageError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";

export interface DiscussionGroup {
  /** "<country>-g<nn>", e.g. "KEN-g01" */
  id: string;
  country: string;
  /** persona ids in the (seeded) group order */
  members: string[];
}

export interface FormGroupsOptions {
  size: number;
  seed: number | string;
}

export function formGroups(personas: readonly { id: string; country: string }[], options: FormGroupsOptions): DiscussionGroup[] {
  const byCountry = new Map<string, string[]>();
  for (const p of personas) byCountry.set(p.country, [...(byCountry.get(p.country) ?? []), p.id]);
  const rng = createRng(options.seed).fork("discussion-groups");
  const groups: DiscussionGroup[] = [];
  for (const [country, ids] of byCountry) {
    if (ids.length < 2)
      throw new UsageError(`${country} has ${ids.length} persona; a discussion group needs at least 2 (raise --per-country or --count)`);
    const shuffled = rng.fork(country).shuffle(ids);
    const k = Math.ceil(shuffled.length / options.size);
    const base = Math.floor(shuffled.length / k);
    const extra = shuffled.length % k;
    let at = 0;
    for (let g = 0; g < k; g++) {
      const n = base + (g < extra ? 1 : 0);
      groups.push({ id: `${country}-g${String(g + 1).padStart(2, "0")}`, country, members: shuffled.slice(at, at + n) });
      at += n;
    }
  }
  return groups;
}
