// balanced randomisation of groups to arms, stratified by country: within each country the
// groups are shuffled (seeded) and dealt to the arms in turn, and the deal continues across
// countries from a seeded arm order. so every country's groups split as evenly as possible
// (counts differ by at most one) and so do the totals; which arm gets a country's odd group
// rotates instead of always being the first arm.
import { UsageError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import type { DiscussionGroup } from "./form-groups.js";

export function assignArms<A extends string>(
  groups: readonly DiscussionGroup[],
  arms: readonly A[],
  seed: number | string,
): Map<string, A> {
  if (arms.length === 0) throw new RangeError("assignArms needs at least one arm");
  if (groups.length < arms.length) {
    throw new UsageError(
      `${groups.length} discussion group${groups.length === 1 ? "" : "s"} cannot fill ${arms.length} arms; add personas or lower --group-size`,
    );
  }
  const rng = createRng(seed).fork("discussion-arms");
  const order = rng.fork("arm-order").shuffle(arms);
  const strata = new Map<string, DiscussionGroup[]>();
  for (const g of groups) strata.set(g.country, [...(strata.get(g.country) ?? []), g]);
  const assigned = new Map<string, A>();
  let dealt = 0;
  for (const [country, members] of strata) {
    for (const g of rng.fork(country).shuffle(members)) assigned.set(g.id, order[dealt++ % order.length] as A);
  }
  return assigned;
}
