// the head of a survey report for item-distribution instruments (markdown and html): a "how to
// read this" paragraph, the fidelity table (each arm pooled and per country, with the floor and
// uniform scale), the paired contrasts of the focal arm (table + SVG forest plot), a heat map of
// the focal arm's fidelity items × countries, the subgroup gradients, and the country rank /
// spread ratios. every number with its 95% CI.
import type { ItemDistributionMetrics } from "./item-distribution-metrics.js";
import { fixed, inlineHtml, type Markup } from "../report/markup.js";
import { svgForestPlot, type ForestRow } from "./svg-forest-plot.js";
import { svgHeatMap } from "./svg-heat-map.js";

type Summary = { value: number | null; ci: [number, number] | null };

const withCi = (s: Summary | undefined) =>
  s && s.value !== null ? `${fixed(s.value)}${s.ci ? ` [${fixed(s.ci[0])}, ${fixed(s.ci[1])}]` : ""}` : "–";
type Cell = ItemDistributionMetrics["fidelity"]["cells"][string][string][string];
const weak = (c: Cell | undefined) => Boolean(c?.note);
const cellText = (c: Cell | undefined) => (weak(c) ? "n/d" : withCi(c?.fidelity));
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function howToRead(m: ItemDistributionMetrics): string {
  return `**How to read this.** Each arm's simulated answers are compared with the country's real WVS-7 answers. A distance alone has no scale, so every distance is placed between two benchmarks computed for the same number of respondents: the **floor** (how far ${"n"} real respondents drawn from the reference land by sampling noise alone) and **uniform** (how far n random answers land). **Fidelity** = (uniform − distance) / (uniform − floor): 1 means as close as a real sample of that size, 0 means no better than answering at random, negative means worse than random. It is averaged over KS, Wasserstein-1 and Jensen–Shannon distance (pooled as a ratio of sums, so items whose reference is itself nearly uniform weigh little). Brackets are 95% intervals that resample personas (the same resample for every arm, so arm differences are paired); their coverage was checked by simulation. An arm is called better than "${m.contrasts.focal}" (or worse) only when the interval of the paired difference excludes 0 — otherwise it is a tie. Matching marginals is not enough: the subgroup table checks real gradients (e.g. by education), the country rank asks whether the simulated population looks most like its own country among all ${m.country_rank[m.arms[0] as string]?.[m.countries[0] as string]?.of ?? "reference"} reference countries, and spread ratios below 1 flag collapsed variance.`;
}

/** "d · floor · uniform": the arm's mean JS distance between its two benchmarks */
function scaleText(m: ItemDistributionMetrics, arm: string): string {
  const js = m.countries.flatMap((c) =>
    Object.values(m.fidelity.cells[arm]?.[c] ?? {}).flatMap((cell) => (cell?.metrics.js_distance ? [cell.metrics.js_distance] : [])),
  );
  const avg = (k: "distance" | "floor" | "uniform") => fixed(mean(js.map((j) => j[k])), 3);
  return `${avg("distance")} · ${avg("floor")} · ${avg("uniform")}`;
}

type ContrastRow = { other: string; country: string; s: Summary & { verdict: string | null } };

function contrastRows(m: ItemDistributionMetrics): ContrastRow[] {
  const out: ContrastRow[] = [];
  for (const [other, c] of Object.entries(m.contrasts.arms)) {
    for (const country of m.countries) {
      const s = c.by_country[country];
      if (s) out.push({ other, country, s });
    }
    out.push({ other, country: "all", s: c.overall });
  }
  return out;
}

/** both reports' fidelity sections as blocks (report.md puts a blank line after each; report.html draws the contrasts and the item × country fidelity as figures) */
export function fidelitySections(m: ItemDistributionMetrics, x: Markup): string[] {
  const focal = m.contrasts.focal;
  const h2 = (text: string) => x.heading(2, text);
  const md = x.mdOnly;
  const sub: string[][] = [];
  for (const country of m.countries) {
    for (const [item, dims] of Object.entries(m.subgroups[focal]?.[country] ?? {})) {
      for (const [dim, g] of Object.entries(dims)) {
        if (g)
          sub.push([country, item, dim, `${g.contrast[1]} − ${g.contrast[0]}`, withCi(g.simulated), withCi(g.real), withCi(g.difference)]);
      }
    }
  }
  const subgroupRows = x.html ? 120 : 80;
  const ratio = (r: Record<string, number | null> | undefined) =>
    fixed(mean(Object.values(r ?? {}).filter((v): v is number => typeof v === "number")));
  const contrasts = contrastRows(m);
  const verdict = (v: string | null) => (v === "better" || v === "worse" ? `${focal} ${v}` : (v ?? "–"));
  const forest: ForestRow[] = contrasts.map((r) => ({
    label: `vs ${r.other} · ${r.country}`,
    value: r.s.value,
    ci: r.s.ci,
    pooled: r.country === "all",
  }));
  const blocks = [
    ...(x.html ? [`<p class="note">${inlineHtml(howToRead(m))}</p>`] : []),
    h2("Fidelity"),
    x.table(
      ["arm", "overall", ...m.countries.map(x.text), "JS distance d · floor · uniform (mean)"],
      m.arms.map((arm) => {
        const p = m.fidelity.pooled[arm];
        return [x.text(arm), withCi(p?.overall), ...m.countries.map((c) => withCi(p?.by_country[c])), scaleText(m, arm)];
      }),
    ),
    ...md(
      "Fidelity 1 = as close as real respondents of the same n; 0 = uniform random answers. The last column puts the mean JS distance between its floor and its uniform level.",
    ),
    ...(contrasts.length === 0
      ? []
      : [
          h2(`Paired contrasts: ${focal} − other arm${x.html ? "" : " (fidelity)"}`),
          x.html
            ? `<figure class="chart">${svgForestPlot({ title: `fidelity(${focal}) − fidelity(other), 95% CI`, rows: forest, xLabel: `> 0: ${focal} closer to the real answers` })}<figcaption>Squares: per country; diamonds: pooled. Coloured when the 95% interval excludes 0 (a decided difference); grey = tie.</figcaption></figure>`
            : x.table(
                ["other arm", "country", `${focal} − other [95% CI]`, "verdict"],
                contrasts.map((r) => [r.other, r.country, withCi(r.s), verdict(r.s.verdict)]),
              ),
          ...md("Positive: the focal arm is closer to the real answers. A verdict other than tie needs a 95% interval that excludes 0."),
        ]),
    h2(`Fidelity of ${focal} by item and country`),
    x.html
      ? `<figure class="chart">${svgHeatMap({
          title: `fidelity of ${focal} (95% CI)`,
          rows: m.items,
          columns: m.countries,
          cells: m.items.map((i) =>
            m.countries.map((c) => {
              const cell = m.fidelity.cells[focal]?.[c]?.[i];
              return weak(cell) || !cell ? { value: null, ci: null } : cell.fidelity;
            }),
          ),
        })}<figcaption>Blue = as close as real respondents (1), white = halfway, red = no better than uniform answers (≤ 0); grey = no estimate or n/d (the reference is too close to uniform to tell fidelity from chance at this n).</figcaption></figure>`
      : x.table(
          ["item", ...m.countries],
          m.items.map((item) => [item, ...m.countries.map((c) => cellText(m.fidelity.cells[focal]?.[c]?.[item]))]),
        ),
    ...md(
      "n/d: the reference is so close to uniform that uniform answers sit within sampling noise of the floor — this item cannot tell fidelity from chance at this n (it weighs little in the pooled score).",
    ),
    ...(sub.length === 0
      ? []
      : [
          h2(`Subgroup gradients (${focal})`),
          ...md(
            "Difference in the mean answer code between two levels of a demographic, among the simulated personas and in the real WVS-7 conditional reference. A faithful simulation reproduces the real gradient: difference ≈ 0.",
          ),
          x.table(
            ["country", "item", "dimension", "contrast", "simulated [95% CI]", "real [95% CI]", "simulated − real [95% CI]"],
            sub.slice(0, subgroupRows).map((r) => r.map(x.text)),
          ),
          ...(sub.length > subgroupRows ? md(`(${sub.length - subgroupRows} more rows in metrics.json → subgroups)`) : []),
        ]),
    h2("Country recognisability and spread"),
    x.table(
      [
        "arm",
        "country",
        x.html ? "rank of own country" : "rank of own country (of N)",
        x.html ? "nearest" : "nearest countries",
        "mean SD ratio",
        "mean entropy ratio",
      ],
      m.arms.flatMap((arm) =>
        m.countries.map((c) => {
          const r = m.country_rank[arm]?.[c];
          return [
            x.text(arm),
            x.text(c),
            r ? `${r.rank ?? "–"} of ${r.of}` : "–",
            x.text(r ? r.nearest.map((n) => n.country).join(", ") : "–"),
            ratio(m.sd_ratio[arm]?.[c]),
            ratio(m.entropy_ratio[arm]?.[c]),
          ];
        }),
      ),
    ),
    ...md(
      `Rank 1 = the simulated answers are closer (mean JS distance) to the target country's reference than to any other country's. SD and entropy ratios: simulated / real; below 1 = answers less spread than real people's. Country-mean correlation across the ${m.countries.length} countries: ${m.arms.map((a) => `${a} ${fixed(m.country_mean_correlation[a]?.mean)}`).join(", ")} (needs ≥ 3 countries).`,
    ),
  ];
  return x.blocks(blocks);
}
