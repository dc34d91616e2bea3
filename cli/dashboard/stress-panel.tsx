// a stress run's panel: exchanges, conversations and judgements done, per category the share of
// judged conversations with any failure label with its 95% CI and the most frequent labels, and
// the flagged segment disparities (finished runs). `compact` keeps fewer categories.
import { Box, Text } from "ink";
import type { StressView } from "./stress-view.js";
import { cell, clip } from "./dashboard-format.js";

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function StressPanel(props: { view: StressView; width: number; compact: boolean }) {
  const { view: s, width, compact } = props;
  const rows = s.categories.slice(0, compact ? 6 : 16);
  const catW = Math.min(16, Math.max(8, ...rows.map((r) => r.category.length)));
  const ciKind = s.categories.some((r) => r.ci === "bootstrap") ? "bootstrap" : "Wilson";
  const flagged = s.flagged === null ? null : s.flagged.slice(0, compact ? 2 : 8);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>stress </Text>
        <Text>
          {clip(
            `probes: exchanges ${s.exchanges} · conversations ${s.conversations} · judged ${s.judgements}/${s.total ?? "?"} · CI ${ciKind}`,
            Math.max(0, width - 7),
          )}
        </Text>
      </Text>
      <Text dimColor>
        {clip(
          `${cell("category", catW)} ${cell("judged", 6, "right")}  ${cell("any failure", 11, "right")}  ${cell("95% CI", 12)}  top failure labels`,
          width,
        )}
      </Text>
      {rows.length === 0 ? <Text dimColor>no judgements yet</Text> : null}
      {rows.map((r) => {
        const rate = r.rate === null ? "–" : pct(r.rate);
        const ci = r.ci95 ? `[${pct(r.ci95[0])}, ${pct(r.ci95[1])}]` : "";
        const head = `${cell(r.category, catW)} ${cell(String(r.judged), 6, "right")}  ${cell(rate, 11, "right")}  ${cell(ci, 12)}`;
        return (
          <Text key={r.category}>
            <Text>{clip(head, width)}</Text>
            <Text dimColor>
              {clip(`  ${r.labels.join(", ")}${r.invalid > 0 ? ` · ${r.invalid} invalid` : ""}`, Math.max(0, width - head.length))}
            </Text>
          </Text>
        );
      })}
      {s.categories.length > rows.length ? <Text dimColor>{`  +${s.categories.length - rows.length} more categories`}</Text> : null}
      {flagged === null ? (
        <Text dimColor>{clip("flagged segments: when the run has finished (metrics.json)", width)}</Text>
      ) : flagged.length === 0 ? (
        <Text dimColor>{clip("flagged segments: none", width)}</Text>
      ) : (
        <>
          <Text color="yellow">{clip(`flagged segments: ${s.flagged?.length ?? 0}`, width)}</Text>
          {flagged.map((f, i) => (
            <Text key={i}>{clip(`  ${f}`, width)}</Text>
          ))}
        </>
      )}
    </Box>
  );
}
