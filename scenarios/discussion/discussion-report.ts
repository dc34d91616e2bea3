// report.md and report.html of a discussion run. both: the settings and moderator openings,
// answer statuses, the change per arm × item with clustered-bootstrap intervals, the treatment
// effects, caveats and transcript excerpts (the first group of each arm); offline runs carry a
// synthetic banner. report.html sits on the one page shell (scenarios/report/report-page.ts) with
// a table of contents, the summary dot plot (mean change per arm × item and the treatment effects,
// each with its cluster-bootstrap 95% CI) and the pre/post answer distributions per arm × item.
// every number comes from metrics.json as written; model text (turns, names, topic, messages) is
// escaped in the html. pure and deterministic.
import { escapeHtml as esc } from "../../core/sanitize/escape-html.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { fixed, HTML, MARKDOWN, type Markup } from "../report/markup.js";
import { reportPage } from "../report/report-page.js";
import { statusTable } from "../report/status-table.js";
import { dotDomain, svgDotPlot, type DotPoint } from "../report/svg-dot-plot.js";
import { shareAxis, svgGroupedBars } from "../survey/svg-grouped-bars.js";
import type { DiscussionMetrics } from "./discussion-metrics.js";
import type { DiscussionSpec } from "./discussion-spec.js";
import { moderatorMessage, type DiscussionPlan } from "./plan-discussion.js";
import type { TurnRecord } from "./turn-record.js";
import { clipWords } from "./transcript-window.js";

/** the synthetic-run banner (markdown; the html page renders the same line) */
const DISCUSSION_SYNTHETIC =
  "**Synthetic run.** Every turn and every answer came from the built-in offline model: placeholder output for trying the tool, not a simulation result. Use `--model openai:<model>` for real discussions.";

/** turns shown per excerpt */
const EXCERPT_TURNS = 6;

const signed = (x: number | null | undefined) => (typeof x === "number" && Number.isFinite(x) ? `${x > 0 ? "+" : ""}${x.toFixed(2)}` : "–");
const pct = (x: number | null | undefined) => (typeof x === "number" ? `${Math.round(x * 100)}%` : "–");

export interface DiscussionReportInput {
  metrics: DiscussionMetrics;
  turns: readonly TurnRecord[];
  plan: DiscussionPlan;
  spec: DiscussionSpec;
  personas: readonly Persona[];
}

export function discussionReport(input: DiscussionReportInput): string {
  const { metrics: m, spec } = input;
  const head = [
    `# Discussion experiment (${m.run_id})`,
    `**Topic:** ${spec.topic}`,
    ...(m.synthetic ? [`> ${DISCUSSION_SYNTHETIC}`] : []),
    [
      `- model: \`${m.model}\`; seed: ${String(m.seed)}; ${designText(m, spec)}`,
      `- arms (balanced randomisation of groups, stratified by country): ${armsText(m)}`,
      ...m.arms.map((a) => `- ${a} moderator opening: "${moderatorMessage(spec, a)}"`),
      `- measures: ${measuresText(m)}, answered alone in a fresh context before and after the discussion; after it the persona ${m.design.post_memory === "transcript" ? "remembers the discussion (its group's transcript in the question's preamble)" : "remembers nothing of it (noise floor)"}`,
    ].join("\n"),
  ];
  return `${MARKDOWN.blocks([...head, ...discussionSections(input, MARKDOWN)]).join("\n")}\n`;
}

/** the detail sections of both reports as blocks: answer statuses, change per arm, treatment effects (when any), html: the pre/post distributions, caveats, transcript excerpts */
function discussionSections(input: DiscussionReportInput, x: Markup): string[] {
  const m = input.metrics;
  const ci = (iv: [number, number] | null | undefined) => (iv ? x.ci(`[${fixed(iv[0])}, ${fixed(iv[1])}]`) : "–");
  const effects =
    Object.keys(m.effects).length === 0
      ? []
      : [
          x.heading(2, "Treatment effects"),
          x.html
            ? `<p class="note">Difference of mean changes between arms; 95% CI = estimate ± t(0.975, G − 1)·SE (G = groups of the smaller arm). MDE: the smallest effect this design detects with 80% power; an effect smaller than its MDE is not evidence of no effect.</p>`
            : "Difference of mean changes between arms. 95% CI: estimate ± t(0.975, G − 1)·SE, SE from the arms' independent cluster-bootstrap replicates, G = groups of the smaller arm; MDE: the smallest effect this design detects with 80% power at two-sided 5%. An effect smaller than its MDE is not evidence of no effect.",
          x.table(
            ["contrast", "item", "effect", "95% CI (t, groups)", "percentile CI", "persona-level CI", "MDE", "df", "groups"],
            Object.entries(m.effects).flatMap(([label, byItem]) =>
              m.items.flatMap((item) => {
                const e = byItem[item.id];
                if (!e) return [];
                const groups = Object.entries(e.n_groups).map(([a, k]) => `${a} ${k}`);
                return [
                  [
                    x.text(label),
                    x.text(item.id),
                    signed(e.estimate),
                    ci(e.ci95),
                    ci(e.ci95_percentile),
                    ci(e.ci95_persona_naive),
                    fixed(e.mde),
                    e.df ?? "–",
                    x.text(groups.join(" / ")),
                  ],
                ];
              }),
            ),
          ),
        ];
  return [
    x.heading(2, "Answers"),
    statusTable(
      x,
      "phase",
      (["pre", "post"] as const).map((p) => [p, m.status_counts[p]] as const),
    ),
    x.heading(2, "Change per arm"),
    x.html
      ? `<p class="note">Means over personas with an ok answer both times (paired). 95% intervals: cluster bootstrap resampling groups, estimate ± t(G − 1)·SE; the persona-level interval ignores the clustering and is for comparison only. Read "changed" next to "chance" (the share that would move if post answers were independent redraws).</p>`
      : `Means over personas with an ok answer both times (paired), in the item's codes. 95% intervals: cluster bootstrap (${m.bootstrap.replicates} replicates) resampling **groups** — the unit arms were assigned to and whose members influence each other — with the small-cluster correction estimate ± t(G − 1)·SE; the persona-level interval ignores the clustering and is shown for comparison only. "changed" is the share whose answer moved; read it next to "chance" (the share that would move if post answers were independent redraws) and next to a \`--post-memory none\` run (the model's own re-answer noise).${m.arms.includes("message-only") ? " message-only personas read the treatment message and answered it alone (no discussion); each is its own cluster." : ""} The post measure never re-shows the opening message.`,
    x.table(
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
          if (!r) return [];
          return [
            [
              x.text(arm),
              x.text(item.id),
              r.n_groups,
              r.n_paired,
              fixed(r.mean_pre),
              fixed(r.mean_post),
              `${signed(r.mean_change)} ${ci(r.ci95_change)}`,
              ci(r.ci95_change_persona_naive),
              pct(r.share_changed),
              pct(r.share_changed_chance),
              fixed(r.shift.js_distance, 3),
              fixed(r.shift.total_variation, 3),
            ],
          ];
        }),
      ),
    ),
    ...x.mdOnly(
      [
        "JS distance (bits) and total variation compare the pre and post answer distributions of the same personas.",
        "",
        ...m.items.flatMap((i) =>
          i.construct ? [`- ${i.id}: higher codes mean ${i.direction === 1 ? "more" : "less"} ${i.construct}.`] : [],
        ),
      ].join("\n"),
    ),
    ...effects,
    ...(x.html ? ["<h2>Answers before and after</h2>", `<div class="charts small">`, ...distributionFigures(m), `</div>`] : []),
    ...(m.warnings.length === 0
      ? []
      : [
          x.heading(2, "Caveats"),
          x.html ? `<ul>${m.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>` : m.warnings.map((w) => `- ${w}`).join("\n"),
        ]),
    x.heading(2, "Transcript excerpts"),
    ...excerptGroups(input).flatMap((g) =>
      x.html
        ? [
            `<h3>${esc(g.arm)}: group ${esc(g.group)} <small>(first ${g.turns.length} of ${g.total} turns)</small></h3>`,
            `<blockquote><strong>Moderator:</strong> ${esc(g.opening)}</blockquote>`,
            ...g.turns.map(
              (t) =>
                `<blockquote><strong>${esc(t.speaker)}</strong> <small>(${esc(t.persona_id)}, round ${t.round})</small>: ${esc(t.text)}</blockquote>`,
            ),
          ]
        : [
            `### ${g.arm}: group ${g.group} (first ${g.turns.length} of ${g.total} turns)`,
            [
              `> **Moderator:** ${g.opening}`,
              ...g.turns.flatMap((t) => [">", `> **${t.speaker}** (${t.persona_id}, round ${t.round}): ${t.text}`]),
            ].join("\n"),
          ],
    ),
  ];
}

/** the design, arms and measures as the facts of both reports say them */
const designText = (m: DiscussionMetrics, spec: DiscussionSpec) =>
  `groups of ${m.design.group_size} (same country), ${m.design.rounds} round${m.design.rounds === 1 ? "" : "s"}, turns of at most ${spec.turnWords} words`;
const armsText = (m: DiscussionMetrics) =>
  m.arms.map((a) => `${a} ${m.design.groups[a] ?? 0} groups / ${m.design.personas[a] ?? 0} personas`).join("; ");
const measuresText = (m: DiscussionMetrics) => m.items.map((i) => `${i.id} (${i.title})`).join(", ");

/** the transcript excerpts: per arm its first group's first turns (clipped, one line each) */
function excerptGroups(input: DiscussionReportInput) {
  const names = new Map(input.personas.map((p) => [p.id, p.name]));
  return input.metrics.arms.flatMap((arm) => {
    const group = input.plan.groups.find((g) => g.arm === arm);
    if (!group) return [];
    const turns = input.turns.filter((t) => t.group === group.id).sort((a, b) => a.round - b.round || a.turn - b.turn);
    return {
      arm,
      group: group.id,
      opening: moderatorMessage(input.spec, arm),
      total: turns.length,
      turns: turns.slice(0, EXCERPT_TURNS).map((t) => ({
        speaker: names.get(t.persona_id) ?? t.persona_id,
        persona_id: t.persona_id,
        round: t.round,
        text: clipWords(t.text, input.spec.turnWords).replace(/\n+/g, " "),
      })),
    };
  });
}

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
      const title = `${item.id} · ${arm}: answers before and after`;
      const svg = svgGroupedBars({
        title,
        groups: d.codes.map(String),
        series: [
          { name: "pre", values: d.pre },
          { name: "post", values: d.post },
        ],
        ...shareAxis(Math.max(0, ...d.pre, ...d.post)),
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
    ["model", HTML.code(m.model)],
    ["seed", esc(String(m.seed))],
    ["design", designText(m, spec)],
    ["arms (n)", esc(armsText(m))],
    ...m.arms.map((a): [string, string] => [`${a} opening`, `“${esc(moderatorMessage(spec, a))}”`]),
    ["measures", esc(measuresText(m))],
    ["post memory", m.design.post_memory === "transcript" ? "the group's transcript" : "none (noise floor)"],
    ...(extra.facts ?? []),
  ];
  return reportPage({
    title: `Discussion experiment (${m.run_id})`,
    ...(m.synthetic ? { banner: DISCUSSION_SYNTHETIC } : {}),
    facts,
    summary: discussionSummaryFigure(m),
    body: discussionSections(input, HTML),
  });
}
