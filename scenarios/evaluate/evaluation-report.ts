// evaluation.md: the intrinsic persona metrics with their 95% CIs (the paper reports uniqueness
// and actionability 1–5 and ~51 of ~200 attributes recovered from the narrative).
import type { Estimate, EvaluationFile } from "./persona-evaluation.js";

function est(e: Estimate, digits = 2): string {
  return `${e.mean.toFixed(digits)} ${e.ci ? `[${e.ci[0].toFixed(digits)}, ${e.ci[1].toFixed(digits)}]` : "(no CI)"}`;
}

export function evaluationReport(f: EvaluationFile): string {
  return [
    "## Persona evaluation (judge model)",
    "",
    `${f.personas} personas judged by \`${f.judge}\` (embeddings \`${f.embeddings}\`; prompts ${Object.values(f.prompt_versions).join(", ")}).`,
    ...(f.synthetic ? ["", "**Offline judge: every score below is synthetic placeholder output, not an evaluation result.**"] : []),
    "",
    "| metric | mean [95% CI] |",
    "|---|---|",
    `| uniqueness (1–5, two orderings) | ${est(f.uniqueness)} |`,
    `| actionability (1–5, two orderings) | ${est(f.actionability)} |`,
    `| attribute recovery from the summary (recall) | ${est(f.recovery, 3)} |`,
    `| diversity: mean pairwise embedding distance | ${est(f.diversity.embedding_distance, 3)} |`,
    `| name repetition (1 − distinct/n) | ${f.diversity.name_repetition.toFixed(3)} |`,
    `| home-place repetition (1 − distinct/n) | ${f.diversity.place_repetition.toFixed(3)} |`,
    "",
  ].join("\n");
}
