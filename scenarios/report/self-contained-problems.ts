// the static check of a report.html: what would make a browser fetch anything or leave a reader
// with a broken link — any "://", a protocol-relative "//" in an attribute, src=, a href that is
// not an in-page anchor, url( or @import in css, script/link/img/iframe/object/embed elements, an
// in-page anchor with no element of that id, a path into ../shared. an empty list: self-contained.
export function selfContainedProblems(html: string): string[] {
  const problems: string[] = [];
  if (html.includes("://")) problems.push(`an address with "://": ${html.slice(Math.max(0, html.indexOf("://") - 40), html.indexOf("://") + 20)}`);
  if (/=\s*["']?\/\//.test(html)) problems.push("a protocol-relative address (an attribute starting with //)");
  if (/\ssrc\s*=/i.test(html)) problems.push("a src= attribute");
  if (/url\(|@import/i.test(html)) problems.push("a css url( or @import");
  const tag = /<(script|link|img|iframe|object|embed|base|meta\s+http-equiv)\b/i.exec(html);
  if (tag) problems.push(`a <${tag[1]}> element`);
  if (html.includes("../shared")) problems.push("a ../shared path a reader cannot open");
  const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));
  for (const m of html.matchAll(/\shref="([^"]*)"/g)) {
    const href = m[1] as string;
    if (!href.startsWith("#")) problems.push(`a link out of the page: href="${href}"`);
    else if (!ids.has(href.slice(1))) problems.push(`an anchor with no target: href="${href}"`);
  }
  return problems;
}
