// the head of a survey report for item-distribution instruments (markdown and html): a "how to
// read this" paragraph, the fidelity table (each arm pooled and per country, with the floor and
// uniform scale), the paired contrasts of the focal arm (table + SVG forest plot), a heat map of
// the focal arm's fidelity items × countries, the subgroup gradients, and the country rank /
// spread ratios. every number with its 95% CI.
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import { esc, htmlTable } from "./html-table.js";
import { svgForestPlot, type ForestRow } from "./svg-forest-plot.js";
import { svgHeatMap } from "./svg-heat-map.js";

type Summary = { value: number | null; ci: [number, number] | null };

const f2 = (x: number | null | undefined) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(2) : "–");
const f3 = (x: number | null | undefined) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(3) : "–");
const withCi = (s: Summary | undefined) =>
  s && s.value !== null ? `${f2(s.value)}${s.ci ? ` [${f2(s.ci[0])}, ${f2(s.ci[1])}]` : ""}` : "–";
const row = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
const rule = (k: number) => `|${" --- |".repeat(k)}`;
type Cell = ItemDistributionMetrics["fidelity"]["cells"][string][string][string];
const weak = (c: Cell | undefined) => Boolean(c?.note);
const cellText = (c: Cell | undefined) => (weak(c) ? "n/d" : withCi(c?.fidelity));
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function howToRead(m: ItemDistributionMetrics): string {
  return `**How to read this.** Each arm's simulated answers are compared with the country's real WVS-7 answers. A distance alone has no scale, so every distance is placed between two benchmarks computed for the same number of respondents: the **floor** (how far ${"n"} real respondents drawn from the reference land by sampling noise alone) and **uniform** (how far n random answers land). **Fidelity** = (uniform − distance) / (uniform − floor): 1 means as close as a real sample of that size, 0 means no better than answering at random, negative means worse than random. It is averaged over KS, Wasserstein-1 and Jensen–Shannon distance (pooled as a ratio of sums, so items whose reference is itself nearly uniform weigh little). Brackets are 95% intervals that resample personas (the same resample for every arm, so arm differences are paired); their coverage was checked by simulation. An arm is called better than "${m.contrasts.focal}" (or worse) only when the interval of the paired difference excludes 0 — otherwise it is a tie. Matching marginals is not enough: the subgroup table checks real gradients (e.g. by education), the country rank asks whether the simulated population looks most like its own country among all ${m.country_rank[m.arms[0] as string]?.[m.countries[0] as string]?.of ?? "reference"} reference countries, and spread ratios below 1 flag collapsed variance.`;
}

function scaleOf(m: ItemDistributionMetrics, arm: string): { d: number | null; floor: number | null; uniform: number | null } {
  const d: number[] = [];
  const fl: number[] = [];
  const un: number[] = [];
  for (const c of m.countries) {
    for (const cell of Object.values(m.fidelity.cells[arm]?.[c] ?? {})) {
      const js = cell?.metrics.js_distance;
      if (!js) continue;
      d.push(js.distance);
      fl.push(js.floor);
      un.push(js.uniform);
    }
  }
  return { d: mean(d), floor: mean(fl), uniform: mean(un) };
}

function contrastRows(m: ItemDistributionMetrics): { other: string; country: string; s: Summary & { verdict: string | null } }[] {
  const out: { other: string; country: string; s: Summary & { verdict: string | null } }[] = [];
  for (const [other, c] of Object.entries(m.contrasts.arms)) {
    for (const country of m.countries) {
      const s = c.by_country[country];
      if (s) out.push({ other, country, s });
    }
    out.push({ other, country: "all", s: c.overall });
  }
  return out;
}

export function fidelitySectionsMd(m: ItemDistributionMetrics): string[] {
  const out: string[] = [
    "## Fidelity",
    "",
    row(["arm", "overall", ...m.countries, "JS distance d · floor · uniform (mean)"]),
    rule(m.countries.length + 3),
  ];
  for (const arm of m.arms) {
    const p = m.fidelity.pooled[arm];
    const s = scaleOf(m, arm);
    out.push(
      row([arm, withCi(p?.overall), ...m.countries.map((c) => withCi(p?.by_country[c])), `${f3(s.d)} · ${f3(s.floor)} · ${f3(s.uniform)}`]),
    );
  }
  out.push(
    "",
    "Fidelity 1 = as close as real respondents of the same n; 0 = uniform random answers. The last column puts the mean JS distance between its floor and its uniform level.",
    "",
  );
  const contrasts = contrastRows(m);
  if (contrasts.length) {
    out.push(
      `## Paired contrasts: ${m.contrasts.focal} − other arm (fidelity)`,
      "",
      row(["other arm", "country", `${m.contrasts.focal} − other [95% CI]`, "verdict"]),
      rule(4),
    );
    for (const r of contrasts)
      out.push(
        row([
          r.other,
          r.country,
          withCi(r.s),
          r.s.verdict === "better"
            ? `${m.contrasts.focal} better`
            : r.s.verdict === "worse"
              ? `${m.contrasts.focal} worse`
              : (r.s.verdict ?? "–"),
        ]),
      );
    out.push(
      "",
      "Positive: the focal arm is closer to the real answers. A verdict other than tie needs a 95% interval that excludes 0.",
      "",
    );
  }
  const focal = m.contrasts.focal;
  out.push(`## Fidelity of ${focal} by item and country`, "", row(["item", ...m.countries]), rule(m.countries.length + 1));
  for (const item of m.items) out.push(row([item, ...m.countries.map((c) => cellText(m.fidelity.cells[focal]?.[c]?.[item]))]));
  out.push(
    "",
    "n/d: the reference is so close to uniform that uniform answers sit within sampling noise of the floor — this item cannot tell fidelity from chance at this n (it weighs little in the pooled score).",
    "",
  );
  out.push(...subgroupMd(m), ...rankMd(m));
  return out;
}

function subgroupRows(m: ItemDistributionMetrics): string[][] {
  const focal = m.contrasts.focal;
  const rows: string[][] = [];
  for (const country of m.countries) {
    for (const [item, dims] of Object.entries(m.subgroups[focal]?.[country] ?? {})) {
      for (const [dim, g] of Object.entries(dims)) {
        if (!g) continue;
        rows.push([country, item, dim, `${g.contrast[1]} − ${g.contrast[0]}`, withCi(g.simulated), withCi(g.real), withCi(g.difference)]);
      }
    }
  }
  return rows;
}

function subgroupMd(m: ItemDistributionMetrics): string[] {
  const rows = subgroupRows(m);
  if (!rows.length) return [];
  const shown = rows.slice(0, 80);
  return [
    `## Subgroup gradients (${m.contrasts.focal})`,
    "",
    "Difference in the mean answer code between two levels of a demographic, among the simulated personas and in the real WVS-7 conditional reference. A faithful simulation reproduces the real gradient: difference ≈ 0.",
    "",
    row(["country", "item", "dimension", "contrast", "simulated [95% CI]", "real [95% CI]", "simulated − real [95% CI]"]),
    rule(7),
    ...shown.map(row),
    ...(rows.length > shown.length ? ["", `(${rows.length - shown.length} more rows in metrics.json → subgroups)`] : []),
    "",
  ];
}

function rankMd(m: ItemDistributionMetrics): string[] {
  const out = [
    "## Country recognisability and spread",
    "",
    row(["arm", "country", "rank of own country (of N)", "nearest countries", "mean SD ratio", "mean entropy ratio"]),
    rule(6),
  ];
  for (const arm of m.arms) {
    for (const c of m.countries) {
      const r = m.country_rank[arm]?.[c];
      const sd = mean(Object.values(m.sd_ratio[arm]?.[c] ?? {}).filter((x): x is number => typeof x === "number"));
      const en = mean(Object.values(m.entropy_ratio[arm]?.[c] ?? {}).filter((x): x is number => typeof x === "number"));
      out.push(
        row([arm, c, r ? `${r.rank ?? "–"} of ${r.of}` : "–", r ? r.nearest.map((x) => x.country).join(", ") : "–", f2(sd), f2(en)]),
      );
    }
  }
  out.push(
    "",
    `Rank 1 = the simulated answers are closer (mean JS distance) to the target country's reference than to any other country's. SD and entropy ratios: simulated / real; below 1 = answers less spread than real people's. Country-mean correlation across the ${m.countries.length} countries: ${m.arms.map((a) => `${a} ${f2(m.country_mean_correlation[a]?.mean)}`).join(", ")} (needs ≥ 3 countries).`,
    "",
  );
  return out;
}

export function fidelitySectionsHtml(m: ItemDistributionMetrics): string[] {
  const cell = (s: Summary | undefined) => esc(withCi(s));
  const out: string[] = [`<p class="note">${esc(howToRead(m)).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")}</p>`, "<h2>Fidelity</h2>"];
  out.push(
    htmlTable(
      ["arm", "overall", ...m.countries.map(esc), "JS distance d · floor · uniform (mean)"],
      m.arms.map((arm) => {
        const p = m.fidelity.pooled[arm];
        const s = scaleOf(m, arm);
        return [
          esc(arm),
          cell(p?.overall),
          ...m.countries.map((c) => cell(p?.by_country[c])),
          `${f3(s.d)} · ${f3(s.floor)} · ${f3(s.uniform)}`,
        ];
      }),
    ),
  );
  const contrasts = contrastRows(m);
  if (contrasts.length) {
    const rows: ForestRow[] = contrasts.map((r) => ({
      label: `vs ${r.other} · ${r.country}`,
      value: r.s.value,
      ci: r.s.ci,
      pooled: r.country === "all",
    }));
    out.push(
      `<h2>Paired contrasts: ${esc(m.contrasts.focal)} − other arm</h2>`,
      `<figure class="chart">${svgForestPlot({ title: `fidelity(${m.contrasts.focal}) − fidelity(other), 95% CI`, rows, xLabel: `> 0: ${m.contrasts.focal} closer to the real answers` })}<figcaption>Squares: per country; diamonds: pooled. Coloured when the 95% interval excludes 0 (a decided difference); grey = tie.</figcaption></figure>`,
    );
  }
  const focal = m.contrasts.focal;
  out.push(
    `<h2>Fidelity of ${esc(focal)} by item and country</h2>`,
    `<figure class="chart">${svgHeatMap({
      title: `fidelity of ${focal} (95% CI)`,
      rows: m.items,
      columns: m.countries,
      cells: m.items.map((i) =>
        m.countries.map((c) => {
          const x = m.fidelity.cells[focal]?.[c]?.[i];
          return weak(x) || !x ? { value: null, ci: null } : x.fidelity;
        }),
      ),
    })}<figcaption>Blue = as close as real respondents (1), white = halfway, red = no better than uniform answers (≤ 0); grey = no estimate or n/d (the reference is too close to uniform to tell fidelity from chance at this n).</figcaption></figure>`,
  );
  const sub = subgroupRows(m);
  if (sub.length)
    out.push(
      `<h2>Subgroup gradients (${esc(focal)})</h2>`,
      htmlTable(
        ["country", "item", "dimension", "contrast", "simulated [95% CI]", "real [95% CI]", "simulated − real [95% CI]"],
        sub.slice(0, 120).map((r) => r.map(esc)),
      ),
    );
  out.push(
    "<h2>Country recognisability and spread</h2>",
    htmlTable(
      ["arm", "country", "rank of own country", "nearest", "mean SD ratio", "mean entropy ratio"],
      m.arms.flatMap((arm) =>
        m.countries.map((c) => {
          const r = m.country_rank[arm]?.[c];
          const sd = mean(Object.values(m.sd_ratio[arm]?.[c] ?? {}).filter((x): x is number => typeof x === "number"));
          const en = mean(Object.values(m.entropy_ratio[arm]?.[c] ?? {}).filter((x): x is number => typeof x === "number"));
          return [
            esc(arm),
            esc(c),
            r ? `${r.rank ?? "–"} of ${r.of}` : "–",
            esc(r ? r.nearest.map((x) => x.country).join(", ") : "–"),
            f2(sd),
            f2(en),
          ];
        }),
      ),
    ),
  );
  return out;
}
