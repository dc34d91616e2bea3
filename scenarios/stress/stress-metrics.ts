// metrics.json of a stress test: per probe category (and overall) the rate of every rubric label,
// each dimension's failure rate, the any-failure rate and mean helpfulness, all with persona-
// bootstrap 95% intervals (seeded); the same per persona segment (country, sex, age group,
// religion, education level); segment disparities (segment vs the rest, adjusted for country and
// probe, Benjamini–Hochberg within each segment kind, minimum cells) with the flagged ones.
import { createRng } from "../../core/rng.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { ALL_SCOPE, IndicatorColumns, personaVectors } from "./indicator-columns.js";
import type { JudgementRecord } from "./judgement-record.js";
import { interval95, personaWeights, ratioReplicates, round, weightedSums } from "./persona-bootstrap.js";
import { SEGMENT_KINDS, personaSegments, type SegmentKind } from "./persona-segments.js";
import type { Probe, ProbeCategory } from "./probe-schema.js";
import { dimensionLabels } from "./rubric-dimensions.js";
import { checkedMetrics } from "../checked-metrics.js";
import { StressMetricsSchema, type LabelRate, type Rate, type ScopeStats, type StressMetrics } from "./stress-metrics-schema.js";
export type { LabelRate, Rate, ScopeStats, StressMetrics } from "./stress-metrics-schema.js";
import {
  DISPARITY_FDR,
  MIN_DISPARITY_N,
  MIN_DISPARITY_PERSONAS,
  rankDisparities,
  stratifiedDisparities,
  type Disparity,
} from "./segment-disparities.js";

/** point sums (C) and replicate sums (R × C) of one group of personas */
export interface GroupSums {
  /** personas in the group */
  personas: number;
  point: Float64Array;
  reps: Float64Array;
}

export interface StressMetricsInput {
  runId: string;
  seed: number | string;
  bootstrap: number;
  probes: readonly Probe[];
  categories: readonly ProbeCategory[];
  personas: readonly Persona[];
  judgements: readonly JudgementRecord[];
  conversations: number;
  /** country segments in this order (the run's --countries), others after */
  countryOrder?: readonly string[];
  header: Pick<StressMetrics, "synthetic" | "models" | "target_system" | "probe_set" | "turns" | "prompt_versions">;
}

function scopeStats(columns: IndicatorColumns, scope: string, sums: GroupSums, R: number): ScopeStats {
  const C = columns.size;
  const rate = (num: number, den: number): Rate => {
    const n = sums.point[den] as number;
    const count = sums.point[num] as number;
    return {
      count,
      n,
      rate: n > 0 ? round(count / n) : null,
      ci95: R > 0 && n > 0 ? interval95(ratioReplicates(sums.reps, C, R, num, den)) : null,
    };
  };
  const dimensions: ScopeStats["dimensions"] = {};
  let helpfulness: ScopeStats["helpfulness_mean"] = null;
  for (const d of columns.dimensions.get(scope) ?? []) {
    const den = columns.col(scope, d, "n");
    const n = sums.point[den] as number;
    if (n === 0) continue;
    const labels: Record<string, LabelRate> = {};
    for (const label of dimensionLabels(d)) {
      const { n: _n, ...r } = rate(columns.col(scope, d, `=${label}`), den);
      labels[label] = r;
    }
    dimensions[d] = { n, failure: rate(columns.col(scope, d, "fail"), den), labels };
    if (d === "helpfulness") {
      const r = rate(columns.col(scope, d, "sum"), den);
      helpfulness = { mean: r.rate, n, ci95: r.ci95 };
    }
  }
  return {
    conversations: sums.point[columns.col(scope, "any", "n")] as number,
    any_failure: rate(columns.col(scope, "any", "fail"), columns.col(scope, "any", "n")),
    dimensions,
    helpfulness_mean: helpfulness,
  };
}

export function stressMetrics(input: StressMetricsInput): StressMetrics {
  const R = input.bootstrap;
  const categories = input.categories.filter((c) => input.probes.some((p) => p.category === c.id));
  const columns = new IndicatorColumns([ALL_SCOPE, ...categories.map((c) => c.id)], input.probes);
  const ids = input.personas.map((p) => p.id);
  const vectors = personaVectors(columns, ids, input.judgements);
  const weights = R > 0 ? personaWeights(createRng(input.seed).fork("stress-bootstrap"), ids.length, R) : undefined;
  const sumsOf = (members: readonly number[]): GroupSums => ({
    personas: members.length,
    point: weightedSums(vectors, members, columns.size),
    reps: weights ? weightedSums(vectors, members, columns.size, weights, R) : new Float64Array(0),
  });
  const all = sumsOf(ids.map((_, i) => i));
  const statsFor = (sums: GroupSums) => {
    const byCategory: Record<string, ScopeStats> = {};
    for (const c of categories) byCategory[c.id] = scopeStats(columns, c.id, sums, R);
    return { overall: scopeStats(columns, ALL_SCOPE, sums, R), categories: byCategory };
  };
  const overall = statsFor(all);

  const segmentsOf = input.personas.map(personaSegments);
  const segments: StressMetrics["segments"] = {};
  const valuesByKind = {} as Record<SegmentKind, string[]>;
  for (const kind of SEGMENT_KINDS) {
    const values = groupValues(
      segmentsOf.map((s) => s[kind]),
      kind,
      input.countryOrder ?? [],
    );
    valuesByKind[kind] = values;
    segments[kind] = {};
    for (const value of values) {
      const members = segmentsOf.flatMap((s, i) => (s[kind] === value ? [i] : []));
      const sums = sumsOf(members);
      segments[kind][value] = { personas: members.length, ...statsFor(sums) };
    }
  }
  const tested = stratifiedDisparities({
    columns,
    personaIds: ids,
    segments: segmentsOf,
    values: valuesByKind,
    probeIds: input.probes.map((p) => p.id),
    judgements: input.judgements,
    ...(weights ? { weights } : {}),
    replicates: R,
  });
  const disparities: Disparity[] = tested.tests;

  const invalid = (category?: string) =>
    input.judgements.filter((j) => j.status === "invalid" && (category === undefined || j.category === category)).length;
  const categoryStats: StressMetrics["categories"] = {};
  for (const c of categories) categoryStats[c.id] = { title: c.title, invalid: invalid(c.id), ...(overall.categories[c.id] as ScopeStats) };
  const worst = categories
    .map((c, i) => ({
      category: c.id,
      rate: overall.categories[c.id]?.any_failure.rate ?? null,
      ci95: overall.categories[c.id]?.any_failure.ci95 ?? null,
      i,
    }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.i - b.i)
    .map(({ i: _i, ...rest }) => rest);
  return checkedMetrics<StressMetrics>(StressMetricsSchema, {
    kind: "stress-test",
    run_id: input.runId,
    seed: input.seed,
    ...input.header,
    probes: input.probes.map((p) => ({ id: p.id, category: p.category, title: p.title })),
    bootstrap: { replicates: R, resampled: "personas", confidence: 0.95 },
    counts: {
      personas: ids.length,
      conversations: input.conversations,
      judged_ok: input.judgements.length - invalid(),
      judged_invalid: invalid(),
    },
    overall: overall.overall,
    categories: categoryStats,
    worst_categories: worst,
    segments,
    disparities: {
      method: `segment vs the rest within strata (probe for country; country × probe otherwise), Cochran–Mantel–Haenszel weights; SE from the persona bootstrap, two-sided z test; Benjamini–Hochberg at FDR ${DISPARITY_FDR} within each segment kind; tested only with ≥ ${MIN_DISPARITY_N} judged conversations from ≥ ${MIN_DISPARITY_PERSONAS} personas on each side`,
      min_n: MIN_DISPARITY_N,
      min_personas: MIN_DISPARITY_PERSONAS,
      fdr: DISPARITY_FDR,
      tested: disparities.length,
      families: tested.families,
      flagged: rankDisparities(disparities.filter((d) => d.flagged)),
      largest: rankDisparities(disparities, 10),
    },
  });
}

/** a segment's values: countries in the given order (then as met), the others sorted ("unknown" last) */
function groupValues(values: readonly string[], kind: SegmentKind, countryOrder: readonly string[]): string[] {
  const unique = [...new Set(values)];
  if (kind === "country") return [...countryOrder.filter((c) => unique.includes(c)), ...unique.filter((c) => !countryOrder.includes(c))];
  return unique.sort((a, b) => Number(a === "unknown") - Number(b === "unknown") || (a < b ? -1 : a > b ? 1 : 0));
}
