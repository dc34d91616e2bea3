// evaluation.json of `deeppersona evaluate personas`: per-persona judge scores aggregated into
// means with percentile-bootstrap 95% CIs over personas, plus value-aware diversity (mean pairwise
// cosine distance of the rendered profiles' embeddings, bootstrap over personas) and name / place
// repetition rates (1 − distinct / n).
import { z } from "zod";
import { createRng } from "../../core/rng.js";
import { percentileInterval } from "../../surveys/metrics/bootstrap-ci.js";
import { plainMean } from "../../surveys/metrics/plain-moments.js";

const EstimateSchema = z.object({ mean: z.number(), ci: z.tuple([z.number(), z.number()]).nullable(), n: z.number().int() });
export type Estimate = z.infer<typeof EstimateSchema>;

const PersonaScoresSchema = z.object({
  id: z.string(),
  /** mean of the two orderings */
  uniqueness: z.number(),
  actionability: z.number(),
  /** recovered / candidate filled attributes */
  recovery: z.number(),
  filled: z.number().int(),
});
export type PersonaScores = z.infer<typeof PersonaScoresSchema>;

export const EvaluationFileSchema = z.object({
  schema_version: z.literal(1),
  personas: z.number().int(),
  judge: z.string(),
  embeddings: z.string(),
  synthetic: z.boolean(),
  prompt_versions: z.record(z.string(), z.string()),
  uniqueness: EstimateSchema,
  actionability: EstimateSchema,
  recovery: EstimateSchema,
  diversity: z.object({ embedding_distance: EstimateSchema, name_repetition: z.number(), place_repetition: z.number() }),
  per_persona: z.array(PersonaScoresSchema),
});
export type EvaluationFile = z.infer<typeof EvaluationFileSchema>;

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export function meanWithCi(values: readonly number[], seed: string, replicates = 1000): Estimate {
  const n = values.length;
  const mean = plainMean(values) ?? 0;
  if (n < 2) return { mean: round(mean), ci: null, n };
  const rng = createRng(seed);
  const reps: number[] = [];
  for (let b = 0; b < replicates; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[rng.int(n)] as number;
    reps.push(s / n);
  }
  const ci = percentileInterval(reps);
  return { mean: round(mean), ci: ci ? [round(ci[0]), round(ci[1])] : null, n };
}

function cosineDistance(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return na > 0 && nb > 0 ? 1 - dot / Math.sqrt(na * nb) : 1;
}

/** mean pairwise cosine distance; CI by resampling personas (pairs of the same persona skipped) */
export function embeddingDiversity(vectors: readonly (readonly number[])[], seed: string, replicates = 300): Estimate {
  const n = vectors.length;
  const d: number[][] = vectors.map((a) => vectors.map((b) => cosineDistance(a, b)));
  const meanOf = (idx: readonly number[]) => {
    let s = 0;
    let k = 0;
    for (let i = 0; i < idx.length; i++)
      for (let j = i + 1; j < idx.length; j++)
        if (idx[i] !== idx[j]) {
          s += d[idx[i]!]![idx[j]!]!;
          k++;
        }
    return k ? s / k : 0;
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const mean = meanOf(all);
  if (n < 3) return { mean: round(mean), ci: null, n };
  const rng = createRng(seed);
  const reps: number[] = [];
  for (let b = 0; b < replicates; b++) reps.push(meanOf(all.map(() => rng.int(n))));
  const ci = percentileInterval(reps);
  return { mean: round(mean), ci: ci ? [round(ci[0]), round(ci[1])] : null, n };
}

/** 1 − distinct / n (case- and space-insensitive); 0 when every value differs */
export function repetitionRate(values: readonly string[]): number {
  if (values.length === 0) return 0;
  const distinct = new Set(values.map((v) => v.trim().toLowerCase().replace(/\s+/g, " ")));
  return round(1 - distinct.size / values.length);
}

/** share of candidate paths the judge listed (exactly, or by their 1-based number in the prompt) */
export function recoveryRecall(candidates: readonly string[], listed: readonly string[]): number {
  if (candidates.length === 0) return 0;
  const said = new Set(
    listed.map((s) =>
      s
        .trim()
        .replace(/^(\d+)\.\s*$/, "$1")
        .replace(/^\d+\.\s+/, ""),
    ),
  );
  return candidates.filter((c, i) => said.has(c) || said.has(String(i + 1))).length / candidates.length;
}
