// KS and JS distance per item for the selected country, one column per arm, computed from the
// answers so far; the selected item is marked. narrow terminals: JS only.
import { Box, Text } from "ink";
import type { DashboardView } from "./dashboard-view.js";
import { armLabel, cell, fixed } from "./dashboard-format.js";

export function MetricsTable(props: { table: DashboardView["table"]; width: number }) {
  const t = props.table;
  if (!t) return null;
  const narrow = props.width < 80;
  const itemW = narrow ? 8 : Math.min(30, Math.max(12, props.width - t.arms.length * 22));
  const colW = Math.max(6, Math.min(22, Math.floor((props.width - itemW) / Math.max(1, t.arms.length))));
  const value = (c: { ks: number | null; js: number | null; n: number }) =>
    narrow ? fixed(c.js, 2) : `KS ${fixed(c.ks, 2)} JS ${fixed(c.js, 2)}`;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{cell(`${narrow ? "" : "KS / JS · "}${t.country}`, itemW)}</Text>
        {t.arms.map((arm) => (
          <Text key={arm} bold>
            {cell(armLabel(arm, narrow), colW)}
          </Text>
        ))}
      </Text>
      {t.rows.map((r) => (
        <Text key={r.item} inverse={r.selected}>
          <Text>{cell(`${r.selected ? "▸" : " "}${r.item} ${narrow ? "" : r.title}`, itemW - 1)} </Text>
          {r.cells.map((c, i) => (
            <Text key={t.arms[i] ?? i}>{cell(c.n === 0 ? "–" : value(c), colW)}</Text>
          ))}
        </Text>
      ))}
      {t.hidden > 0 ? <Text dimColor>{`  … ${t.hidden} more item(s): ←/→`}</Text> : null}
    </Box>
  );
}
