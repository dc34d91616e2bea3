// a dot plot as a self-contained inline SVG: one row per label, one dot per series in each row
// (offset vertically so series never overlap) with its 95% interval as a whisker, optional
// reference markers per row (hollow diamonds) and vertical reference lines (chance, floor, 0).
// values or interval ends outside the domain are drawn at the edge with an arrow head, so a
// wild interval never squeezes the rest. a <title> tooltip on every mark. deterministic output.
import { escapeHtml } from "../../core/sanitize/escape-html.js";
import { SERIES_COLOURS } from "../survey/svg-grouped-bars.js";

export interface DotPoint {
  value: number | null;
  ci?: [number, number] | null;
}

export interface DotSeries {
  name: string;
  /** one point per row (null: nothing to draw) */
  points: (DotPoint | null)[];
}

export interface DotPlotOptions {
  title: string;
  rows: string[];
  series: DotSeries[];
  /** a marker per row (e.g. the reference value); drawn as a hollow diamond */
  reference?: { name: string; values: (number | null)[] };
  /** vertical lines: chance level, floor, zero */
  lines?: { value: number; label: string }[];
  domain: [number, number];
  /** default: about five round ticks (dotTicks) */
  ticks?: number[];
  format: (value: number) => string;
  xLabel: string;
  /** rows before which a thin separator is drawn (e.g. where a new group starts) */
  separators?: number[];
  width?: number;
}

const n = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** the domain [lo, hi] covering `values` (and `always`), clamped to [min, max] */
export function dotDomain(
  values: readonly (number | null | undefined)[],
  always: readonly number[],
  clamp: [number, number],
): [number, number] {
  const finite = [...values, ...always].filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  let lo = Math.max(clamp[0], Math.min(...finite));
  let hi = Math.min(clamp[1], Math.max(...finite));
  if (!(hi - lo > 1e-9)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** about five round ticks inside the domain */
export function dotTicks([lo, hi]: [number, number]): number[] {
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw * 0.75) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toFixed(10)));
  return out;
}

export function svgDotPlot(o: DotPlotOptions): string {
  const width = o.width ?? 760;
  const k = Math.max(1, o.series.length);
  const lane = 7;
  const rowH = Math.max(18, lane * k + 8);
  const legendH = 18;
  const lineLabels = (o.lines ?? []).length > 0 ? 14 : 0;
  const margin = { left: 190, right: 24, top: 30 + legendH + lineLabels, bottom: 40 };
  const height = margin.top + margin.bottom + rowH * Math.max(1, o.rows.length);
  const [lo, hi] = o.domain;
  const plotW = width - margin.left - margin.right;
  const x = (v: number) => margin.left + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * plotW;
  const colour = (i: number) => SERIES_COLOURS[(i + 1) % SERIES_COLOURS.length] as string;
  const bottom = height - margin.bottom;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(o.title)}">`,
    `<title>${escapeHtml(o.title)}</title>`,
    `<text x="4" y="16" font-size="13" font-weight="bold">${escapeHtml(o.title)}</text>`,
  ];
  // legend
  let lx = margin.left;
  o.series.forEach((s, i) => {
    parts.push(
      `<circle cx="${n(lx + 5)}" cy="${30 + 4}" r="4" fill="${colour(i)}"/><text x="${n(lx + 13)}" y="${30 + 8}" font-size="11">${escapeHtml(s.name)}</text>`,
    );
    lx += 26 + 6.5 * s.name.length;
  });
  if (o.reference)
    parts.push(
      `<polygon points="${n(lx + 1)},34.0 ${n(lx + 5)},30.0 ${n(lx + 9)},34.0 ${n(lx + 5)},38.0" fill="#fff" stroke="#000" stroke-width="1.5"/><text x="${n(lx + 14)}" y="38" font-size="11">${escapeHtml(o.reference.name)}</text>`,
    );
  // grid, reference lines
  for (const t of o.ticks ?? dotTicks(o.domain)) {
    parts.push(
      `<line x1="${n(x(t))}" y1="${margin.top - 4}" x2="${n(x(t))}" y2="${bottom}" stroke="#eee"/>`,
      `<text x="${n(x(t))}" y="${bottom + 14}" font-size="10" text-anchor="middle">${escapeHtml(o.format(t))}</text>`,
    );
  }
  // two or more lines: the leftmost label ends at its line, the rightmost starts at it (no overlap)
  const shown = (o.lines ?? []).filter((l) => l.value >= lo && l.value <= hi).sort((a, b) => a.value - b.value);
  for (const [i, l] of shown.entries()) {
    parts.push(
      `<line x1="${n(x(l.value))}" y1="${margin.top - 4}" x2="${n(x(l.value))}" y2="${bottom}" stroke="#777" stroke-dasharray="4,3"><title>${escapeHtml(l.label)}</title></line>`,
    );
    const lx = x(l.value);
    const side = shown.length > 1 && i === 0 ? "end" : shown.length > 1 && i === shown.length - 1 ? "start" : null;
    const anchor = side ?? (lx > width - margin.right - 110 ? "end" : lx < margin.left + 110 ? "start" : "middle");
    const tx = side === "end" ? lx - 4 : side === "start" ? lx + 4 : lx;
    parts.push(`<text x="${n(tx)}" y="${margin.top - 9}" font-size="10" fill="#555" text-anchor="${anchor}">${escapeHtml(l.label)}</text>`);
  }
  o.rows.forEach((label, r) => {
    const top = margin.top + rowH * r;
    if (o.separators?.includes(r) && r > 0)
      parts.push(`<line x1="4" y1="${n(top)}" x2="${width - margin.right}" y2="${n(top)}" stroke="#ccc"/>`);
    else if (r % 2 === 1) parts.push(`<rect x="${margin.left}" y="${n(top)}" width="${n(plotW)}" height="${rowH}" fill="#fafafa"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${n(top + rowH / 2 + 4)}" font-size="11" text-anchor="end">${escapeHtml(label)}</text>`);
    const ref = o.reference?.values[r];
    if (typeof ref === "number" && Number.isFinite(ref)) {
      const cx = x(ref);
      const cy = top + rowH / 2;
      parts.push(
        `<polygon points="${n(cx - 5)},${n(cy)} ${n(cx)},${n(cy - 5)} ${n(cx + 5)},${n(cy)} ${n(cx)},${n(cy + 5)}" fill="#fff" stroke="#000" stroke-width="1.5"><title>${escapeHtml(`${label}: ${o.reference?.name} ${o.format(ref)}`)}</title></polygon>`,
      );
    }
    o.series.forEach((s, i) => {
      const p = s.points[r];
      if (!p || p.value === null || !Number.isFinite(p.value)) return;
      const cy = top + 4 + lane * i + lane / 2 + (rowH - 8 - lane * k) / 2;
      const c = colour(i);
      const tip = `${label} · ${s.name}: ${o.format(p.value)}${p.ci ? ` [${o.format(p.ci[0])}, ${o.format(p.ci[1])}]` : ""}`;
      parts.push(`<g><title>${escapeHtml(tip)}</title>`);
      if (p.ci) {
        const [a, b] = p.ci;
        parts.push(`<line x1="${n(x(a))}" y1="${n(cy)}" x2="${n(x(b))}" y2="${n(cy)}" stroke="${c}" stroke-width="1.6"/>`);
        if (a < lo)
          parts.push(`<polygon points="${n(x(lo))},${n(cy)} ${n(x(lo) + 5)},${n(cy - 3)} ${n(x(lo) + 5)},${n(cy + 3)}" fill="${c}"/>`);
        if (b > hi)
          parts.push(`<polygon points="${n(x(hi))},${n(cy)} ${n(x(hi) - 5)},${n(cy - 3)} ${n(x(hi) - 5)},${n(cy + 3)}" fill="${c}"/>`);
      }
      parts.push(
        `<circle cx="${n(x(p.value))}" cy="${n(cy)}" r="3.5" fill="${c}"${p.value < lo || p.value > hi ? ` stroke="#000"` : ""}/>`,
        `</g>`,
      );
    });
  });
  parts.push(`<line x1="${margin.left}" y1="${bottom}" x2="${width - margin.right}" y2="${bottom}" stroke="#333"/>`);
  parts.push(
    `<text x="${n(margin.left + plotW / 2)}" y="${height - 8}" font-size="11" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`,
    `</svg>`,
  );
  return parts.join("\n");
}
