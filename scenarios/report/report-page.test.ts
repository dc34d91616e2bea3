// the page shell and its static check: a toc entry per <h2> whose anchors resolve, no address left
// in the page (the svg namespace dropped, "://" in text written as an entity), local paths cut
// from citations; the check itself finds what a browser would fetch.
import { describe, expect, it } from "vitest";
import { publicCitation, reportPage, withMarkdownContents } from "./report-page.js";
import { selfContainedProblems } from "./self-contained-problems.js";
import { svgDotPlot } from "./svg-dot-plot.js";

const dots = svgDotPlot({
  title: "t",
  rows: ["a", "b"],
  series: [{ name: "deep", points: [{ value: 0.5, ci: [-9, 0.9] }, null] }],
  lines: [{ value: 0, label: "chance" }],
  domain: [-1, 1],
  ticks: [-1, 0, 1],
  format: (v) => v.toFixed(1),
  xLabel: "x",
});

describe("reportPage", () => {
  const html = reportPage({
    title: "Run <x>",
    facts: [["model", "<code>offline</code>"]],
    summary: { svg: dots, caption: "see https://example.org" },
    body: ["<h2>Details</h2>", "<p>a</p>", "<h2>Details</h2>", `<h2 id="kept">Kept <small>(n)</small></h2>`],
  });

  it("lists every section in the toc with a unique id, summary first", () => {
    const toc = html.slice(html.indexOf("<nav"), html.indexOf("</nav>"));
    expect([...toc.matchAll(/href="#([^"]+)">([^<]+)</g)].map((m) => [m[1], m[2]])).toEqual([
      ["summary", "Summary"],
      ["details", "Details"],
      ["details-2", "Details"],
      ["kept", "Kept"],
    ]);
    expect(html).toContain("<title>Run &lt;x&gt;</title>");
  });

  it("leaves no address in the page and passes the static check", () => {
    expect(html).not.toContain("://");
    expect(html).not.toContain("xmlns=");
    expect(html).toContain("https:&#47;&#47;example.org");
    expect(selfContainedProblems(html)).toEqual([]);
  });

  it("the dot plot clips an interval past the domain with an arrow and draws one dot per point", () => {
    expect(dots.match(/<circle cx="[\d.]+" cy="[\d.]+" r="3.5"/g)).toHaveLength(1);
    expect(dots.match(/<polygon points=/g)).toHaveLength(1); // the left arrow of [-9, 0.9]
  });
});

describe("selfContainedProblems", () => {
  it("finds what a browser would fetch or a reader could not follow; escaped text is fine", () => {
    const page = (body: string) => `<html><head><style>p{color:red}</style></head><body>${body}</body></html>`;
    expect(selfContainedProblems(page(`<p>&lt;img src=x&gt;</p><a href="#t">t</a><h2 id="t">t</h2>`))).toEqual([]);
    expect(selfContainedProblems(page(`<img src="x.png">`))).toEqual(["a <img> element", 'a src= attribute: src="x.png"']);
    expect(selfContainedProblems(page(`<a href="other.html">o</a>`))).toEqual(['a link out of the page: href="other.html"']);
    expect(selfContainedProblems(page(`<a href="#missing">o</a>`))).toEqual(['an anchor with no target: href="#missing"']);
    expect(selfContainedProblems(page(`<p style="background:url(x)">`))).toEqual(["a style url("]);
    expect(selfContainedProblems(page(`<svg><use href="//cdn/x"/></svg>`))).toContain("a <use> element");
    expect(selfContainedProblems(page("see ../shared/data/x.csv"))).toEqual(["a ../shared path a reader cannot open"]);
    expect(selfContainedProblems(`<style>@import "x.css";</style>`)).toEqual(["a css url( or @import"]);
    expect(selfContainedProblems(page("http://x"))[0]).toMatch(/^an address with "/);
  });

  it("publicCitation cuts local paths, keeps the citation", () => {
    expect(publicCitation("McCrae & Terracciano (2005). Cultures. JPSP 89(3) (../shared/data/big5/big5_apt.csv)")).toBe(
      "McCrae & Terracciano (2005). Cultures. JPSP 89(3)",
    );
    expect(publicCitation("WVS wave 7 (Haerpfer et al. 2022); aggregates from ../shared/data/wvs7_microdata_derived")).toBe(
      "WVS wave 7 (Haerpfer et al. 2022)",
    );
  });
});

describe("withMarkdownContents", () => {
  it("links every ## heading with GitHub's anchors, before the first heading", () => {
    const md = withMarkdownContents(
      "# T\n\n- fact\n\n## Paired contrasts: deep − other arm\n\n### sub\n\n## KEN (WVS-7 2021)\n\n## KEN (WVS-7 2021)\n",
    );
    expect(md).toBe(
      "# T\n\n- fact\n\n## Contents\n\n- [Paired contrasts: deep − other arm](#paired-contrasts-deep--other-arm)\n- [KEN (WVS-7 2021)](#ken-wvs-7-2021)\n- [KEN (WVS-7 2021)](#ken-wvs-7-2021-1)\n\n## Paired contrasts: deep − other arm\n\n### sub\n\n## KEN (WVS-7 2021)\n\n## KEN (WVS-7 2021)\n",
    );
  });
});
