// one progress bar per phase (personas, responses) with counts, rate and eta, then the answer
// statuses (none for runs without answers, e.g. stress). from 60 columns on, the rate and eta
// stay (compact at 60–99 columns).
import { Box, Text } from "ink";
import type { DashboardView } from "./dashboard-view.js";
import { cell, duration, progressBar, rate } from "./dashboard-format.js";

export function PhaseBars(props: { phases: DashboardView["phases"]; statuses: DashboardView["statuses"] | null; width: number }) {
  const { width } = props;
  const nameW = Math.min(14, Math.max(10, ...props.phases.map((p) => p.name.length + 1)));
  const countW = Math.max(...props.phases.map((p) => `${p.done}/${p.total}`.length), 3);
  const tailW = width >= 100 ? 24 : width >= 60 ? 18 : 0;
  const barW = Math.max(5, Math.min(40, width - nameW - countW - tailW - 4));
  return (
    <Box flexDirection="column">
      {props.phases.map((p) => {
        const tail = [
          tailW >= 24 ? rate(p.perSecond) : "",
          p.etaSeconds === null ? "" : `eta ${duration(p.etaSeconds)}`,
          p.failed > 0 ? `${p.failed} failed` : "",
        ]
          .filter(Boolean)
          .join("  ");
        return (
          <Text key={p.name}>
            <Text>{cell(p.name, nameW)}</Text>
            <Text color={p.done >= p.total && p.total > 0 ? "green" : "cyan"}>{progressBar(p.done, p.total, barW)}</Text>
            <Text>{` ${cell(`${p.done}/${p.total}`, countW, "right")}`}</Text>
            {tailW > 0 ? <Text dimColor>{`  ${cell(tail, tailW - 2)}`}</Text> : null}
          </Text>
        );
      })}
      {props.statuses ? (
        <Text>
          <Text>{cell("answers", nameW)}</Text>
          <Text color="green">{`ok ${props.statuses.ok}`}</Text>
          <Text>{" · "}</Text>
          <Text color={props.statuses.refused > 0 ? "yellow" : undefined}>{`refused ${props.statuses.refused}`}</Text>
          <Text>{" · "}</Text>
          <Text color={props.statuses.invalid > 0 ? "red" : undefined}>{`invalid ${props.statuses.invalid}`}</Text>
        </Text>
      ) : null}
    </Box>
  );
}
