// a heat map as a self-contained inline SVG: rows × columns of cells coloured by value on a fixed
// scale (fidelity: 0 = chance, red; 1 = as close as real respondents, blue), the value and its 95%
// CI in each cell's <title> tooltip and the CI printed under the value. deterministic output.
import { escapeHtml } from "../../core/sanitize/escape-html.js";

export interface HeatCell {
  value: number | null;
  ci: [number, number] | null;
}

const n = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** red (≤ 0) → white (0.5) → blue (≥ 1) */
function fidelityColour(v: number): string {
  const t = Math.max(0, Math.min(1, v));
  const mix = (a: number, b: number, s: number) => Math.round(a + (b - a) * s);
  const [r, g, b] =
    t < 0.5
      ? [mix(214, 255, t * 2), mix(96, 255, t * 2), mix(77, 255, t * 2)]
      : [mix(255, 49, (t - 0.5) * 2), mix(255, 130, (t - 0.5) * 2), mix(255, 189, (t - 0.5) * 2)];
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

export function svgHeatMap(o: { title: string; rows: string[]; columns: string[]; cells: HeatCell[][] }): string {
  const cellW = 96;
  const cellH = 34;
  const margin = { left: 90, top: 46, right: 10, bottom: 10 };
  const width = margin.left + cellW * o.columns.length + margin.right;
  const height = margin.top + cellH * o.rows.length + margin.bottom;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(o.title)}">`,
    `<title>${escapeHtml(o.title)}</title>`,
    `<text x="4" y="16" font-size="12" font-weight="bold">${escapeHtml(o.title)}</text>`,
  ];
  o.columns.forEach((c, j) =>
    parts.push(
      `<text x="${n(margin.left + cellW * j + cellW / 2)}" y="${margin.top - 8}" font-size="11" text-anchor="middle">${escapeHtml(c)}</text>`,
    ),
  );
  o.rows.forEach((r, i) => {
    const y = margin.top + cellH * i;
    parts.push(`<text x="${margin.left - 6}" y="${n(y + cellH / 2 + 4)}" font-size="11" text-anchor="end">${escapeHtml(r)}</text>`);
    o.columns.forEach((c, j) => {
      const cell = o.cells[i]?.[j];
      const x = margin.left + cellW * j;
      const has = cell && cell.value !== null && Number.isFinite(cell.value);
      const fill = has ? fidelityColour(cell.value as number) : "#eeeeee";
      const tip = has
        ? `${r} × ${c}: fidelity ${(cell.value as number).toFixed(2)}${cell.ci ? ` [${cell.ci[0].toFixed(2)}, ${cell.ci[1].toFixed(2)}]` : ""}`
        : `${r} × ${c}: no estimate`;
      parts.push(
        `<g><title>${escapeHtml(tip)}</title><rect x="${x}" y="${y}" width="${cellW - 2}" height="${cellH - 2}" fill="${fill}" stroke="#fff"/>`,
      );
      if (has) {
        parts.push(
          `<text x="${n(x + cellW / 2)}" y="${n(y + 14)}" font-size="11" text-anchor="middle">${(cell.value as number).toFixed(2)}</text>`,
        );
        if (cell.ci)
          parts.push(
            `<text x="${n(x + cellW / 2)}" y="${n(y + 27)}" font-size="9" text-anchor="middle" fill="#333">[${cell.ci[0].toFixed(2)}, ${cell.ci[1].toFixed(2)}]</text>`,
          );
      }
      parts.push(`</g>`);
    });
  });
  parts.push(`</svg>`);
  return parts.join("\n");
}
