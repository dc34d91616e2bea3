// the summary table printed on stdout at the end of a survey run: one line per arm with answer
// statuses, the overall metric means and how often the arm was closest to the reference.
import type { SurveyMetrics } from "./survey-metrics.js";

const f = (x: number | null | undefined, d = 3) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

export function summaryTable(metrics: SurveyMetrics): string {
  const counts = (arm: string) => {
    const c = metrics.status_counts[arm];
    return [String(c?.rows ?? 0), String(c?.ok ?? 0), String(c?.refused ?? 0), String(c?.invalid ?? 0)];
  };
  if (metrics.kind === "trait-means") {
    const cells = Object.values(metrics.closest).reduce((n, c) => n + Object.keys(c).length, 0);
    const rows = metrics.arms.map((arm) => {
      const diffs = metrics.traits.map((t) => metrics.summary[arm]?.[t.id]?.mean_t_diff).filter((x): x is number => typeof x === "number");
      const meanDiff = diffs.length ? diffs.reduce((a, b) => a + b, 0) / diffs.length : null;
      return [arm, ...counts(arm), f(meanDiff, 1), `${metrics.closest_counts[arm] ?? 0}/${cells}`];
    });
    return formatTable(["arm", "rows", "ok", "refused", "invalid", "mean |T diff|", "closest"], rows);
  }
  const cells = Object.values(metrics.closest).reduce((n, c) => n + Object.keys(c).length, 0);
  const rows = metrics.arms.map((arm) => {
    const o = metrics.means[arm]?.overall;
    const fid = metrics.fidelity?.pooled[arm]?.overall;
    const fidText = fid && fid.value !== null ? `${f(fid.value, 2)}${fid.ci ? ` [${f(fid.ci[0], 2)}, ${f(fid.ci[1], 2)}]` : ""}` : "–";
    const con = metrics.contrasts?.arms[arm]?.overall;
    const vs =
      con && con.value !== null
        ? `${con.value > 0 ? "+" : ""}${f(con.value, 2)} ${con.verdict ?? ""}`.trim()
        : arm === metrics.contrasts?.focal
          ? "(focal)"
          : "–";
    return [
      arm,
      ...counts(arm),
      fidText,
      vs,
      f(o?.ks),
      f(o?.wasserstein_normalised),
      f(o?.js_distance),
      `${metrics.closest_counts[arm] ?? 0}/${cells}`,
    ];
  });
  return formatTable(
    [
      "arm",
      "rows",
      "ok",
      "refused",
      "invalid",
      "fidelity [95% CI]",
      `${metrics.contrasts?.focal ?? "focal"} − arm`,
      "KS",
      "W1/range",
      "JS dist",
      "closest (decided)",
    ],
    rows,
  );
}
