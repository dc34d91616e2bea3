// the last few errors, budget stops and a cancel, one line each.
import { Box, Text } from "ink";
import type { DashboardView } from "./dashboard-view.js";
import { clip } from "./dashboard-format.js";

export function ErrorList(props: {
  view: Pick<DashboardView, "errors" | "errorCount" | "budget" | "cancelled">;
  width: number;
  compact?: boolean;
}) {
  const { width } = props;
  const view = props.compact ? { ...props.view, errors: props.view.errors.slice(-2) } : props.view;
  if (view.errorCount === 0 && view.budget.length === 0 && !view.cancelled) return null;
  return (
    <Box flexDirection="column">
      {view.budget.map((b, i) => (
        <Text key={`b${i}`} color="yellow">
          {clip(`budget: ${b}`, width)}
        </Text>
      ))}
      {view.cancelled ? <Text color="yellow">{clip(view.cancelled, width)}</Text> : null}
      {view.errorCount > 0 ? (
        <Text color="red">{`errors: ${view.errorCount}${view.errorCount > view.errors.length ? ` (last ${view.errors.length})` : ""}`}</Text>
      ) : null}
      {view.errors.map((e) => (
        <Text key={e.seq} dimColor>
          {clip(`  ${e.key ?? "-"}${e.code ? ` [${e.code}]` : ""}: ${e.message}`, width)}
        </Text>
      ))}
    </Box>
  );
}
