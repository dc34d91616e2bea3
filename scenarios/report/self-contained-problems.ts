// the static check of a report.html: what would make a browser fetch anything or leave a reader
// with a broken link — any "://" anywhere, and in the page's own tags (not in escaped text): a
// src= that is not data:, a href that is not an in-page anchor, a protocol-relative "//" value,
// script/link/img/iframe/object/embed/base elements; url( or @import in css; an in-page anchor
// with no element of that id; a path into ../shared. an empty list: self-contained.
export function selfContainedProblems(html: string): string[] {
  const problems: string[] = [];
  const at = html.indexOf("://");
  if (at >= 0) problems.push(`an address with "://": ${html.slice(Math.max(0, at - 40), at + 20)}`);
  const css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]).join("\n");
  if (/url\(|@import/i.test(css)) problems.push("a css url( or @import");
  if (html.includes("../shared")) problems.push("a ../shared path a reader cannot open");
  const ids = new Set([...html.matchAll(/<[a-z][\w:-]*\s[^>]*?\bid="([^"]*)"/gi)].map((m) => m[1]));
  for (const tag of html.matchAll(/<([a-z][\w:-]*)(\s[^>]*)?>/gi)) {
    const name = (tag[1] as string).toLowerCase();
    const attrs = tag[2] ?? "";
    if (["script", "link", "img", "iframe", "object", "embed", "base", "image", "use"].includes(name)) problems.push(`a <${name}> element`);
    for (const a of attrs.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
      const attr = (a[1] as string).toLowerCase();
      const value = a[3] ?? a[4] ?? a[5] ?? "";
      if (value.startsWith("//")) problems.push(`a protocol-relative address: ${attr}="${value}"`);
      if (attr === "src" && !value.startsWith("data:")) problems.push(`a src= attribute: src="${value}"`);
      if (attr === "style" && /url\(/i.test(value)) problems.push("a style url(");
      if (attr === "href" || attr === "xlink:href") {
        if (!value.startsWith("#")) problems.push(`a link out of the page: ${attr}="${value}"`);
        else if (!ids.has(value.slice(1))) problems.push(`an anchor with no target: ${attr}="${value}"`);
      }
    }
  }
  return problems;
}
