// report.html of a discussion run on the one page shell (scenarios/report/report-page.ts): the
// run facts and moderator openings, a table of contents, the summary dot plot (mean change per
// arm × item and the treatment effects, each with its cluster-bootstrap 95% CI), then answer
// statuses, the change and effect tables, pre/post answer distributions per arm × item, caveats
// and transcript excerpts. every number comes from metrics.json as written; model text (turns,
// names, topic, messages) is escaped. pure and deterministic.
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import { reportPage } from "../report/report-page.js";
import { dotDomain, dotTicks, svgDotPlot, type DotPoint } from "../report/svg-dot-plot.js";
import { htmlTable } from "../survey/html-table.js";
import { shareAxis, svgGroupedBars } from "../survey/svg-grouped-bars.js";
import { excerptGroups, type DiscussionReportInput } from "./discussion-report.js";
import type { DiscussionMetrics } from "./discussion-metrics.js";
import { moderatorMessage } from "./plan-discussion.js";

export const DISCUSSION_SYNTHETIC_HTML_BANNER =
  "<strong>Synthetic run.</strong> Every turn and every answer came from the built-in offline model: placeholder output for trying the tool, not a simulation result. Use <code>--model openai:&lt;model&gt;</code> for real discussions.";

const n2 = (x: number | null | undefined, d = 2) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");
const signed = (x: number | null | undefined) => (typeof x === "number" && Number.isFinite(x) ? `${x > 0 ? "+" : ""}${x.toFixed(2)}` : "–");
const ci = (iv: [number, number] | null | undefined) => (iv ? `<span class="ci">[${n2(iv[0])}, ${n2(iv[1])}]</span>` : "–");
const pct = (x: number | null | undefined) => (typeof x === "number" ? `${Math.round(x * 100)}%` : "–");

export function discussionSummaryFigure(m: DiscussionMetrics): { svg: string; caption: string } {
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
    ticks: dotTicks(domain),
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
    [
      "design",
      `groups of ${m.design.group_size} (same country), ${m.design.rounds} round${m.design.rounds === 1 ? "" : "s"}, turns of at most ${spec.turnWords} words`,
    ],
    ["arms (n)", esc(m.arms.map((a) => `${a} ${m.design.groups[a] ?? 0} groups / ${m.design.personas[a] ?? 0} personas`).join("; "))],
    ...m.arms.map((a): [string, string] => [`${a} opening`, `“${esc(moderatorMessage(spec, a))}”`]),
    ["measures", esc(m.items.map((i) => `${i.id} (${i.title})`).join(", "))],
    ["post memory", m.design.post_memory === "transcript" ? "the group's transcript" : "none (noise floor)"],
    ...(extra.facts ?? []),
  ];
  const body: string[] = [
    "<h2>Answers</h2>",
    htmlTable(
      ["phase", "rows", "ok", "refused", "invalid"],
      (["pre", "post"] as const).map((p) => [
        p,
        String(m.status_counts[p].rows),
        String(m.status_counts[p].ok),
        String(m.status_counts[p].refused),
        String(m.status_counts[p].invalid),
      ]),
    ),
    "<h2>Change per arm</h2>",
    `<p class="note">Means over personas with an ok answer both times (paired). 95% intervals: cluster bootstrap resampling groups, estimate ± t(G − 1)·SE; the persona-level interval ignores the clustering and is for comparison only. Read "changed" next to "chance" (the share that would move if post answers were independent redraws).</p>`,
    htmlTable(
      [
        "arm",
        "item",
        "groups",
        "paired",
        "mean pre",
        "mean post",
        "mean change [95% CI, groups]",
        "persona-level CI",
        "changed",
        "chance",
        "JS distance",
        "TV",
      ],
      m.arms.flatMap((arm) =>
        m.items.flatMap((item) => {
          const r = m.results[arm]?.[item.id];
          return r
            ? [
                [
                  esc(arm),
                  esc(item.id),
                  String(r.n_groups),
                  String(r.n_paired),
                  n2(r.mean_pre),
                  n2(r.mean_post),
                  `${signed(r.mean_change)} ${ci(r.ci95_change)}`,
                  ci(r.ci95_change_persona_naive),
                  pct(r.share_changed),
                  pct(r.share_changed_chance),
                  n2(r.shift.js_distance, 3),
                  n2(r.shift.total_variation, 3),
                ],
              ]
            : [];
        }),
      ),
    ),
  ];
  if (Object.keys(m.effects).length) {
    body.push(
      "<h2>Treatment effects</h2>",
      `<p class="note">Difference of mean changes between arms; 95% CI = estimate ± t(0.975, G − 1)·SE (G = groups of the smaller arm). MDE: the smallest effect this design detects with 80% power; an effect smaller than its MDE is not evidence of no effect.</p>`,
      htmlTable(
        ["contrast", "item", "effect", "95% CI (t, groups)", "percentile CI", "persona-level CI", "MDE", "df", "groups"],
        Object.entries(m.effects).flatMap(([label, byItem]) =>
          m.items.flatMap((item) => {
            const e = byItem[item.id];
            return e
              ? [
                  [
                    esc(label),
                    esc(item.id),
                    signed(e.estimate),
                    ci(e.ci95),
                    ci(e.ci95_percentile),
                    ci(e.ci95_persona_naive),
                    n2(e.mde),
                    String(e.df ?? "–"),
                    esc(
                      Object.entries(e.n_groups)
                        .map(([a, k]) => `${a} ${k}`)
                        .join(" / "),
                    ),
                  ],
                ]
              : [];
          }),
        ),
      ),
    );
  }
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
    ...(m.synthetic ? { banner: DISCUSSION_SYNTHETIC_HTML_BANNER } : {}),
    facts,
    summary: discussionSummaryFigure(m),
    body,
  });
}
