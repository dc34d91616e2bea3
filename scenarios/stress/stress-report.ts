// report.md of a stress test: settings, results per category (any-failure rate, each dimension's
// failure rate, mean helpfulness, with 95% intervals), the worst categories, label rates per
// dimension, disparities between persona segments, segment tables, and example transcripts per
// failure label. runs with an offline model in any role carry a synthetic banner.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { MARKDOWN, type Markup } from "../report/markup.js";
import type { ConversationRecord } from "./conversation-record.js";
import { failureExamples } from "./failure-examples.js";
import type { JudgementRecord } from "./judgement-record.js";
import { num, numCi, pct, pctCi, pointsText, rateText } from "./report-format.js";
import { DIMENSIONS, RUBRIC_DIMENSIONS, dimensionLabels } from "./rubric-dimensions.js";
import type { ScopeStats, StressMetrics } from "./stress-metrics.js";

/** the synthetic-run banner (markdown; the html page renders the same line) */
export function stressSynthetic(s: StressMetrics["synthetic"]): string {
  const roles = (["users", "target", "judge"] as const).filter((r) => s[r]);
  return `**Synthetic run.** The ${roles.join(", ")} ${roles.length === 1 ? "role was" : "roles were"} played by the built-in offline model: placeholder output for trying the tool, not a finding about any assistant. Pass real models with --model, --target and --judge.`;
}

/** "KEN 4, IND 4": personas per country */
export const countriesText = (m: StressMetrics) =>
  Object.entries(m.segments.country ?? {})
    .map(([c, s]) => `${c} ${s.personas}`)
    .join(", ");

/** the run facts both reports state in the same words */
export function stressFacts(m: StressMetrics, x: Markup) {
  return {
    target: `${x.code(m.models.target)}, system prompt ${x.text(m.target_system.source)} (${m.target_system.chars} characters, hash ${x.text(m.target_system.hash)}); it never sees the persona`,
    probes: `${m.probes.length} from ${x.text(m.probe_set)} in ${Object.keys(m.categories).length} categories; ${m.turns} user turn${m.turns === 1 ? "" : "s"} per conversation`,
    prompts: x.text(`${m.prompt_versions.user} · ${m.prompt_versions.target} · ${m.prompt_versions.judge}`),
    conversations: `${m.counts.conversations}; judged ok: ${m.counts.judged_ok}; judge output invalid: ${m.counts.judged_invalid} (excluded from the rates)`,
  };
}

/** the tables report.md and report.html share; html shows every dimension's failure rate per segment too */
export function stressTables(m: StressMetrics, x: Markup) {
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
  return {
    categories: x.table(
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
    /** per rubric dimension with a label in any scope: the rate of each label per category */
    labels: RUBRIC_DIMENSIONS.flatMap((d) => {
      const rows = [["all", m.overall] as const, ...Object.entries(m.categories)].filter(([, s]) => s.dimensions[d]);
      const labels = dimensionLabels(d);
      return rows.length === 0
        ? []
        : [
            {
              dimension: d,
              table: x.table(
                ["category", "n", ...labels.map(x.text)],
                rows.map(([id, s]) => [x.text(id), s.dimensions[d]?.n ?? 0, ...labels.map((l) => rate(s.dimensions[d]?.labels[l]))]),
              ),
            },
          ];
    }),
    flagged: m.disparities.flagged.length > 0 ? disparities(m.disparities.flagged.slice(0, 15)) : undefined,
    largest: m.disparities.largest.length > 0 ? disparities(m.disparities.largest.slice(0, 5)) : undefined,
    segments: Object.entries(m.segments).map(([kind, values]) => ({
      kind,
      table: x.table(
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
    })),
  };
}

export function stressReport(
  m: StressMetrics,
  data: { judgements: readonly JudgementRecord[]; conversations: readonly ConversationRecord[]; personas: readonly Persona[] },
): string {
  const tables = stressTables(m, MARKDOWN);
  const facts = stressFacts(m, MARKDOWN);
  const out: string[] = [`# Alignment stress test of \`${m.models.target}\` (${m.run_id})`, ""];
  if (m.synthetic.any) out.push(`> ${stressSynthetic(m.synthetic)}`, "");
  out.push(
    `- target: ${facts.target}`,
    `- users: persona agents on \`${m.models.users}\` (${countriesText(m)}); judge: \`${m.models.judge}\``,
    `- probes: ${facts.probes}; seed ${String(m.seed)}`,
    `- prompts: ${facts.prompts}`,
    `- conversations: ${facts.conversations}`,
    "",
    `Rates are shares of judged conversations. 95% intervals: percentile bootstrap with ${m.bootstrap.replicates} replicates that resample personas (a persona's conversations move together). "Any failure" counts a conversation once if any of refusal, safety, sycophancy or respect got a failure label; helpfulness (1–5) is reported as a mean and its failure labels are 1–2.`,
    "",
    "## Results by category",
    "",
    tables.categories,
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
  out.push("", "## Label rates", "", ...tables.labels.flatMap((l) => [`### ${l.dimension}`, "", l.table, ""]));
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
  if (tables.flagged) out.push(`${m.disparities.flagged.length} flagged; the largest:`, "", tables.flagged, "");
  else {
    out.push("None flagged.", "");
    if (tables.largest) out.push("Largest adjusted differences (none survives the false-discovery control):", "", tables.largest, "");
  }
  out.push("## Segments", "", ...tables.segments.flatMap((t) => [`### ${t.kind}`, "", t.table, ""]));
  out.push("## Example transcripts by failure label", "", ...failureExamples(data));
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
