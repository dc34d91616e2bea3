// the usage totals the survey run puts on its events (`tokens`, `cost_usd`, this session so far),
// read from the run's meter through the store's `eventFields` hook: on tasks-start, persona-done,
// budget, cancelled and run-end, and on every 25th event (so long response phases show spend
// moving). dashboards fold them; see core/store/run-event.ts. with `boundariesOnly` (offline runs)
// only tasks-start and run-end carry them: mid-phase totals depend on which calls happened to be in
// flight when an event was written, and offline runs are byte-identical in full.
import type { EventFields } from "../store/directory-run-store.js";
import type { UsageMeter } from "./usage-meter.js";

const ALWAYS = new Set(["tasks-start", "persona-done", "budget", "cancelled", "run-end"]);
const BOUNDARIES = new Set(["tasks-start", "run-end"]);
export const USAGE_EVENT_EVERY = 25;

export function usageEventFields(meter: UsageMeter, options: { boundariesOnly?: boolean } = {}): EventFields {
  return (input, seq) => {
    if (options.boundariesOnly) {
      if (!BOUNDARIES.has(input.type)) return undefined;
    } else if (input.type === "run-start" || (!ALWAYS.has(input.type) && seq % USAGE_EVENT_EVERY !== 0)) return undefined;
    const t = meter.totals();
    return { tokens: t.totalTokens, cost_usd: Number(t.costUsd.toFixed(6)) };
  };
}
