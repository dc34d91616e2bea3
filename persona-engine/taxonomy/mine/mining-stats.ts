// what a mining run did, for stdout (text) and --json.
import type { RunStatus } from "../../../core/store/run-manifest.js";

export interface MiningStats {
  status: Exclude<RunStatus, "running">;
  reason: string | null;
  conversations: { lines: number; unique: number; duplicates: number; used: number };
  classified: { done: number; this_session: number; resumed: number; failed: number };
  personalisable: { fully: number; partially: number; not: number };
  extracted: { done: number; this_session: number; resumed: number; failed: number; attributes: number };
  candidates: { paths: number; dropped: Record<string, number> };
  /** per depth below the category (1 = facets): distinct names and the clusters they merged into */
  clusters: { depth: number; names: number; clusters: number }[];
  /** the cleaned tree; nodes and leaves below the categories */
  tree: { categories: number; nodes: number; facets: number; leaves: number };
  cleaning: { dropped: Record<string, number>; fixed: Record<string, number> };
  merge?: {
    into: string;
    added_nodes: number;
    added_facets: number;
    added_leaves: number;
    added_categories: number;
    matched: number;
    hoisted: number;
    files: string[];
    skipped?: string;
  };
  model: {
    chat: string;
    embeddings: string;
    calls: number;
    input_tokens: number;
    output_tokens: number;
    cost_usd: number;
    embedding_requests: number;
  };
  out?: string;
  run_dir?: string;
}

const list = (m: Record<string, number>) => {
  const e = Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return e.length ? e.map(([k, v]) => `${k} ${v}`).join(", ") : "none";
};

export function formatMiningStats(s: MiningStats): string {
  const lines = [
    `taxonomy mine: ${s.status}${s.reason ? ` — ${s.reason}` : ""}`,
    `conversations: ${s.conversations.unique} read (${s.conversations.lines} lines, ${s.conversations.duplicates} duplicates), ${s.conversations.used} used`,
    `classified: ${s.classified.done} (${s.classified.this_session} this session, ${s.classified.resumed} resumed, ${s.classified.failed} failed)`,
    `personalisable: fully ${s.personalisable.fully}, partially ${s.personalisable.partially}, not ${s.personalisable.not}`,
    `extracted: ${s.extracted.done} conversations (${s.extracted.this_session} this session, ${s.extracted.resumed} resumed, ${s.extracted.failed} failed), ${s.extracted.attributes} attributes`,
    `candidate paths: ${s.candidates.paths} (dropped: ${list(s.candidates.dropped)})`,
    `clusters: ${s.clusters.map((c) => `depth ${c.depth}: ${c.names} names → ${c.clusters}`).join("; ") || "none"}`,
    `tree: ${s.tree.categories} categories, ${s.tree.nodes} nodes (${s.tree.facets} facets, ${s.tree.leaves} leaves)`,
    `cleaning dropped: ${list(s.cleaning.dropped)}`,
    `cleaning fixed: ${list(s.cleaning.fixed)}`,
  ];
  if (s.merge) {
    lines.push(
      s.merge.skipped
        ? `merge into ${s.merge.into}: skipped (${s.merge.skipped})`
        : `merge into ${s.merge.into}: ${s.merge.added_nodes} nodes added (${s.merge.added_facets} facets, ${s.merge.added_leaves} leaves, ${s.merge.added_categories} categories), ${s.merge.matched} matched existing, ${s.merge.hoisted} hoisted; ${s.merge.files.length} files written`,
    );
  }
  lines.push(
    `model: ${s.model.chat} calls ${s.model.calls}, tokens in ${s.model.input_tokens} out ${s.model.output_tokens}, est. cost $${s.model.cost_usd.toFixed(4)}; embeddings ${s.model.embeddings} requests ${s.model.embedding_requests}`,
  );
  if (s.out) lines.push(`out: ${s.out}`);
  if (s.run_dir) lines.push(`run: ${s.run_dir}`);
  return lines.join("\n") + "\n";
}
