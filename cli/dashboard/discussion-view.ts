// a discuss run's panel data: groups per arm, rounds done of the planned rounds, the last turns
// (sanitised: model text), and per arm × item the pre and post answer distributions with means.
import { sanitizeForTerminal } from "../../core/sanitize/sanitize-for-terminal.js";
import type { CellCounts, DashboardState } from "./dashboard-state.js";

export interface AnswerSummary {
  n: number;
  /** code → share of ok answers, codes ascending */
  shares: { code: number; share: number }[];
  mean: number | null;
  refused: number;
  invalid: number;
}

export interface DiscussionView {
  groups: number;
  groupsByArm: { arm: string; groups: number }[];
  /** the furthest round reached by any group / the planned rounds (null when unknown) */
  round: number;
  rounds: number | null;
  /** groups that have finished every planned round */
  groupsDone: number;
  turns: number;
  tail: { who: string; text: string }[];
  rows: { arm: string; item: string; pre: AnswerSummary | null; post: AnswerSummary | null; change: number | null }[];
}

function summary(cell: CellCounts | undefined): AnswerSummary | null {
  if (!cell) return null;
  const entries = Object.entries(cell.codes)
    .map(([c, k]) => ({ code: Number(c), k }))
    .sort((a, b) => a.code - b.code);
  const n = entries.reduce((s, e) => s + e.k, 0);
  return {
    n,
    shares: entries.map((e) => ({ code: e.code, share: n > 0 ? e.k / n : 0 })),
    mean: n > 0 ? entries.reduce((s, e) => s + e.code * e.k, 0) / n : null,
    refused: cell.refused,
    invalid: cell.invalid,
  };
}

export function discussionView(state: DashboardState, rounds: number | null): DiscussionView {
  const d = state.discussion;
  const groupNames = Object.keys(d.groups);
  const arms = state.arms;
  const items = state.items;
  const rows = arms.flatMap((arm) =>
    items
      .filter((item) => d.measures[arm]?.pre?.[item] || d.measures[arm]?.post?.[item])
      .map((item) => {
        const pre = summary(d.measures[arm]?.pre?.[item]);
        const post = summary(d.measures[arm]?.post?.[item]);
        return { arm, item, pre, post, change: pre?.mean != null && post?.mean != null ? post.mean - pre.mean : null };
      }),
  );
  return {
    groups: groupNames.length,
    groupsByArm: arms.map((arm) => ({ arm, groups: groupNames.filter((g) => d.groups[g] === arm).length })).filter((a) => a.groups > 0),
    round: Math.max(0, ...Object.values(d.roundByGroup)),
    rounds,
    groupsDone: rounds === null ? 0 : groupNames.filter((g) => (d.roundByGroup[g] ?? 0) >= rounds).length,
    turns: d.turns,
    tail: d.tail.map((t) => ({
      who: sanitizeForTerminal(`${t.group} r${t.round}.${t.turn} ${t.persona}`, { singleLine: true }),
      text: t.text === null ? "(text in turns.jsonl)" : sanitizeForTerminal(t.text, { singleLine: true }),
    })),
    rows,
  };
}
