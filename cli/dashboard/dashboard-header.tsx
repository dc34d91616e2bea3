// the top lines: command, status and run; then model(s), elapsed time, eta, usage against the
// budget, retries, the batch executor's progress and errors (each part clipped to the width, the most useful first); the
// synthetic notice for offline runs.
import { Box, Text } from "ink";
import type { DashboardView } from "./dashboard-view.js";
import { clip, duration, thousands } from "./dashboard-format.js";

const STATUS_COLOUR: Record<string, string> = { running: "cyan", complete: "green", incomplete: "yellow", failed: "red", waiting: "gray" };

export function DashboardHeader(props: { header: DashboardView["header"]; errorCount: number; width: number }) {
  const h = props.header;
  const budget = h.budgetUsd === null ? "" : ` of $${h.budgetUsd.toFixed(2)} budget`;
  const usage = h.usage
    ? `${thousands(h.usage.tokens)} tokens · $${h.usage.costUsd.toFixed(4)}${budget}`
    : h.budgetUsd === null
      ? ""
      : `budget $${h.budgetUsd.toFixed(2)}`;
  const parts = [
    `model ${h.model}`,
    h.etaSeconds === null ? "" : `eta ${duration(h.etaSeconds)}`,
    h.elapsedSeconds === null ? "" : duration(h.elapsedSeconds),
    usage,
    h.retries > 0 ? `${h.retries} retries` : "",
    h.repairs > 0 ? `${h.repairs} repairs` : "",
    h.batch ?? "",
    props.errorCount > 0 ? `${props.errorCount} errors` : "",
    h.sessions > 1 ? `session ${h.sessions} (resumed)` : "",
    h.recovered > 0 ? `${h.recovered} recovered line(s)` : "",
  ].filter(Boolean);
  const title = `deeppersona ${h.command}`;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{title}</Text>
        <Text> </Text>
        <Text color={STATUS_COLOUR[h.status] ?? "white"} bold>
          {h.status}
        </Text>
        <Text dimColor>{clip(h.runId ? `  ${h.runId}` : "", Math.max(0, props.width - title.length - h.status.length - 1))}</Text>
      </Text>
      <Text dimColor>{clip(parts.join(" · "), props.width)}</Text>
      {h.reason ? <Text color="yellow">{clip(h.reason, props.width)}</Text> : null}
      {h.synthetic ? (
        <Text color="yellow">
          {clip("SYNTHETIC — offline model: placeholder answers that show the pipeline, not a simulation result", props.width)}
        </Text>
      ) : null}
    </Box>
  );
}
