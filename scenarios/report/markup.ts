// what report.md and report.html write differently, so that a report's tables are built once and
// rendered to both: escaping of untrusted text, the span of a 95% interval, bold, and the table
// itself (a markdown pipe table; an html <table> of cells that are already html). also the number
// format every report shares and the markdown → html of one inline line (bold, code spans).
import { escapeHtml } from "../../core/sanitize/escape-html.js";

export interface Markup {
  html: boolean;
  /** untrusted text: escaped in html, as is in markdown */
  text: (s: string) => string;
  /** the text of an interval ("[0.12, 0.30]"): html wraps it in span.ci */
  ci: (s: string) => string;
  strong: (s: string) => string;
  /** a name set in code (a model, a flag): html escapes it */
  code: (s: string) => string;
  /** a table from a header and rows of cells written in this markup (numbers printed as they are) */
  table: (header: readonly string[], rows: readonly (readonly (string | number)[])[]) => string;
  /** a section heading (html escapes the text) */
  heading: (level: 2 | 3, text: string) => string;
  /** blocks (prose, reports' markdown-only notes) that only report.md shows */
  mdOnly: (...blocks: string[]) => string[];
  /** a section as the report's lines: markdown puts a blank line after every block */
  blocks: (blocks: readonly string[]) => string[];
}

const mdRow = (cells: readonly (string | number)[]) =>
  `| ${cells.map((c) => String(c).replace(/\|/g, "\\|").replace(/\n/g, " ")).join(" | ")} |`;

export const MARKDOWN: Markup = {
  html: false,
  text: (s) => s,
  ci: (s) => s,
  strong: (s) => `**${s}**`,
  code: (s) => `\`${s}\``,
  table: (header, rows) => [mdRow(header), `|${" --- |".repeat(header.length)}`, ...rows.map(mdRow)].join("\n"),
  heading: (level, text) => `${"#".repeat(level)} ${text}`,
  mdOnly: (...blocks) => blocks,
  blocks: (blocks) => blocks.flatMap((b) => [b, ""]),
};

export const HTML: Markup = {
  html: true,
  text: escapeHtml,
  ci: (s) => `<span class="ci">${s}</span>`,
  strong: (s) => `<strong>${s}</strong>`,
  code: (s) => `<code>${escapeHtml(s)}</code>`,
  table: (header, rows) => {
    const head = `<tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr>`;
    const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
    return `<table class="metrics">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  },
  heading: (level, text) => `<h${level}>${escapeHtml(text)}</h${level}>`,
  mdOnly: () => [],
  blocks: (blocks) => [...blocks],
};

/** x with d decimals; "–" when it is not a finite number */
export const fixed = (x: number | null | undefined, d = 2) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");

/** one line of report markdown as html: the text escaped, **bold** and `code` spans kept */
export const inlineHtml = (md: string) =>
  escapeHtml(md)
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/`([^`]*)`/g, "<code>$1</code>");
