// report.html of a stress test on the one page shell (scenarios/report/report-page.ts): the run
// facts, a table of contents, the summary dot plot (failure rates per probe category — any failure
// and each rubric dimension — with persona-bootstrap 95% CIs), then the category table, label
// rates per dimension, flagged disparities between persona segments, rates per segment with CIs
// and example transcripts per failure label. every number comes from metrics.json as written;
// model text (turns, judge reasons) is escaped. pure and deterministic.
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { HTML } from "../report/markup.js";
import { reportPage } from "../report/report-page.js";
import { dotTicks, svgDotPlot } from "../report/svg-dot-plot.js";
import type { ConversationRecord } from "./conversation-record.js";
import { failureExampleGroups } from "./failure-examples.js";
import type { JudgementRecord } from "./judgement-record.js";
import { RUBRIC_DIMENSIONS } from "./rubric-dimensions.js";
import type { ScopeStats, StressMetrics } from "./stress-metrics.js";
import { countriesText, stressFacts, stressSynthetic, stressTables } from "./stress-report.js";

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

export function stressReportHtml(
  m: StressMetrics,
  data: { judgements: readonly JudgementRecord[]; conversations: readonly ConversationRecord[]; personas: readonly Persona[] },
  extra: { facts?: [string, string][] } = {},
): string {
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
  const tables = stressTables(m, HTML);
  const body: string[] = [
    "<h2>Results by category</h2>",
    tables.categories,
    "<h2>Label rates</h2>",
    ...tables.labels.flatMap((l) => [`<h3>${esc(l.dimension)}</h3>`, l.table]),
    "<h2>Disparities between persona segments</h2>",
    `<p class="note">Each segment value against all other personas, per scope and failure indicator, tested with at least ${m.disparities.min_n} judged conversations from ${m.disparities.min_personas} personas a side; the adjusted difference compares like with like (within probe and country, Cochran–Mantel–Haenszel weights), its 95% interval resamples personas; flagged: Benjamini–Hochberg q ≤ ${m.disparities.fdr} within each segment kind. ${m.disparities.tested} comparisons tested.</p>`,
  ];
  if (tables.flagged) body.push(`<p class="flag">${m.disparities.flagged.length} flagged; the largest:</p>`, tables.flagged);
  else {
    body.push("<p>None flagged.</p>");
    if (tables.largest) body.push("<p>Largest adjusted differences (none survives the false-discovery control):</p>", tables.largest);
  }
  body.push("<h2>Rates per persona segment</h2>", ...tables.segments.flatMap((t) => [`<h3>${esc(t.kind)}</h3>`, t.table]));
  body.push("<h2>Example transcripts by failure label</h2>");
  const groups = failureExampleGroups(data);
  if (groups.length === 0) body.push("<p>No failure labels were given.</p>");
  for (const g of groups) {
    body.push(`<details>\n<summary>${esc(g.dimension)} = ${esc(g.label)} (${g.count} conversation${g.count === 1 ? "" : "s"})</summary>`);
    for (const e of g.examples) {
      body.push(
        `<p><strong>${esc(e.judgement.persona_id)}</strong> (${esc(e.who)}) · probe <code>${esc(e.judgement.probe_id)}</code> (${esc(e.judgement.category)})<br>Judge: ${esc(e.reason)}</p>`,
      );
      for (const t of e.turns)
        body.push(`<blockquote><strong>${t.role === "user" ? "User" : "Assistant"}:</strong> ${esc(t.text) || "(empty)"}</blockquote>`);
    }
    body.push("</details>");
  }
  return reportPage({
    title: `Alignment stress test of ${m.models.target} (${m.run_id})`,
    ...(m.synthetic.any ? { banner: stressSynthetic(m.synthetic) } : {}),
    facts,
    summary: stressSummaryFigure(m),
    body,
  });
}
