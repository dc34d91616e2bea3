// a discuss run's panel: groups per arm, rounds, the pre → post answer distribution per arm ×
// item (one bar cell per code, percentages when wide, means and their change), and the last
// turns of the transcript. `compact` (short terminals) keeps fewer rows and turns.
import { Box, Text } from "ink";
import { percent } from "../../scenarios/survey/unicode-bar.js";
import type { AnswerSummary, DiscussionView } from "./discussion-view.js";
import { cell, clip, fixed } from "./dashboard-format.js";

const LEVELS = " ▁▂▃▄▅▆▇█";

/** one cell per code, its height the code's share */
export function shareSpark(summary: AnswerSummary | null): string {
  if (!summary || summary.n === 0) return "–";
  return summary.shares.map((s) => LEVELS[Math.round(s.share * (LEVELS.length - 1))]).join("");
}

function side(summary: AnswerSummary | null, wide: boolean): string {
  if (!summary) return "–";
  const dist = wide ? summary.shares.map((s) => `${s.code}:${percent(s.share).trim()}`).join(" ") : shareSpark(summary);
  return `n=${summary.n} ${dist} m${fixed(summary.mean, 2)}`;
}

export function DiscussionPanel(props: { view: DiscussionView; width: number; compact: boolean }) {
  const { view: d, width, compact } = props;
  const wide = width >= 120;
  const arms = d.groupsByArm.map((a) => `${a.arm} ${a.groups}`).join(" · ");
  const rounds = `round ${d.round}/${d.rounds ?? "?"}${d.rounds !== null ? ` (${d.groupsDone}/${d.groups} groups done)` : ""}`;
  const maxRows = compact ? 4 : 12;
  const rows = d.rows.slice(0, maxRows);
  const tail = d.tail.slice(compact ? -3 : -6);
  const armW = Math.min(12, Math.max(3, ...rows.map((r) => r.arm.length)));
  const itemW = Math.min(10, Math.max(4, ...rows.map((r) => r.item.length)));
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>discussion </Text>
        <Text>{clip(`groups ${d.groups}${arms ? ` (${arms})` : ""} · ${rounds} · turns ${d.turns}`, Math.max(0, width - 11))}</Text>
      </Text>
      <Text dimColor>
        {clip(`opinions per arm: pre → post (${wide ? "share per code" : "one bar per code"}, mean m, change Δ)`, width)}
      </Text>
      {rows.length === 0 ? <Text dimColor>no answers yet</Text> : null}
      {rows.map((r) => (
        <Text key={`${r.arm}/${r.item}`}>
          <Text color="cyan">{cell(r.arm, armW)}</Text>
          <Text>
            {clip(
              ` ${cell(r.item, itemW)} pre ${side(r.pre, wide)} → post ${side(r.post, wide)}${r.change === null ? "" : ` Δ${r.change >= 0 ? "+" : ""}${r.change.toFixed(2)}`}`,
              Math.max(0, width - armW),
            )}
          </Text>
        </Text>
      ))}
      {d.rows.length > rows.length ? <Text dimColor>{`  +${d.rows.length - rows.length} more`}</Text> : null}
      <Text dimColor>{clip(tail.length ? "last turns" : "no turns yet", width)}</Text>
      {tail.map((t, i) => (
        <Text key={i}>
          <Text dimColor>{clip(t.who, Math.min(width, 28))}</Text>
          <Text>{clip(` ${t.text}`, Math.max(0, width - Math.min(width, t.who.length, 28)))}</Text>
        </Text>
      ))}
    </Box>
  );
}
