// the Big Five trait view of the survey panel: one row per trait, per arm a bar on the answer
// scale (1–5), the mean of the keyed answers so far and how many answers it rests on.
import { Box, Text } from "ink";
import { unicodeBar } from "../../scenarios/survey/unicode-bar.js";
import { SERIES_INK_COLOURS } from "./distribution-panel.js";
import { armLabel, cell, clip, fixed } from "./dashboard-format.js";
import type { TraitTableView } from "./trait-view.js";

export function TraitPanel(props: { view: TraitTableView; width: number }) {
  const { view, width } = props;
  const narrow = width < 100;
  const labelW = narrow ? 14 : 20;
  const colW = Math.max(6, Math.floor((width - labelW) / Math.max(1, view.arms.length)));
  const numW = narrow ? 5 : 12;
  const barW = Math.max(0, colW - numW - 1);
  const [min, max] = view.scale;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{clip(`Big Five trait means so far — ${view.country}`, width)}</Text>
        <Text dimColor>{clip(`  keyed answers, ${min}–${max}`, Math.max(0, width - 32 - view.country.length))}</Text>
      </Text>
      <Text>
        <Text>{" ".repeat(labelW)}</Text>
        {view.arms.map((arm, i) => (
          <Text key={arm} color={SERIES_INK_COLOURS[(i + 1) % SERIES_INK_COLOURS.length]}>
            {cell(armLabel(arm, narrow), colW)}
          </Text>
        ))}
      </Text>
      {view.rows.map((r) => (
        <Text key={r.id}>
          <Text>{cell(`${r.id} ${r.name}`, labelW - 1)} </Text>
          {r.cells.map((c, i) => (
            <Text key={view.arms[i]}>
              <Text color={SERIES_INK_COLOURS[(i + 1) % SERIES_INK_COLOURS.length]}>
                {cell(c.mean === null || barW < 1 ? "" : unicodeBar(c.mean - min, max - min, barW), barW)}
              </Text>
              <Text>{cell(` ${fixed(c.mean, 2)}${narrow ? "" : ` n=${c.n}`}`, Math.min(numW + 1, colW - barW))}</Text>
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
