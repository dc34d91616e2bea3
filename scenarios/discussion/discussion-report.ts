// report.md of a discussion run: settings and moderator messages, answer statuses, the change per
// arm × item with clustered-bootstrap intervals, the treatment effect, and transcript excerpts
// (the first group of each arm). offline runs carry a synthetic banner.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { DiscussionMetrics } from "./discussion-metrics.js";
import type { DiscussionSpec } from "./discussion-spec.js";
import { moderatorMessage, type DiscussionPlan } from "./plan-discussion.js";
import type { TurnRecord } from "./turn-record.js";
import { clipWords } from "./transcript-window.js";

export const DISCUSSION_SYNTHETIC_BANNER =
  "> **Synthetic run.** Every turn and every answer came from the built-in offline model: placeholder output for trying the tool, not a simulation result. Use `--model openai:<model>` for real discussions.";

/** turns shown per excerpt */
const EXCERPT_TURNS = 6;

const n = (x: number | null | undefined, d = 2) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");
const f = (x: number | null | undefined) => (typeof x === "number" && Number.isFinite(x) ? `${x > 0 ? "+" : ""}${x.toFixed(2)}` : "–");
const ci = (iv: [number, number] | null | undefined) => (iv ? `[${n(iv[0])}, ${n(iv[1])}]` : "–");
const pct = (x: number | null | undefined) => (typeof x === "number" ? `${Math.round(x * 100)}%` : "–");
const row = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|").replace(/\n/g, " ")).join(" | ")} |`;
const rule = (k: number) => `|${" --- |".repeat(k)}`;

export interface DiscussionReportInput {
  metrics: DiscussionMetrics;
  turns: readonly TurnRecord[];
  plan: DiscussionPlan;
  spec: DiscussionSpec;
  personas: readonly Persona[];
}

export function discussionReport(input: DiscussionReportInput): string {
  const { metrics: m, spec } = input;
  const out: string[] = [`# Discussion experiment (${m.run_id})`, "", `**Topic:** ${spec.topic}`, ""];
  if (m.synthetic) out.push(DISCUSSION_SYNTHETIC_BANNER, "");
  out.push(
    `- model: \`${m.model}\`; seed: ${String(m.seed)}; groups of ${m.design.group_size} (same country), ${m.design.rounds} round${m.design.rounds === 1 ? "" : "s"}, turns of at most ${spec.turnWords} words`,
    `- arms (balanced randomisation of groups, stratified by country): ${m.arms.map((a) => `${a} ${m.design.groups[a] ?? 0} groups / ${m.design.personas[a] ?? 0} personas`).join("; ")}`,
    ...m.arms.map((a) => `- ${a} moderator opening: "${moderatorMessage(spec, a)}"`),
    `- measures: ${m.items.map((i) => `${i.id} (${i.title})`).join(", ")}, answered alone in a fresh context before and after the discussion; after it the persona ${m.design.post_memory === "transcript" ? "remembers the discussion (its group's transcript in the question's preamble)" : "remembers nothing of it (noise floor)"}`,
    "",
    "## Answers",
    "",
    row(["phase", "rows", "ok", "refused", "invalid"]),
    rule(5),
    ...(["pre", "post"] as const).map((p) => {
      const c = m.status_counts[p];
      return row([p, c.rows, c.ok, c.refused, c.invalid]);
    }),
    "",
    "## Change per arm",
    "",
    `Means over personas with an ok answer both times (paired), in the item's codes. 95% intervals: percentile bootstrap (${m.bootstrap.replicates} replicates) resampling **groups** — the unit arms were assigned to and whose members influence each other; the persona-level interval ignores that clustering and is shown for comparison only.`,
    "",
    row(["arm", "item", "groups", "paired", "mean pre", "mean post", "mean change [95% CI, groups]", "persona-level CI", "changed", "JS distance", "TV"]),
    rule(11),
  );
  for (const arm of m.arms) {
    for (const item of m.items) {
      const r = m.results[arm]?.[item.id];
      if (!r) continue;
      out.push(row([arm, item.id, r.n_groups, r.n_paired, n(r.mean_pre), n(r.mean_post), `${f(r.mean_change)} ${ci(r.ci95_change)}`, ci(r.ci95_change_persona_naive), pct(r.share_changed), n(r.shift.js_distance, 3), n(r.shift.total_variation, 3)]));
    }
  }
  out.push("", "JS distance (bits) and total variation compare the pre and post answer distributions of the same personas.", "");
  for (const item of m.items) {
    if (item.construct) out.push(`- ${item.id}: higher codes mean ${item.direction === 1 ? "more" : "less"} ${item.construct}.`);
  }
  out.push("");
  if (m.treatment_effect) {
    out.push("## Treatment effect", "", "mean change (treatment) − mean change (control); intervals from the arms' independent cluster-bootstrap replicates.", "");
    out.push(row(["item", "effect", "95% CI (groups)", "persona-level CI", "groups treatment / control"]), rule(5));
    for (const item of m.items) {
      const e = m.treatment_effect[item.id];
      if (e) out.push(row([item.id, f(e.estimate), ci(e.ci95), ci(e.ci95_persona_naive), `${e.n_groups.treatment} / ${e.n_groups.control}`]));
    }
    out.push("");
  }
  if (m.warnings.length) out.push("## Caveats", "", ...m.warnings.map((w) => `- ${w}`), "");
  out.push(...excerpts(input));
  return `${out.join("\n")}\n`;
}

function excerpts(input: DiscussionReportInput): string[] {
  const names = new Map(input.personas.map((p) => [p.id, p.name]));
  const out = ["## Transcript excerpts", ""];
  for (const arm of input.metrics.arms) {
    const group = input.plan.groups.find((g) => g.arm === arm);
    if (!group) continue;
    const turns = input.turns.filter((t) => t.group === group.id).sort((a, b) => a.round - b.round || a.turn - b.turn);
    out.push(`### ${arm}: group ${group.id} (first ${Math.min(EXCERPT_TURNS, turns.length)} of ${turns.length} turns)`, "", `> **Moderator:** ${moderatorMessage(input.spec, arm)}`, ">");
    for (const t of turns.slice(0, EXCERPT_TURNS)) out.push(`> **${names.get(t.persona_id) ?? t.persona_id}** (${t.persona_id}, round ${t.round}): ${clipWords(t.text, input.spec.turnWords).replace(/\n+/g, " ")}`, ">");
    out.pop();
    out.push("");
  }
  return out;
}
