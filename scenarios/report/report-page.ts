// the one page shell of report.html for every run kind: title, synthetic banner, run facts, a
// table of contents, the one-screen summary figure, then the detail sections. self-contained:
// inline css and svg, no script, no link, no image, no url of any kind — the svg namespace
// attribute (implied in html) is dropped and any "://" left in the text is written as an entity,
// so the file names no address a browser could fetch. every <h2> gets an id and a toc entry.
// pure and deterministic: the same input gives the same bytes.
import { escapeHtml } from "../../core/sanitize/escape-html.js";
import { inlineHtml } from "./markup.js";

export interface ReportPage {
  title: string;
  /** the synthetic-run banner as report.md's line says it (markdown: **bold**, `code`), when the run is synthetic */
  banner?: string;
  /** label → html value (escape untrusted text with escapeHtml) */
  facts: [string, string][];
  /** the summary figure: an svg and its caption (html) */
  summary: { svg: string; caption: string };
  /** the detail sections: html with <h2> headings */
  body: string[];
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1rem}small{color:#666;font-weight:normal}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.ci{color:#666;white-space:nowrap}.note{color:#555;font-size:.85rem}
.banner{background:#fff4ce;border:1px solid #e0c060;padding:.6rem .8rem;margin:1rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;font-size:.9rem;margin:.5rem 0}dl.facts dt{color:#555}dl.facts dd{margin:0}
nav.toc{font-size:.9rem;background:#f8f8f8;border:1px solid #e4e4e4;padding:.4rem 1rem;margin:1rem 0}nav.toc ol{margin:.3rem 0;padding-left:1.2rem;columns:2}
.charts{display:flex;flex-wrap:wrap;gap:1rem}figure.chart{margin:0;max-width:100%}figure.chart svg{max-width:100%;height:auto}
.small figure.chart{width:340px}.summary svg{max-width:100%;height:auto}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
blockquote{margin:.3rem 0 .3rem 1rem;padding:.2rem .6rem;border-left:3px solid #ccc;color:#333}.flag{color:#b00020;font-weight:600}
figcaption{font-size:.8rem;color:#444;max-width:760px}`;

/** "Fidelity of deep by item" → "fidelity-of-deep-by-item" */
function slug(text: string): string {
  return (
    text
      .replace(/<[^>]*>/g, "")
      .replace(/&[a-z#0-9]+;/gi, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}

/** a data source as a reader can look it up: name, year, licence — never a path on our machine */
export function publicCitation(text: string): string {
  return withoutLocalPaths(text).trim();
}

/** "(../shared/data/x.csv)" and "aggregates from ../shared/…" cut from a whole document */
export function withoutLocalPaths(text: string): string {
  return text
    .replace(/[ \t]*\((?:\.\.\/)+shared\/[^)]*\)/g, "")
    .replace(/;?[ \t]*(?:aggregates[ \t]+)?from[ \t]+(?:\.\.\/)+shared\/[^\s;,)]*/g, "");
}

/** ids for every <h2> (kept when given, else a unique slug) and the toc built from them */
function withSectionIds(html: string): { html: string; toc: { id: string; title: string }[] } {
  const used = new Set<string>();
  const toc: { id: string; title: string }[] = [];
  const out = html.replace(
    /<h2(\s+id="([^"]*)")?>([\s\S]*?)<\/h2>/g,
    (_m, _attr: string | undefined, given: string | undefined, inner: string) => {
      let id = given ?? slug(inner);
      if (!given) {
        const base = id;
        for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
      }
      used.add(id);
      toc.push({
        id,
        title: inner
          .replace(/<small>[\s\S]*?<\/small>/g, "")
          .replace(/<[^>]*>/g, "")
          .trim(),
      });
      return `<h2 id="${id}">${inner}</h2>`;
    },
  );
  return { html: out, toc };
}

/** no fetchable address anywhere in the page (see the file comment) */
function withoutAddresses(html: string): string {
  return html.replace(/ xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, "").replace(/:\/\//g, ":&#47;&#47;");
}

export function reportPage(page: ReportPage): string {
  const summary = `<h2 id="summary">Summary</h2>\n<figure class="chart summary">\n${page.summary.svg}\n<figcaption>${page.summary.caption}</figcaption>\n</figure>`;
  const { html, toc } = withSectionIds([summary, ...page.body].join("\n"));
  const facts = `<dl class="facts">\n${page.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join("\n")}\n</dl>`;
  const nav = `<nav class="toc" aria-label="Contents"><strong>Contents</strong>\n<ol>\n${toc.map((t) => `<li><a href="#${t.id}">${t.title}</a></li>`).join("\n")}\n</ol>\n</nav>`;
  const head = [
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...(page.banner ? [`<div class="banner" role="note">${inlineHtml(page.banner)}</div>`] : []),
    facts,
    nav,
  ];
  const doc = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(page.title)}</title>\n<style>\n${STYLE}\n</style>\n</head>\n<body>\n${head.join("\n")}\n${html}\n</body>\n</html>\n`;
  return withoutAddresses(doc);
}

/** report.md with a "Contents" list (links to every "## " heading, GitHub anchors) before the first heading */
export function withMarkdownContents(md: string): string {
  const lines = md.split("\n");
  const first = lines.findIndex((l) => l.startsWith("## "));
  if (first < 0) return md;
  const seen = new Map<string, number>();
  const entries = lines
    .filter((l) => l.startsWith("## "))
    .map((l) => {
      const title = l.slice(3).trim();
      const base = title
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-");
      const k = seen.get(base) ?? 0;
      seen.set(base, k + 1);
      return `- [${title.replace(/[[\]]/g, "")}](#${k ? `${base}-${k}` : base})`;
    });
  return [...lines.slice(0, first), "## Contents", "", ...entries, "", ...lines.slice(first)].join("\n");
}
