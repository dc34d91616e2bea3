// the top lines: command, run, model, status, session, elapsed time, usage; the synthetic
// notice for offline runs.
import { Box, Text } from "ink";
import type { DashboardView } from "./dashboard-view.js";
import { clip, duration, thousands } from "./dashboard-format.js";

const STATUS_COLOUR: Record<string, string> = { running: "cyan", complete: "green", incomplete: "yellow", failed: "red", waiting: "gray" };

export function DashboardHeader(props: { header: DashboardView["header"]; width: number }) {
  const h = props.header;
  const usage = h.usage ? `${thousands(h.usage.tokens)} tokens · $${h.usage.costUsd.toFixed(4)}` : "";
  const parts = [
    h.runId ?? "",
    `model ${h.model}`,
    h.sessions > 1 ? `session ${h.sessions} (resumed)` : "",
    h.elapsedSeconds === null ? "" : duration(h.elapsedSeconds),
    usage,
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
        <Text dimColor>{clip(`  ${parts.join(" · ")}`, Math.max(0, props.width - title.length - h.status.length - 1))}</Text>
      </Text>
      {h.reason ? <Text color="yellow">{clip(h.reason, props.width)}</Text> : null}
      {h.synthetic ? (
        <Text color="yellow">{clip("SYNTHETIC — offline model: placeholder answers that show the pipeline, not a simulation result", props.width)}</Text>
      ) : null}
    </Box>
  );
}
