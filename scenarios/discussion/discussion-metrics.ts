// metrics.json of a discussion run: per arm × item the mean before and after the discussion and
// the mean change over personas answered both times (paired), the share who changed their answer,
// the pre → post distribution shift (Jensen–Shannon distance in bits, total variation), and the
// treatment effect = mean change (treatment) − mean change (control).
// intervals: percentile bootstrap with GROUPS as the resampling unit (clustered bootstrap). arms
// were assigned to groups and the members of a group talk to each other, so their changes are not
// independent: the group is the unit of randomisation and of independence. resampling personas
// (also given, as `*_persona_naive`) treats correlated changes as independent and is too narrow.
// small-cluster correction: with few groups the percentile interval is too narrow (91% at nominal
// 95% with 10 groups per arm), so `ci95` is estimate ± t(0.975, G − 1) · SE with SE the SD of the
// cluster-bootstrap replicates and G the groups of the smaller arm (percentile kept as
// `ci95_percentile`); `mde` is the minimum detectable effect at 80% power, two-sided 5%:
// (t(0.975, G − 1) + t(0.80, G − 1)) · SE. effects: treatment − control, and with a message-only
// arm message-only − control (the message alone) and treatment − message-only (what discussing
// adds). `share_changed_chance` = 1 − Σ pre_k·post_k: the share that would change if post answers
// were independent redraws — read share_changed next to it and next to a --post-memory none run.
import { createRng } from "../../core/rng.js";
import { percentileInterval } from "../../surveys/metrics/bootstrap-ci.js";
import { jsDistance, totalVariation } from "../../surveys/metrics/categorical-metrics.js";
import { clusterBootstrapMeans, differenceReplicates, pooledMean, type Cluster } from "../../surveys/metrics/cluster-bootstrap.js";
import { validCodes } from "../../surveys/item-codes.js";
import { tQuantile } from "../../surveys/metrics/centered-interval.js";
import { plainMean } from "../../surveys/metrics/plain-moments.js";
import { sampleStandardDeviation } from "simple-statistics";
import { checkedMetrics } from "../checked-metrics.js";
import { DiscussionMetricsSchema, type ArmItemMetrics, type DiscussionMetrics, type TreatmentEffect } from "./discussion-metrics-schema.js";
export type { ArmItemMetrics, DiscussionMetrics, TreatmentEffect } from "./discussion-metrics-schema.js";
import type { DiscussionArm, DiscussionSpec } from "./discussion-spec.js";
import type { MeasureRecord } from "./measure-record.js";
import type { MeasuredItem } from "./measure-tasks.js";
import type { PlannedGroup } from "./plan-discussion.js";

/** below this many groups per arm, cluster-bootstrap intervals are too narrow to trust */
export const MIN_GROUPS_FOR_CI = 10;

export interface DiscussionMetricsOptions {
  runId: string;
  spec: DiscussionSpec;
  items: readonly MeasuredItem[];
  groups: readonly PlannedGroup[];
  rows: readonly MeasureRecord[];
  model: string;
  synthetic: boolean;
}

/** SE of replicates, the small-cluster t interval and the minimum detectable effect */
function smallClusterInference(
  estimate: number,
  replicates: ArrayLike<number>,
  groups: number,
): { se: number | null; df: number | null; ci95: [number, number] | null; mde: number | null } {
  const finiteReps = Array.from(replicates).filter(Number.isFinite);
  if (finiteReps.length < 2 || groups < 2) return { se: null, df: null, ci95: null, mde: null };
  const se = sampleStandardDeviation(finiteReps);
  const df = groups - 1;
  const t = tQuantile(0.975, df);
  const r = (x: number) => Number(x.toFixed(6));
  return { se: r(se), df, ci95: [r(estimate - t * se), r(estimate + t * se)], mde: r((t + tQuantile(0.8, df)) * se) };
}
const finite = (x: number) => (Number.isFinite(x) ? x : null);

function counts(rows: readonly MeasureRecord[]): DiscussionMetrics["status_counts"]["pre"] {
  const c = { rows: rows.length, ok: 0, refused: 0, invalid: 0 };
  for (const r of rows) c[r.status]++;
  return c;
}

export function discussionMetrics(options: DiscussionMetricsOptions): DiscussionMetrics {
  const { spec } = options;
  const replicates = spec.bootstrap;
  const ok = new Map<string, number>();
  for (const r of options.rows) if (r.status === "ok" && r.value !== null) ok.set(`${r.phase}/${r.persona_id}/${r.item}`, r.value);
  const groupsOf = (arm: DiscussionArm) => options.groups.filter((g) => g.arm === arm);
  const per = (arm: DiscussionArm) => groupsOf(arm).reduce((n, g) => n + g.members.length, 0);
  const results: DiscussionMetrics["results"] = {};
  const draws: Record<string, Record<string, { clustered: Float64Array; naive: Float64Array }>> = {};

  for (const arm of spec.arms) {
    results[arm] = {};
    draws[arm] = {};
    const groups = groupsOf(arm);
    for (const { item } of options.items) {
      const codes = validCodes(item);
      const pre: number[] = [];
      const post: number[] = [];
      const clusters: Cluster[] = [];
      const single: Cluster[] = [];
      for (const g of groups) {
        const cluster: Cluster = { sum: 0, n: 0 };
        for (const id of g.members) {
          const a = ok.get(`pre/${id}/${item.id}`);
          const b = ok.get(`post/${id}/${item.id}`);
          if (a === undefined || b === undefined) continue;
          pre.push(a);
          post.push(b);
          cluster.sum += b - a;
          cluster.n++;
          single.push({ sum: b - a, n: 1 });
        }
        clusters.push(cluster);
      }
      const rng = createRng(spec.seed).fork(`discussion-bootstrap:${arm}:${item.id}`);
      const clustered = clusterBootstrapMeans(clusters, replicates, rng.fork("groups"));
      const naive = clusterBootstrapMeans(single, replicates, rng.fork("personas"));
      (draws[arm] as Record<string, { clustered: Float64Array; naive: Float64Array }>)[item.id] = { clustered, naive };
      const shares = (xs: number[]) => codes.map((c) => (xs.length ? xs.filter((x) => x === c).length / xs.length : 0));
      const [p, q] = [shares(pre), shares(post)];
      const paired = pre.length;
      const change = paired ? finite(pooledMean(clusters)) : null;
      const inf = replicates > 0 && change !== null ? smallClusterInference(change, clustered, groups.length) : null;
      (results[arm] as Record<string, ArmItemMetrics>)[item.id] = {
        n_personas: per(arm),
        n_groups: groups.length,
        n_paired: paired,
        mean_pre: plainMean(pre),
        mean_post: plainMean(post),
        mean_change: change,
        ci95_change: inf?.ci95 ?? null,
        ci95_change_percentile: replicates > 0 && paired ? percentileInterval(clustered) : null,
        ci95_change_persona_naive: replicates > 0 && paired ? percentileInterval(naive) : null,
        share_changed: paired ? pre.filter((x, i) => x !== post[i]).length / paired : null,
        share_changed_chance: paired ? Number((1 - p.reduce((a, x, k) => a + x * (q[k] as number), 0)).toFixed(6)) : null,
        shift: { js_distance: paired ? jsDistance(p, q) : null, total_variation: paired ? totalVariation(p, q) : null },
        distribution: { codes, pre: p, post: q },
      };
    }
  }

  const effects: DiscussionMetrics["effects"] = {};
  const pairs: [DiscussionArm, DiscussionArm][] = [
    ["treatment", "control"],
    ["message-only", "control"],
    ["treatment", "message-only"],
  ];
  for (const [a, b] of pairs) {
    if (!spec.arms.includes(a) || !spec.arms.includes(b)) continue;
    const label = `${a} − ${b}`;
    effects[label] = {};
    const ga = groupsOf(a).length;
    const gb = groupsOf(b).length;
    for (const { item } of options.items) {
      const ra = results[a]?.[item.id];
      const rb = results[b]?.[item.id];
      const da = draws[a]?.[item.id];
      const db = draws[b]?.[item.id];
      const estimate = ra?.mean_change != null && rb?.mean_change != null ? ra.mean_change - rb.mean_change : null;
      const both = estimate !== null && replicates > 0 && da && db;
      const diff = both ? differenceReplicates(da.clustered, db.clustered) : null;
      const inf = diff && estimate !== null ? smallClusterInference(estimate, diff, Math.min(ga, gb)) : null;
      (effects[label] as Record<string, TreatmentEffect>)[item.id] = {
        contrast: label,
        estimate,
        ci95: inf?.ci95 ?? null,
        ci95_percentile: diff ? percentileInterval(diff) : null,
        ci95_persona_naive: both ? percentileInterval(differenceReplicates(da.naive, db.naive)) : null,
        se: inf?.se ?? null,
        df: inf?.df ?? null,
        mde: inf?.mde ?? null,
        n_groups: { [b]: gb, [a]: ga } as Partial<Record<DiscussionArm, number>>,
      };
    }
  }
  const effect: DiscussionMetrics["treatment_effect"] = effects["treatment − control"] ?? null;

  const warnings: string[] = [];
  const fewest = Math.min(...spec.arms.map((a) => groupsOf(a).length));
  if (replicates > 0 && fewest < MIN_GROUPS_FOR_CI) {
    warnings.push(
      `only ${fewest} group${fewest === 1 ? "" : "s"} in the smallest arm: with fewer than ${MIN_GROUPS_FOR_CI} groups per arm even the t(G − 1) intervals rest on few independent units; read them as descriptive, mind the minimum detectable effect, and add personas for inference`,
    );
  }
  if (spec.postMemory === "none")
    warnings.push(
      "post measures remembered nothing of the discussion (--post-memory none): any change is sampling variation, a noise floor",
    );

  return checkedMetrics<DiscussionMetrics>(DiscussionMetricsSchema, {
    run_id: options.runId,
    model: options.model,
    synthetic: options.synthetic,
    seed: spec.seed,
    topic: spec.topic,
    arms: [...spec.arms],
    items: options.items.map(({ item, instrument }) => ({
      id: item.id,
      instrument,
      title: item.title,
      construct: item.construct ?? null,
      direction: item.direction,
    })),
    design: {
      group_size: spec.groupSize,
      rounds: spec.rounds,
      post_memory: spec.postMemory,
      groups: Object.fromEntries(spec.arms.map((a) => [a, groupsOf(a).length])),
      personas: Object.fromEntries(spec.arms.map((a) => [a, per(a)])),
    },
    bootstrap: {
      replicates,
      unit: "group",
      method:
        "groups resampled with replacement within each arm (clustered bootstrap), arms independently; ci95 = estimate ± t(0.975, G − 1) · SD of the replicates, G = groups of the smaller arm (small-cluster correction); ci95_percentile = the plain percentile interval; mde = (t(0.975, G − 1) + t(0.80, G − 1)) · SE",
    },
    status_counts: {
      pre: counts(options.rows.filter((r) => r.phase === "pre")),
      post: counts(options.rows.filter((r) => r.phase === "post")),
    },
    results,
    treatment_effect: effect,
    effects,
    warnings,
  });
}
