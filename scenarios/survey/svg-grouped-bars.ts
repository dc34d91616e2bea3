// a grouped vertical bar chart as a self-contained inline SVG string (no script, no external
// assets): groups along x (answer codes, traits), one bar per series in each group, a legend,
// y grid lines with tick labels and a <title> tooltip on every bar. deterministic: numbers are
// printed with fixed decimals, so the same input gives the same bytes.
import { escapeHtml } from "../../core/sanitize/escape-html.js";

export const SERIES_COLOURS = ["#555555", "#1f77b4", "#e07b00", "#2ca02c", "#9467bd", "#c2185b", "#17becf"] as const;

export interface GroupedBarsSeries {
  name: string;
  /** one value per group; null draws nothing (no data) */
  values: (number | null)[];
  /** optional 95% interval per group, drawn as a whisker */
  errors?: ([number, number] | null)[];
}

export interface GroupedBarsOptions {
  /** accessible name of the chart */
  title: string;
  /** short x labels, one per group */
  groups: string[];
  /** longer second-line labels (truncated to fit; the full text is in the tooltip) */
  groupLabels?: string[];
  series: GroupedBarsSeries[];
  /** top of the y axis (the bottom is 0) */
  yMax: number;
  ticks: number[];
  format: (value: number) => string;
  width?: number;
  height?: number;
}

const n = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

export function svgGroupedBars(o: GroupedBarsOptions): string {
  const width = o.width ?? 680;
  const height = o.height ?? 280;
  const margin = { left: 48, right: 12, top: 36, bottom: o.groupLabels ? 46 : 30 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const groupW = plotW / Math.max(1, o.groups.length);
  const barW = (groupW * 0.8) / Math.max(1, o.series.length);
  const y = (v: number) => margin.top + plotH - (Math.max(0, Math.min(v, o.yMax)) / (o.yMax || 1)) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(o.title)}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeHtml(o.title)}</title>`,
  ];
  for (const t of o.ticks) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="#dddddd"/>`,
      `<text x="${margin.left - 6}" y="${n(y(t) + 4)}" text-anchor="end" fill="#555555">${escapeHtml(o.format(t))}</text>`,
    );
  }
  let legendX = margin.left;
  o.series.forEach((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    parts.push(
      `<rect x="${n(legendX)}" y="10" width="12" height="12" fill="${colour}"/>`,
      `<text x="${n(legendX + 16)}" y="20">${escapeHtml(s.name)}</text>`,
    );
    legendX += 28 + s.name.length * 6.5;
  });
  const maxChars = Math.max(3, Math.floor(groupW / 6));
  o.groups.forEach((g, gi) => {
    const x0 = margin.left + gi * groupW + groupW * 0.1;
    o.series.forEach((s, si) => {
      const v = s.values[gi];
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      const top = y(v);
      const label = `${s.name} · ${g}${o.groupLabels?.[gi] ? ` ${o.groupLabels[gi]}` : ""}: ${o.format(v)}`;
      parts.push(
        `<rect x="${n(x0 + si * barW)}" y="${n(top)}" width="${n(Math.max(1, barW - 1))}" height="${n(margin.top + plotH - top)}" fill="${SERIES_COLOURS[si % SERIES_COLOURS.length]}"><title>${escapeHtml(label)}</title></rect>`,
      );
      const e = s.errors?.[gi];
      if (e) {
        const cx = x0 + si * barW + Math.max(1, barW - 1) / 2;
        parts.push(`<line x1="${n(cx)}" x2="${n(cx)}" y1="${n(y(e[0]))}" y2="${n(y(e[1]))}" stroke="#000000" stroke-width="1"/>`);
      }
    });
    const cx = margin.left + gi * groupW + groupW / 2;
    parts.push(`<text x="${n(cx)}" y="${n(margin.top + plotH + 14)}" text-anchor="middle">${escapeHtml(g)}</text>`);
    const long = o.groupLabels?.[gi];
    if (long) {
      const shown = long.length > maxChars ? `${long.slice(0, maxChars - 1)}…` : long;
      parts.push(
        `<text x="${n(cx)}" y="${n(margin.top + plotH + 28)}" text-anchor="middle" fill="#555555">${escapeHtml(shown)}<title>${escapeHtml(long)}</title></text>`,
      );
    }
  });
  parts.push(
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${n(margin.top + plotH)}" y2="${n(margin.top + plotH)}" stroke="#333333"/>`,
    "</svg>",
  );
  return parts.join("\n");
}

/** y axis top and ticks for shares: the largest share rounded up to 10%, ticks every 10% or 20% */
export function shareAxis(maxShare: number): { yMax: number; ticks: number[] } {
  const top = Math.min(1, Math.max(0.1, Math.ceil(maxShare * 10 - 1e-9) / 10));
  const step = top > 0.5 ? 0.2 : 0.1;
  const ticks: number[] = [];
  for (let t = 0; t <= top + 1e-9; t += step) ticks.push(Math.round(t * 10) / 10);
  return { yMax: top, ticks };
}
