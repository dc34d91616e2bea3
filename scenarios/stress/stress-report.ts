// report.md and report.html of a stress test. both: the settings, results per category (any-failure
// rate, each dimension's failure rate, mean helpfulness, with 95% intervals), label rates per
// dimension, disparities between persona segments, rates per segment, and example transcripts per
// failure label; runs with an offline model in any role carry a synthetic banner. report.md adds
// the worst categories; report.html sits on the one page shell (scenarios/report/report-page.ts)
// with a table of contents and the summary dot plot (failure rates per probe category with
// persona-bootstrap 95% CIs). every number comes from metrics.json as written; model text (turns,
// judge reasons) is escaped in the html. pure and deterministic.
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import { HTML, MARKDOWN, type Markup } from "../report/markup.js";
import { reportPage } from "../report/report-page.js";
import { dotTicks, svgDotPlot } from "../report/svg-dot-plot.js";
import { failureExampleGroups, failureExamples, type FailureExamplesInput } from "./failure-examples.js";
import { num, numCi, pct, pctCi, pointsText, rateText } from "./report-format.js";
import { DIMENSIONS, RUBRIC_DIMENSIONS, dimensionLabels } from "./rubric-dimensions.js";
import type { ScopeStats, StressMetrics } from "./stress-metrics.js";

/** the synthetic-run banner (markdown; the html page renders the same line) */
function stressSynthetic(s: StressMetrics["synthetic"]): string {
  const roles = (["users", "target", "judge"] as const).filter((r) => s[r]);
  return `**Synthetic run.** The ${roles.join(", ")} ${roles.length === 1 ? "role was" : "roles were"} played by the built-in offline model: placeholder output for trying the tool, not a finding about any assistant. Pass real models with --model, --target and --judge.`;
}

/** "KEN 4, IND 4": personas per country */
const countriesText = (m: StressMetrics) =>
  Object.entries(m.segments.country ?? {})
    .map(([c, s]) => `${c} ${s.personas}`)
    .join(", ");

/** the run facts both reports state in the same words */
function stressFacts(m: StressMetrics, x: Markup) {
  return {
    target: `${x.code(m.models.target)}, system prompt ${x.text(m.target_system.source)} (${m.target_system.chars} characters, hash ${x.text(m.target_system.hash)}); it never sees the persona`,
    probes: `${m.probes.length} from ${x.text(m.probe_set)} in ${Object.keys(m.categories).length} categories; ${m.turns} user turn${m.turns === 1 ? "" : "s"} per conversation`,
    prompts: x.text(`${m.prompt_versions.user} · ${m.prompt_versions.target} · ${m.prompt_versions.judge}`),
    conversations: `${m.counts.conversations}; judged ok: ${m.counts.judged_ok}; judge output invalid: ${m.counts.judged_invalid} (excluded from the rates)`,
  };
}

export function stressReport(m: StressMetrics, data: FailureExamplesInput): string {
  const facts = stressFacts(m, MARKDOWN);
  const head = [
    `# Alignment stress test of \`${m.models.target}\` (${m.run_id})`,
    ...(m.synthetic.any ? [`> ${stressSynthetic(m.synthetic)}`] : []),
    [
      `- target: ${facts.target}`,
      `- users: persona agents on \`${m.models.users}\` (${countriesText(m)}); judge: \`${m.models.judge}\``,
      `- probes: ${facts.probes}; seed ${String(m.seed)}`,
      `- prompts: ${facts.prompts}`,
      `- conversations: ${facts.conversations}`,
    ].join("\n"),
    `Rates are shares of judged conversations. 95% intervals: percentile bootstrap with ${m.bootstrap.replicates} replicates that resample personas (a persona's conversations move together). "Any failure" counts a conversation once if any of refusal, safety, sycophancy or respect got a failure label; helpfulness (1–5) is reported as a mean and its failure labels are 1–2.`,
  ];
  return `${[...head, ...stressSections(m, data, MARKDOWN)]
    .join("\n\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/** the detail sections of both reports as blocks (report.md: a blank line between blocks; report.html: a newline); html shows every dimension's failure rate per segment too */
function stressSections(m: StressMetrics, data: FailureExamplesInput, x: Markup): string[] {
  const rate = (r: Parameters<typeof rateText>[0]) => rateText(r, x.ci);
  const help = (s: ScopeStats) =>
    s.helpfulness_mean?.mean == null
      ? "–"
      : `${num(s.helpfulness_mean.mean)}${s.helpfulness_mean.ci95 ? ` ${x.ci(numCi(s.helpfulness_mean.ci95))}` : ""}`;
  const failures = (s: ScopeStats) => RUBRIC_DIMENSIONS.map((d) => rate(s.dimensions[d]?.failure));
  const failureHeads = RUBRIC_DIMENSIONS.map((d) => `${d} failure`);
  const disparities = (ds: StressMetrics["disparities"]["flagged"]) =>
    x.table(
      [
        "segment",
        "value",
        "scope",
        "indicator",
        "rate [Wilson] (n)",
        "rest [Wilson] (n)",
        "raw difference",
        "adjusted difference [95% CI]",
        "BH q",
      ],
      ds.map((d) => [
        x.text(d.segment),
        x.text(d.value),
        x.text(d.scope),
        d.indicator === "any" ? "any failure" : `${x.text(d.indicator)} failure`,
        `${pct(d.rate)} ${x.ci(pctCi(d.wilson95))} (${d.n}, ${d.personas} personas)`,
        `${pct(d.rate_rest)} ${x.ci(pctCi(d.wilson95_rest))} (${d.n_rest}, ${d.personas_rest} personas)`,
        pointsText(d.diff),
        `${pointsText(d.diff_adjusted)} ${x.ci(pctCi(d.ci95))}`.trim(),
        d.q_value === null ? "–" : d.q_value.toFixed(3),
      ]),
    );
  const any = x.html ? "any failure [95% CI]" : "any failure";
  const h = x.heading;
  const p = (text: string, className?: string) => (x.html ? `<p${className ? ` class="${className}"` : ""}>${text}</p>` : text);
  const d = m.disparities;
  return [
    h(2, "Results by category"),
    x.table(
      ["category", "judged", "invalid", any, ...failureHeads, x.html ? "helpfulness (1–5)" : "helpfulness"],
      [
        [
          x.strong("all"),
          m.overall.conversations,
          m.counts.judged_invalid,
          rate(m.overall.any_failure),
          ...failures(m.overall),
          help(m.overall),
        ],
        ...Object.entries(m.categories).map(([id, s]) => [
          x.html ? `${x.text(id)} <small>${x.text(s.title)}</small>` : id,
          s.conversations,
          s.invalid,
          rate(s.any_failure),
          ...failures(s),
          help(s),
        ]),
      ],
    ),
    ...(x.html ? [] : [h(2, "Worst categories"), worstCategories(m)]),
    h(2, "Label rates"),
    // per rubric dimension with a label in any scope: the rate of each label per category
    ...RUBRIC_DIMENSIONS.flatMap((dim) => {
      const rows = [["all", m.overall] as const, ...Object.entries(m.categories)].filter(([, s]) => s.dimensions[dim]);
      const labels = dimensionLabels(dim);
      if (rows.length === 0) return [];
      return [
        h(3, dim),
        x.table(
          ["category", "n", ...labels.map(x.text)],
          rows.map(([id, s]) => [x.text(id), s.dimensions[dim]?.n ?? 0, ...labels.map((l) => rate(s.dimensions[dim]?.labels[l]))]),
        ),
      ];
    }),
    h(2, "Disparities between persona segments"),
    x.html
      ? `<p class="note">Each segment value against all other personas, per scope and failure indicator, tested with at least ${d.min_n} judged conversations from ${d.min_personas} personas a side; the adjusted difference compares like with like (within probe and country, Cochran–Mantel–Haenszel weights), its 95% interval resamples personas; flagged: Benjamini–Hochberg q ≤ ${d.fdr} within each segment kind. ${d.tested} comparisons tested.</p>`
      : `Each segment value (country, sex, age group, religion, education level, from the persona's census anchors) against all other personas, per scope (all probes or one category) and failure indicator; a comparison is tested only with at least ${d.min_n} judged conversations from at least ${d.min_personas} personas on each side. The adjusted difference compares like with like: within each probe (and each country, for segments other than country), combined with Cochran–Mantel–Haenszel weights; its 95% interval resamples personas. Flagged: Benjamini–Hochberg q ≤ ${d.fdr} within each segment kind. ${d.tested} comparisons were tested (${Object.entries(
          d.families,
        )
          .map(([k, f]) => `${k} ${f.tests}`)
          .join(", ")}). Raw rates carry Wilson intervals.`,
    ...(d.flagged.length > 0
      ? [p(`${d.flagged.length} flagged; the largest:`, "flag"), disparities(d.flagged.slice(0, 15))]
      : [
          p("None flagged."),
          ...(d.largest.length > 0
            ? [p("Largest adjusted differences (none survives the false-discovery control):"), disparities(d.largest.slice(0, 5))]
            : []),
        ]),
    h(2, x.html ? "Rates per persona segment" : "Segments"),
    ...Object.entries(m.segments).flatMap(([kind, values]) => [
      h(3, kind),
      x.table(
        [x.text(kind), "personas", "judged", any, ...(x.html ? failureHeads : []), "helpfulness"],
        Object.entries(values).map(([value, s]) => [
          x.text(value),
          s.personas,
          s.overall.conversations,
          rate(s.overall.any_failure),
          ...(x.html ? failures(s.overall) : []),
          help(s.overall),
        ]),
      ),
    ]),
    h(2, "Example transcripts by failure label"),
    ...(x.html ? failureExamplesHtml(data) : [failureExamples(data).join("\n")]),
  ];
}

/** report.md's three worst categories, each with its most common failure label */
function worstCategories(m: StressMetrics): string {
  const out: string[] = [];
  for (const w of m.worst_categories.slice(0, 3)) {
    const s = m.categories[w.category];
    if (!s || w.rate === null) continue;
    const top = Object.entries(s.dimensions)
      .flatMap(([d, v]) =>
        DIMENSIONS[d as keyof typeof DIMENSIONS].failures.map((l) => ({ tag: `${d} = ${l}`, rate: v.labels[l]?.rate ?? 0 })),
      )
      .sort((a, b) => b.rate - a.rate)[0];
    out.push(
      `- **${w.category}** (${s.title}): any failure ${rateText(s.any_failure)}${top && top.rate > 0 ? `; most common: ${top.tag} (${pct(top.rate)})` : ""}`,
    );
  }
  return out.join("\n");
}

/** report.html's example transcripts: per failure label a collapsed list of conversations with the judge's reason */
function failureExamplesHtml(data: FailureExamplesInput): string[] {
  const groups = failureExampleGroups(data);
  if (groups.length === 0) return ["<p>No failure labels were given.</p>"];
  return groups.flatMap((g) => [
    `<details>\n<summary>${esc(g.dimension)} = ${esc(g.label)} (${g.count} conversation${g.count === 1 ? "" : "s"})</summary>`,
    ...g.examples.flatMap((e) => [
      `<p><strong>${esc(e.judgement.persona_id)}</strong> (${esc(e.who)}) · probe <code>${esc(e.judgement.probe_id)}</code> (${esc(e.judgement.category)})<br>Judge: ${esc(e.reason)}</p>`,
      ...e.turns.map(
        (t) => `<blockquote><strong>${t.role === "user" ? "User" : "Assistant"}:</strong> ${esc(t.text) || "(empty)"}</blockquote>`,
      ),
    ]),
    "</details>",
  ]);
}

function stressSummaryFigure(m: StressMetrics): { svg: string; caption: string } {
  const scopes: [string, ScopeStats][] = [["all categories", m.overall], ...Object.entries(m.categories)];
  const point = (r: { rate: number | null; ci95: [number, number] | null } | undefined) =>
    r && r.rate !== null ? { value: r.rate, ci: r.ci95 } : null;
  const series = [
    { name: "any failure", points: scopes.map(([, s]) => point(s.any_failure)) },
    ...RUBRIC_DIMENSIONS.map((d) => ({ name: d, points: scopes.map(([, s]) => point(s.dimensions[d]?.failure)) })),
  ];
  const domain: [number, number] = [0, 1];
  const svg = svgDotPlot({
    title: `Failure rates per probe category (95% CI, personas resampled)`,
    rows: scopes.map(([id, s]) => `${id} (n=${s.conversations})`),
    series,
    domain,
    ticks: dotTicks(domain).filter((t) => t >= 0 && t <= 1),
    format: (v) => `${Math.round(v * 100)}%`,
    xLabel: "share of judged conversations with a failure label",
    separators: [1],
    width: 800,
  });
  const caption = `Share of judged conversations with a failure label: any of refusal, safety, sycophancy or respect ("any failure"), and each rubric dimension's failure labels (helpfulness: 1–2 of 5). Whiskers: percentile bootstrap with ${m.bootstrap.replicates} replicates resampling personas (metrics.json → categories, overall).`;
  return { svg, caption };
}

export function stressReportHtml(m: StressMetrics, data: FailureExamplesInput, extra: { facts?: [string, string][] } = {}): string {
  const f = stressFacts(m, HTML);
  const facts: [string, string][] = [
    ["target", f.target],
    ["users", `persona agents on ${HTML.code(m.models.users)}`],
    ["judge", HTML.code(m.models.judge)],
    ["personas (n)", esc(countriesText(m))],
    ["probes", f.probes],
    ["seed", esc(String(m.seed))],
    ["prompts", f.prompts],
    ["conversations", f.conversations],
    ...(extra.facts ?? []),
  ];
  return reportPage({
    title: `Alignment stress test of ${m.models.target} (${m.run_id})`,
    ...(m.synthetic.any ? { banner: stressSynthetic(m.synthetic) } : {}),
    facts,
    summary: stressSummaryFigure(m),
    body: stressSections(m, data, HTML),
  });
}
