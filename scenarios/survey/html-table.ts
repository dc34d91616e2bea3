// small html helpers for report.html: escaped table rows and number formatting.
import { escapeXml } from "./svg-grouped-bars.js";

export const esc = escapeXml;

export const fmt = (x: number | null | undefined, d = 3) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");

export const fmtCi = (iv: [number, number] | undefined, d = 3) =>
  iv ? ` <span class="ci">[${fmt(iv[0], d)}, ${fmt(iv[1], d)}]</span>` : "";

/** a <table> from a header and rows of cells that are ALREADY html (escape text with `esc`) */
export function htmlTable(header: string[], rows: string[][], className = "metrics"): string {
  const head = `<tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table class="${className}">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
