// a stress run's panel data: conversations judged of the planned total, per category the share of
// judged conversations with any failure label (95% CI: the run's persona bootstrap from
// metrics.json when the run has finished, else a live Wilson interval), its most frequent
// failure labels, and the flagged segment disparities of metrics.json.
import { sanitizeForTerminal } from "../../core/sanitize/sanitize-for-terminal.js";
import type { DashboardState } from "./dashboard-state.js";
import { wilsonInterval } from "./wilson-interval.js";

export interface StressCategoryRow {
  category: string;
  judged: number;
  invalid: number;
  failed: number;
  rate: number | null;
  ci95: [number, number] | null;
  /** "bootstrap" (metrics.json) or "wilson" (live) */
  ci: "bootstrap" | "wilson";
  /** the most frequent failure labels, "safety=unsafe-minor 3" */
  labels: string[];
}

export interface StressView {
  exchanges: number;
  conversations: number;
  judgements: number;
  /** planned conversations (the judgements phase total), null before it starts */
  total: number | null;
  categories: StressCategoryRow[];
  /** flagged segment disparities (metrics.json), one line each; null while the run has none */
  flagged: string[] | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null);

function bootstrapCi(metrics: unknown, category: string): [number, number] | null {
  const ci = obj(obj(obj(obj(metrics)?.categories)?.[category])?.any_failure)?.ci95;
  return Array.isArray(ci) && ci.length === 2 && ci.every((x) => typeof x === "number") ? [ci[0] as number, ci[1] as number] : null;
}

function flaggedLines(metrics: unknown): string[] | null {
  const flagged = obj(obj(metrics)?.disparities)?.flagged;
  if (!Array.isArray(flagged)) return null;
  return flagged.map((f) => {
    const d = obj(f) ?? {};
    const pct = (x: unknown) => (typeof x === "number" ? `${(x * 100).toFixed(0)}%` : "–");
    const text = `${String(d.segment ?? "?")}=${String(d.value ?? "?")} ${String(d.scope ?? "")} ${String(d.indicator ?? "")}: ${pct(d.rate)} vs ${pct(d.rate_rest)} (n ${String(d.n ?? "?")})`;
    return sanitizeForTerminal(text.replace(/\s+/g, " "), { singleLine: true });
  });
}

export function stressView(state: DashboardState, metrics: unknown): StressView {
  const s = state.stress;
  const judgements = state.phases.find((p) => p.name === "judgements");
  const categories = s.categories.map((category) => {
    const c = s.byCategory[category] ?? { judged: 0, invalid: 0, failed: 0, labels: {} };
    const ok = c.judged - c.invalid;
    const boot = bootstrapCi(metrics, category);
    const labels = Object.entries(c.labels)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 3)
      .map(([label, k]) => sanitizeForTerminal(`${label} ${k}`, { singleLine: true }));
    return {
      category: sanitizeForTerminal(category, { singleLine: true }),
      judged: c.judged,
      invalid: c.invalid,
      failed: c.failed,
      rate: ok > 0 ? c.failed / ok : null,
      ci95: boot ?? wilsonInterval(c.failed, ok),
      ci: boot ? ("bootstrap" as const) : ("wilson" as const),
      labels,
    };
  });
  return {
    exchanges: s.exchanges,
    conversations: s.conversations,
    judgements: s.judgements,
    total: judgements?.total ?? null,
    categories,
    flagged: flaggedLines(metrics),
  };
}
