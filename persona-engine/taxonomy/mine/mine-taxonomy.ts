// the stage-1 pipeline over one run directory: (a) classify and (b) extract (resumable model
// calls, run-mining-calls.ts), (c) merge candidate paths into a tree by embedding similarity,
// (d) clean it; returns the cleaned tree and the stats (e). writing the tree and merging it into
// a taxonomy folder are left to the caller.
import type { ModelClient } from "../../../core/model/model-client.js";
import type { RunStore } from "../../../core/store/run-store.js";
import type { RunKeyedTasksSummary } from "../../../core/run/run-keyed-tasks.js";
import { buildMinedTree } from "./build-mined-tree.js";
import { candidatePaths } from "./candidate-paths.js";
import { cleanMinedTree } from "./clean-mined-tree.js";
import type { Conversation } from "./conversation-schema.js";
import { countMinedNodes, type MinedNode } from "./mined-node.js";
import type { MiningStats } from "./mining-stats.js";
import { runMiningCalls, type MiningPhase } from "./run-mining-calls.js";
import { createTextEmbedder, type TextEmbedder } from "./text-embedder.js";

export interface MineTaxonomyOptions {
  store: RunStore;
  conversations: readonly Conversation[];
  /** counts for the stats: lines read, unique conversations, duplicates */
  input: { lines: number; unique: number; duplicates: number };
  /** chat + embeddings (created with an embeddings spec); its meter gives the stats' usage */
  client: ModelClient;
  threshold: number;
  /** model requests in flight (the client's limiter); the task window */
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (phase: MiningPhase | "merge", done: number, total: number) => void;
}

export interface MineTaxonomyResult {
  stats: MiningStats;
  /** the cleaned tree (empty when the run failed or was cancelled) */
  categories: MinedNode[];
  embedder: TextEmbedder;
  cancelled: boolean;
}

function combine(a: RunKeyedTasksSummary, b: RunKeyedTasksSummary): { status: MiningStats["status"]; reason: string | null } {
  for (const s of [a, b]) if (s.status === "failed") return { status: "failed", reason: s.reason };
  for (const s of [a, b]) if (s.status === "incomplete") return { status: "incomplete", reason: s.reason };
  return { status: "complete", reason: null };
}

export async function mineTaxonomy(options: MineTaxonomyOptions): Promise<MineTaxonomyResult> {
  const { meter } = options.client;
  const embedder = createTextEmbedder(options.client.embeddings);
  const calls = await runMiningCalls({
    store: options.store,
    conversations: options.conversations,
    client: options.client,
    concurrency: options.concurrency,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const { status, reason } = combine(calls.classify, calls.extract);
  const cancelled = calls.classify.stoppedBy === "cancelled" || calls.extract.stoppedBy === "cancelled";
  await options.store.finish(status, reason, {
    classified: calls.classifications.length,
    extracted: calls.extractions.length,
    failed: calls.classify.failed + calls.extract.failed,
  });

  const byClass = { fully: 0, partially: 0, not: 0 };
  for (const c of calls.classifications) byClass[c.personalisable]++;
  const candidates = candidatePaths(calls.extractions);
  let categories: MinedNode[] = [];
  let levels: { names: number; clusters: number }[] = [];
  let report = { dropped: {} as Record<string, number>, fixed: {} as Record<string, number> };
  if (status !== "failed" && !cancelled) {
    options.onProgress?.("merge", 0, candidates.candidates.length);
    const built = await buildMinedTree(candidates.candidates, { embedder, threshold: options.threshold });
    levels = built.levels;
    const cleaned = cleanMinedTree(built.categories);
    categories = cleaned.categories;
    report = cleaned.report;
  }
  const counts = countMinedNodes(categories.flatMap((c) => c.children));
  const totals = meter.totals();
  const stats: MiningStats = {
    status,
    reason,
    conversations: { ...options.input, used: options.conversations.length },
    classified: {
      done: calls.classifications.length,
      this_session: calls.classify.completed,
      resumed: calls.classify.alreadyDone,
      failed: calls.classify.failed,
    },
    personalisable: byClass,
    extracted: {
      done: calls.extractions.length,
      this_session: calls.extract.completed,
      resumed: calls.extract.alreadyDone,
      failed: calls.extract.failed,
      attributes: calls.extractions.reduce((n, r) => n + r.attributes.length, 0),
    },
    candidates: { paths: candidates.candidates.length, dropped: candidates.dropped },
    clusters: levels.map((l, i) => ({ depth: i + 1, ...l })),
    tree: { categories: categories.length, nodes: counts.nodes, facets: counts.nodes - counts.leaves, leaves: counts.leaves },
    cleaning: report,
    model: {
      chat: options.client.spec,
      embeddings: options.client.embeddingsSpec ?? "none",
      calls: totals.calls,
      input_tokens: totals.inputTokens,
      output_tokens: totals.outputTokens,
      cost_usd: totals.costUsd,
      embedding_requests: embedder.calls,
    },
  };
  return { stats, categories, embedder, cancelled };
}
