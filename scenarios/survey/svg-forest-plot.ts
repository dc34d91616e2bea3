// a forest plot as a self-contained inline SVG: one row per estimate (label, point, 95% CI
// whisker), a vertical reference line at 0, a <title> tooltip per row. deterministic output.
import { escapeHtml } from "../../core/sanitize/escape-html.js";

export interface ForestRow {
  label: string;
  value: number | null;
  ci: [number, number] | null;
  /** emphasised rows (e.g. pooled estimates) are drawn as diamonds */
  pooled?: boolean;
}

const n = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

export function svgForestPlot(o: { title: string; rows: ForestRow[]; xLabel: string; width?: number }): string {
  const width = o.width ?? 680;
  const rowH = 20;
  const margin = { left: 200, right: 20, top: 30, bottom: 36 };
  const height = margin.top + margin.bottom + rowH * Math.max(1, o.rows.length);
  const finite = o.rows.flatMap((r) => [r.value, ...(r.ci ?? [])]).filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const plotW = width - margin.left - margin.right;
  const x = (v: number) => margin.left + ((v - lo) / (hi - lo)) * plotW;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(o.title)}">`,
    `<title>${escapeHtml(o.title)}</title>`,
    `<text x="${margin.left}" y="18" font-size="12" font-weight="bold">${escapeHtml(o.title)}</text>`,
    `<line x1="${n(x(0))}" y1="${margin.top - 4}" x2="${n(x(0))}" y2="${height - margin.bottom}" stroke="#999" stroke-dasharray="3,3"/>`,
  ];
  o.rows.forEach((r, i) => {
    const y = margin.top + rowH * i + rowH / 2;
    parts.push(`<text x="${margin.left - 8}" y="${n(y + 4)}" font-size="11" text-anchor="end">${escapeHtml(r.label)}</text>`);
    if (r.value === null || !Number.isFinite(r.value)) {
      parts.push(`<text x="${margin.left + 4}" y="${n(y + 4)}" font-size="10" fill="#888">no estimate</text>`);
      return;
    }
    const tip = `${r.label}: ${r.value.toFixed(3)}${r.ci ? ` [${r.ci[0].toFixed(3)}, ${r.ci[1].toFixed(3)}]` : ""}`;
    const excludes0 = r.ci !== null && (r.ci[0] > 0 || r.ci[1] < 0);
    const colour = excludes0 ? (r.value > 0 ? "#1f77b4" : "#c2185b") : "#555555";
    parts.push(`<g><title>${escapeHtml(tip)}</title>`);
    if (r.ci)
      parts.push(`<line x1="${n(x(r.ci[0]))}" y1="${n(y)}" x2="${n(x(r.ci[1]))}" y2="${n(y)}" stroke="${colour}" stroke-width="2"/>`);
    if (r.pooled)
      parts.push(
        `<polygon points="${n(x(r.value) - 6)},${n(y)} ${n(x(r.value))},${n(y - 6)} ${n(x(r.value) + 6)},${n(y)} ${n(x(r.value))},${n(y + 6)}" fill="${colour}"/>`,
      );
    else parts.push(`<rect x="${n(x(r.value) - 4)}" y="${n(y - 4)}" width="8" height="8" fill="${colour}"/>`);
    parts.push(`</g>`);
  });
  const ticks = [lo + pad, 0, hi - pad].filter((v, i, a) => a.indexOf(v) === i);
  const axisY = height - margin.bottom;
  parts.push(`<line x1="${margin.left}" y1="${axisY}" x2="${width - margin.right}" y2="${axisY}" stroke="#333"/>`);
  for (const t of ticks) parts.push(`<text x="${n(x(t))}" y="${axisY + 14}" font-size="10" text-anchor="middle">${t.toFixed(2)}</text>`);
  parts.push(
    `<text x="${n(margin.left + plotW / 2)}" y="${height - 6}" font-size="11" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`,
    `</svg>`,
  );
  return parts.join("\n");
}
