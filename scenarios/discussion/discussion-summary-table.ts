// the summary printed on stdout at the end of a discussion run: one line per arm × item (mean
// pre → post, change with its clustered 95% CI, share changed, JS distance), then the treatment
// effect per item.
import { formatTable } from "../survey/summary-table.js";
import type { DiscussionMetrics } from "./discussion-metrics.js";

const n = (x: number | null | undefined, d = 2) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");
const signed = (x: number | null | undefined) => (typeof x === "number" && Number.isFinite(x) ? `${x > 0 ? "+" : ""}${x.toFixed(2)}` : "–");
const ci = (iv: [number, number] | null | undefined) => (iv ? `[${n(iv[0])}, ${n(iv[1])}]` : "");

export function discussionSummaryTable(m: DiscussionMetrics): string {
  const rows: string[][] = [];
  for (const arm of m.arms) {
    for (const item of m.items) {
      const r = m.results[arm]?.[item.id];
      if (!r) continue;
      rows.push([
        arm,
        item.id,
        String(r.n_groups),
        String(r.n_paired),
        n(r.mean_pre),
        n(r.mean_post),
        `${signed(r.mean_change)} ${ci(r.ci95_change)}`.trim(),
        r.share_changed === null ? "–" : `${Math.round(r.share_changed * 100)}%`,
        n(r.shift.js_distance, 3),
      ]);
    }
  }
  const lines = [formatTable(["arm", "item", "groups", "paired", "pre", "post", "change [95% CI, groups]", "changed", "JS"], rows)];
  const effects: string[][] = [];
  for (const [label, byItem] of Object.entries(m.effects ?? {})) {
    for (const item of m.items) {
      const e = byItem[item.id];
      if (e) effects.push([label, item.id, `${signed(e.estimate)} ${ci(e.ci95)}`.trim(), n(e.mde), Object.values(e.n_groups).join(" / ")]);
    }
  }
  if (effects.length)
    lines.push("", formatTable(["treatment effect (contrast)", "item", "estimate [95% CI, t(G−1)]", "MDE", "groups"], effects));
  return lines.join("\n");
}
