// report.html of a discussion run on the one page shell (scenarios/report/report-page.ts): the
// run facts and moderator openings, a table of contents, the summary dot plot (mean change per
// arm × item and the treatment effects, each with its cluster-bootstrap 95% CI), then answer
// statuses, the change and effect tables, pre/post answer distributions per arm × item, caveats
// and transcript excerpts. every number comes from metrics.json as written; model text (turns,
// names, topic, messages) is escaped. pure and deterministic.
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import { HTML } from "../report/markup.js";
import { reportPage } from "../report/report-page.js";
import { dotDomain, svgDotPlot, type DotPoint } from "../report/svg-dot-plot.js";
import { shareAxis, svgGroupedBars } from "../survey/svg-grouped-bars.js";
import {
  armsText,
  designText,
  discussionTables,
  DISCUSSION_SYNTHETIC,
  excerptGroups,
  measuresText,
  type DiscussionReportInput,
} from "./discussion-report.js";
import type { DiscussionMetrics } from "./discussion-metrics.js";
import { moderatorMessage } from "./plan-discussion.js";

function discussionSummaryFigure(m: DiscussionMetrics): { svg: string; caption: string } {
  const rows: string[] = [];
  const change: (DotPoint | null)[] = [];
  const effect: (DotPoint | null)[] = [];
  const separators: number[] = [];
  for (const item of m.items) {
    separators.push(rows.length);
    for (const arm of m.arms) {
      const r = m.results[arm]?.[item.id];
      rows.push(`${item.id} · ${arm}: change`);
      change.push(r ? { value: r.mean_change, ci: r.ci95_change } : null);
      effect.push(null);
    }
    for (const [label, byItem] of Object.entries(m.effects)) {
      const e = byItem[item.id];
      if (!e) continue;
      rows.push(`${item.id} · ${label}`);
      change.push(null);
      effect.push({ value: e.estimate, ci: e.ci95 });
    }
  }
  const values = [...change, ...effect].flatMap((p) => (p ? [p.value, ...(p.ci ?? [])] : []));
  const domain = dotDomain(values, [0], [-9, 9]);
  const svg = svgDotPlot({
    title: "Opinion shift per arm and treatment effect (95% CI, groups resampled)",
    rows,
    series: [
      { name: "mean change post − pre", points: change },
      { name: "effect (difference of changes)", points: effect },
    ],
    lines: [{ value: 0, label: "no change" }],
    domain,
    format: (v) => v.toFixed(2),
    xLabel: "change in the item's answer codes (paired: personas answered before and after)",
    separators,
    width: 800,
  });
  const caption = `Per arm: the mean change of personas answered both times; per contrast: the difference of the arms' mean changes (treatment − control). Whiskers: estimate ± t(G − 1)·SE from a cluster bootstrap over groups (${m.bootstrap.replicates} replicates; metrics.json → results, effects) — the group is the unit of randomisation. An effect whose interval covers 0 is not distinguishable from no effect.`;
  return { svg, caption };
}

function distributionFigures(m: DiscussionMetrics): string[] {
  const out: string[] = [];
  for (const item of m.items) {
    for (const arm of m.arms) {
      const d = m.results[arm]?.[item.id]?.distribution;
      if (!d || d.codes.length === 0) continue;
      const axis = shareAxis(Math.max(0, ...d.pre, ...d.post));
      const title = `${item.id} · ${arm}: answers before and after`;
      const svg = svgGroupedBars({
        title,
        groups: d.codes.map(String),
        series: [
          { name: "pre", values: d.pre },
          { name: "post", values: d.post },
        ],
        yMax: axis.yMax,
        ticks: axis.ticks,
        format: (v) => `${Math.round(v * 100)}%`,
        height: 220,
      });
      out.push(
        `<figure class="chart" id="dist-${esc(item.id)}-${esc(arm)}">\n${svg}\n<figcaption>${esc(title)} (shares of ok answers of the paired personas)</figcaption>\n</figure>`,
      );
    }
  }
  return out;
}

export function discussionReportHtml(input: DiscussionReportInput, extra: { facts?: [string, string][] } = {}): string {
  const { metrics: m, spec } = input;
  const facts: [string, string][] = [
    ["topic", esc(spec.topic)],
    ["model", `<code>${esc(m.model)}</code>`],
    ["seed", esc(String(m.seed))],
    ["design", designText(m, spec)],
    ["arms (n)", esc(armsText(m))],
    ...m.arms.map((a): [string, string] => [`${a} opening`, `“${esc(moderatorMessage(spec, a))}”`]),
    ["measures", esc(measuresText(m))],
    ["post memory", m.design.post_memory === "transcript" ? "the group's transcript" : "none (noise floor)"],
    ...(extra.facts ?? []),
  ];
  const tables = discussionTables(m, HTML);
  const body: string[] = [
    "<h2>Answers</h2>",
    tables.answers,
    "<h2>Change per arm</h2>",
    `<p class="note">Means over personas with an ok answer both times (paired). 95% intervals: cluster bootstrap resampling groups, estimate ± t(G − 1)·SE; the persona-level interval ignores the clustering and is for comparison only. Read "changed" next to "chance" (the share that would move if post answers were independent redraws).</p>`,
    tables.change,
  ];
  if (tables.effects)
    body.push(
      "<h2>Treatment effects</h2>",
      `<p class="note">Difference of mean changes between arms; 95% CI = estimate ± t(0.975, G − 1)·SE (G = groups of the smaller arm). MDE: the smallest effect this design detects with 80% power; an effect smaller than its MDE is not evidence of no effect.</p>`,
      tables.effects,
    );
  body.push("<h2>Answers before and after</h2>", `<div class="charts small">`, ...distributionFigures(m), `</div>`);
  if (m.warnings.length) body.push("<h2>Caveats</h2>", `<ul>${m.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`);
  body.push("<h2>Transcript excerpts</h2>");
  for (const g of excerptGroups(input)) {
    body.push(
      `<h3>${esc(g.arm)}: group ${esc(g.group)} <small>(first ${g.turns.length} of ${g.total} turns)</small></h3>`,
      `<blockquote><strong>Moderator:</strong> ${esc(g.opening)}</blockquote>`,
    );
    for (const t of g.turns)
      body.push(
        `<blockquote><strong>${esc(t.speaker)}</strong> <small>(${esc(t.persona_id)}, round ${t.round})</small>: ${esc(t.text)}</blockquote>`,
      );
  }
  return reportPage({
    title: `Discussion experiment (${m.run_id})`,
    ...(m.synthetic ? { banner: DISCUSSION_SYNTHETIC } : {}),
    facts,
    summary: discussionSummaryFigure(m),
    body,
  });
}
