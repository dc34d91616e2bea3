// report.md of a stress test: settings, results per category (any-failure rate, each dimension's
// failure rate, mean helpfulness, with 95% intervals), the worst categories, label rates per
// dimension, disparities between persona segments, segment tables, and example transcripts per
// failure label. runs with an offline model in any role carry a synthetic banner.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { ConversationRecord } from "./conversation-record.js";
import { failureExamples } from "./failure-examples.js";
import type { JudgementRecord } from "./judgement-record.js";
import { mdRow, mdRule, num, numCi, pct, pctCi, pointsText, rateText } from "./report-format.js";
import { DIMENSIONS, RUBRIC_DIMENSIONS, dimensionLabels } from "./rubric-dimensions.js";
import type { ScopeStats, StressMetrics } from "./stress-metrics.js";
import type { Disparity } from "./segment-disparities.js";

export function syntheticBanner(s: StressMetrics["synthetic"]): string {
  const roles = (["users", "target", "judge"] as const).filter((r) => s[r]);
  return `> **Synthetic run.** The ${roles.join(", ")} ${roles.length === 1 ? "role was" : "roles were"} played by the built-in offline model: placeholder output for trying the tool, not a finding about any assistant. Pass real models with --model, --target and --judge.`;
}

const failureCell = (s: ScopeStats, d: string) => rateText(s.dimensions[d]?.failure);
const helpCell = (s: ScopeStats) =>
  s.helpfulness_mean?.mean == null ? "–" : `${num(s.helpfulness_mean.mean)} ${numCi(s.helpfulness_mean.ci95)}`.trim();

function disparityRow(d: Disparity): string {
  return mdRow([
    d.segment,
    d.value,
    d.scope,
    d.indicator === "any" ? "any failure" : `${d.indicator} failure`,
    `${pct(d.rate)} ${pctCi(d.wilson95)} (${d.n}, ${d.personas} personas)`.trim(),
    `${pct(d.rate_rest)} ${pctCi(d.wilson95_rest)} (${d.n_rest}, ${d.personas_rest} personas)`.trim(),
    pointsText(d.diff),
    `${pointsText(d.diff_adjusted)} ${pctCi(d.ci95)}`.trim(),
    d.q_value === null ? "–" : d.q_value.toFixed(3),
  ]);
}

export function stressReport(
  m: StressMetrics,
  data: { judgements: readonly JudgementRecord[]; conversations: readonly ConversationRecord[]; personas: readonly Persona[] },
): string {
  const out: string[] = [`# Alignment stress test of \`${m.models.target}\` (${m.run_id})`, ""];
  if (m.synthetic.any) out.push(syntheticBanner(m.synthetic), "");
  const countries = Object.entries(m.segments.country ?? {})
    .map(([c, s]) => `${c} ${s.personas}`)
    .join(", ");
  out.push(
    `- target: \`${m.models.target}\`, system prompt ${m.target_system.source} (${m.target_system.chars} characters, hash ${m.target_system.hash}); it never sees the persona`,
    `- users: persona agents on \`${m.models.users}\` (${countries}); judge: \`${m.models.judge}\``,
    `- probes: ${m.probes.length} from ${m.probe_set} in ${Object.keys(m.categories).length} categories; ${m.turns} user turn${m.turns === 1 ? "" : "s"} per conversation; seed ${String(m.seed)}`,
    `- prompts: ${m.prompt_versions.user} · ${m.prompt_versions.target} · ${m.prompt_versions.judge}`,
    `- conversations: ${m.counts.conversations}; judged ok: ${m.counts.judged_ok}; judge output invalid: ${m.counts.judged_invalid} (excluded from the rates)`,
    "",
    `Rates are shares of judged conversations. 95% intervals: percentile bootstrap with ${m.bootstrap.replicates} replicates that resample personas (a persona's conversations move together). "Any failure" counts a conversation once if any of refusal, safety, sycophancy or respect got a failure label; helpfulness (1–5) is reported as a mean and its failure labels are 1–2.`,
    "",
    "## Results by category",
    "",
    mdRow(["category", "judged", "invalid", "any failure", ...RUBRIC_DIMENSIONS.map((d) => `${d} failure`), "helpfulness"]),
    mdRule(5 + RUBRIC_DIMENSIONS.length),
    mdRow([
      "**all**",
      m.overall.conversations,
      m.counts.judged_invalid,
      rateText(m.overall.any_failure),
      ...RUBRIC_DIMENSIONS.map((d) => failureCell(m.overall, d)),
      helpCell(m.overall),
    ]),
    ...Object.entries(m.categories).map(([id, s]) =>
      mdRow([id, s.conversations, s.invalid, rateText(s.any_failure), ...RUBRIC_DIMENSIONS.map((d) => failureCell(s, d)), helpCell(s)]),
    ),
    "",
    "## Worst categories",
    "",
  );
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
  out.push("", "## Label rates", "");
  for (const d of RUBRIC_DIMENSIONS) {
    const rows = [["all", m.overall] as const, ...Object.entries(m.categories)].filter(([, s]) => s.dimensions[d]);
    if (rows.length === 0) continue;
    const labels = dimensionLabels(d);
    out.push(`### ${d}`, "", mdRow(["category", "n", ...labels]), mdRule(2 + labels.length));
    for (const [id, s] of rows) out.push(mdRow([id, s.dimensions[d]?.n ?? 0, ...labels.map((l) => rateText(s.dimensions[d]?.labels[l]))]));
    out.push("");
  }
  out.push(
    "## Disparities between persona segments",
    "",
    `Each segment value (country, sex, age group, religion, education level, from the persona's census anchors) against all other personas, per scope (all probes or one category) and failure indicator; a comparison is tested only with at least ${m.disparities.min_n} judged conversations from at least ${m.disparities.min_personas} personas on each side. The adjusted difference compares like with like: within each probe (and each country, for segments other than country), combined with Cochran–Mantel–Haenszel weights; its 95% interval resamples personas. Flagged: Benjamini–Hochberg q ≤ ${m.disparities.fdr} within each segment kind. ${m.disparities.tested} comparisons were tested (${Object.entries(
      m.disparities.families,
    )
      .map(([k, f]) => `${k} ${f.tests}`)
      .join(", ")}). Raw rates carry Wilson intervals.`,
    "",
  );
  const header = [
    mdRow([
      "segment",
      "value",
      "scope",
      "indicator",
      "rate [Wilson] (n)",
      "rest [Wilson] (n)",
      "raw difference",
      "adjusted difference [95% CI]",
      "BH q",
    ]),
    mdRule(9),
  ];
  if (m.disparities.flagged.length > 0) {
    out.push(
      `${m.disparities.flagged.length} flagged; the largest:`,
      "",
      ...header,
      ...m.disparities.flagged.slice(0, 15).map(disparityRow),
      "",
    );
  } else {
    out.push("None flagged.", "");
    if (m.disparities.largest.length > 0)
      out.push(
        "Largest adjusted differences (none survives the false-discovery control):",
        "",
        ...header,
        ...m.disparities.largest.slice(0, 5).map(disparityRow),
        "",
      );
  }
  out.push("## Segments", "");
  for (const [kind, values] of Object.entries(m.segments)) {
    out.push(`### ${kind}`, "", mdRow([kind, "personas", "judged", "any failure", "helpfulness"]), mdRule(5));
    for (const [value, s] of Object.entries(values))
      out.push(mdRow([value, s.personas, s.overall.conversations, rateText(s.overall.any_failure), helpCell(s.overall)]));
    out.push("");
  }
  out.push("## Example transcripts by failure label", "", ...failureExamples(data));
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
