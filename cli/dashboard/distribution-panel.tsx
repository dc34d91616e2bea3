// the selected item × country: one row per answer code, one column per series — the real WVS-7
// reference first, then every arm — each a horizontal bar (scaled to the largest share shown)
// with its percentage; the column heads carry n and the arm's JS distance to the reference.
import { Box, Text } from "ink";
import { percent, unicodeBar } from "../../scenarios/survey/unicode-bar.js";
import type { DistributionView } from "./dashboard-view.js";
import { armLabel, cell, clip, fixed } from "./dashboard-format.js";

export const SERIES_INK_COLOURS = ["gray", "cyan", "magenta", "green", "blue", "yellow"] as const;

export function DistributionPanel(props: {
  distribution: DistributionView | null;
  width: number;
  interactive: boolean;
  qKey?: "hide" | "quit";
}) {
  const d = props.distribution;
  const { width } = props;
  if (!d) return <Text dimColor>no answers yet</Text>;
  // from 70 columns on (an 80-column terminal included) option labels stay, clipped shorter below 100
  const narrow = width < 70;
  const labelW = narrow
    ? Math.max(...d.codes.map((c) => String(c.code).length)) + 1
    : Math.min(width >= 100 ? 22 : 14, Math.max(...d.codes.map((c) => `${c.code} ${c.label}`.length)) + 1);
  const columns = Math.max(1, d.series.length);
  const colW = Math.max(7, Math.floor((width - labelW) / columns));
  const pctW = 6;
  const barW = colW - pctW - 2;
  const max = Math.max(0, ...d.series.flatMap((s) => s.shares ?? []));
  const keys = props.interactive
    ? width < 100
      ? `←/→ item tab q ${props.qKey ?? "hide"}`
      : `←/→ item · tab/↑↓ country · q ${props.qKey ?? "hide"}`
    : "";
  const head = `${d.item} ${d.title} — ${d.country}`;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{clip(head, width)}</Text>
        <Text dimColor>
          {clip(
            `  ${d.position}${d.reference ? "" : " · no WVS-7 reference"}${keys ? `  (${keys})` : ""}`,
            Math.max(0, width - head.length),
          )}
        </Text>
      </Text>
      <Text>
        <Text>{" ".repeat(labelW)}</Text>
        {d.series.map((s, i) => (
          <Text key={s.name} color={SERIES_INK_COLOURS[i % SERIES_INK_COLOURS.length]} bold={s.reference}>
            {`${cell(`${armLabel(s.name, narrow)}${s.n === null ? "" : ` n=${Math.round(s.n)}`}`, colW - 1)} `}
          </Text>
        ))}
      </Text>
      <Text>
        <Text>{" ".repeat(labelW)}</Text>
        {d.series.map((s) => (
          <Text key={s.name} dimColor>
            {`${cell(s.reference ? (d.reference ?? "reference") : `JS ${fixed(s.js)}`, colW - 1)} `}
          </Text>
        ))}
      </Text>
      {d.codes.map((c, row) => (
        <Text key={c.code}>
          <Text>{cell(narrow ? String(c.code) : `${c.code} ${c.label}`, labelW - 1)} </Text>
          {d.series.map((s, i) => {
            const share = s.shares?.[row] ?? null;
            const bar = share === null || barW < 1 ? "" : unicodeBar(share, max, barW);
            return (
              <Text key={s.name}>
                <Text color={SERIES_INK_COLOURS[i % SERIES_INK_COLOURS.length]}>{cell(bar, Math.max(0, barW))}</Text>
                <Text>{` ${cell(share === null ? "–" : percent(share), pctW, "right")} `}</Text>
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
