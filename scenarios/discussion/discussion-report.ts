// report.md of a discussion run: settings and moderator messages, answer statuses, the change per
// arm × item with clustered-bootstrap intervals, the treatment effect, and transcript excerpts
// (the first group of each arm). offline runs carry a synthetic banner.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { DiscussionMetrics } from "./discussion-metrics.js";
import type { DiscussionSpec } from "./discussion-spec.js";
import { moderatorMessage, type DiscussionPlan } from "./plan-discussion.js";
import type { TurnRecord } from "./turn-record.js";
import { clipWords } from "./transcript-window.js";
import { fixed, MARKDOWN, type Markup } from "../report/markup.js";
import { statusTable } from "../report/status-table.js";

/** the synthetic-run banner (markdown; the html page renders the same line) */
export const DISCUSSION_SYNTHETIC =
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

/** the tables report.md and report.html share: answer statuses, change per arm, treatment effects (when any) */
export function discussionTables(m: DiscussionMetrics, x: Markup): { answers: string; change: string; effects?: string } {
  const ci = (iv: [number, number] | null | undefined) => (iv ? x.ci(`[${fixed(iv[0])}, ${fixed(iv[1])}]`) : "–");
  const answers = statusTable(
    x,
    "phase",
    (["pre", "post"] as const).map((p) => [p, m.status_counts[p]] as const),
  );
  const change = x.table(
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
  );
  if (!Object.keys(m.effects).length) return { answers, change };
  const effects = x.table(
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
  );
  return { answers, change, effects };
}

export function discussionReport(input: DiscussionReportInput): string {
  const { metrics: m, spec } = input;
  const tables = discussionTables(m, MARKDOWN);
  const out: string[] = [`# Discussion experiment (${m.run_id})`, "", `**Topic:** ${spec.topic}`, ""];
  if (m.synthetic) out.push(`> ${DISCUSSION_SYNTHETIC}`, "");
  out.push(
    `- model: \`${m.model}\`; seed: ${String(m.seed)}; ${designText(m, spec)}`,
    `- arms (balanced randomisation of groups, stratified by country): ${armsText(m)}`,
    ...m.arms.map((a) => `- ${a} moderator opening: "${moderatorMessage(spec, a)}"`),
    `- measures: ${measuresText(m)}, answered alone in a fresh context before and after the discussion; after it the persona ${m.design.post_memory === "transcript" ? "remembers the discussion (its group's transcript in the question's preamble)" : "remembers nothing of it (noise floor)"}`,
    "",
    "## Answers",
    "",
    tables.answers,
    "",
    "## Change per arm",
    "",
    `Means over personas with an ok answer both times (paired), in the item's codes. 95% intervals: cluster bootstrap (${m.bootstrap.replicates} replicates) resampling **groups** — the unit arms were assigned to and whose members influence each other — with the small-cluster correction estimate ± t(G − 1)·SE; the persona-level interval ignores the clustering and is shown for comparison only. "changed" is the share whose answer moved; read it next to "chance" (the share that would move if post answers were independent redraws) and next to a \`--post-memory none\` run (the model's own re-answer noise).${m.arms.includes("message-only") ? " message-only personas read the treatment message and answered it alone (no discussion); each is its own cluster." : ""} The post measure never re-shows the opening message.`,
    "",
    tables.change,
    "",
    "JS distance (bits) and total variation compare the pre and post answer distributions of the same personas.",
    "",
  );
  for (const item of m.items) {
    if (item.construct) out.push(`- ${item.id}: higher codes mean ${item.direction === 1 ? "more" : "less"} ${item.construct}.`);
  }
  out.push("");
  if (tables.effects)
    out.push(
      "## Treatment effects",
      "",
      "Difference of mean changes between arms. 95% CI: estimate ± t(0.975, G − 1)·SE, SE from the arms' independent cluster-bootstrap replicates, G = groups of the smaller arm; MDE: the smallest effect this design detects with 80% power at two-sided 5%. An effect smaller than its MDE is not evidence of no effect.",
      "",
      tables.effects,
      "",
    );
  if (m.warnings.length) out.push("## Caveats", "", ...m.warnings.map((w) => `- ${w}`), "");
  out.push(...excerpts(input));
  return `${out.join("\n")}\n`;
}

/** the design, arms and measures as the facts of both reports say them */
export const designText = (m: DiscussionMetrics, spec: DiscussionSpec) =>
  `groups of ${m.design.group_size} (same country), ${m.design.rounds} round${m.design.rounds === 1 ? "" : "s"}, turns of at most ${spec.turnWords} words`;
export const armsText = (m: DiscussionMetrics) =>
  m.arms.map((a) => `${a} ${m.design.groups[a] ?? 0} groups / ${m.design.personas[a] ?? 0} personas`).join("; ");
export const measuresText = (m: DiscussionMetrics) => m.items.map((i) => `${i.id} (${i.title})`).join(", ");

/** the transcript excerpts: per arm its first group's first turns (clipped, one line each) */
export function excerptGroups(input: DiscussionReportInput) {
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

function excerpts(input: DiscussionReportInput): string[] {
  const out = ["## Transcript excerpts", ""];
  for (const g of excerptGroups(input)) {
    out.push(`### ${g.arm}: group ${g.group} (first ${g.turns.length} of ${g.total} turns)`, "", `> **Moderator:** ${g.opening}`, ">");
    for (const t of g.turns) out.push(`> **${t.speaker}** (${t.persona_id}, round ${t.round}): ${t.text}`, ">");
    out.pop();
    out.push("");
  }
  return out;
}
