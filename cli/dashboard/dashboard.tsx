// the whole dashboard: one shell (header, phase bars, errors, key hints) with the panel of the
// run's scenario — survey (distribution + KS/JS table; Big Five: trait means per arm + the
// distribution, the trait view alone when compact), discussion or stress. a pure rendering
// of a DashboardView; `width` and `height` are the terminal's columns and rows (short terminals,
// under 30 rows, get the compact layout). ink redraws on every rerender with the new size.
import { Box, Text } from "ink";
import type { ReactNode } from "react";
import type { DashboardView } from "./dashboard-view.js";
import { DashboardHeader } from "./dashboard-header.js";
import { DiscussionPanel } from "./discussion-panel.js";
import { DistributionPanel } from "./distribution-panel.js";
import { ErrorList } from "./error-list.js";
import { MetricsTable } from "./metrics-table.js";
import { PhaseBars } from "./phase-bars.js";
import { StressPanel } from "./stress-panel.js";
import { TraitPanel } from "./trait-panel.js";

export interface DashboardProps {
  view: DashboardView;
  width: number;
  /** terminal rows; default 40 */
  height?: number;
  /** keys work (shows the key hints) */
  interactive: boolean;
  /** what q does: hide the dashboard (the run goes on) or quit the viewer; default hide */
  qKey?: "hide" | "quit";
}

export function Dashboard({ view, width, height, interactive, qKey }: DashboardProps) {
  const w = Math.max(20, width - 1);
  const compact = (height ?? 40) < 30;
  const gap = compact ? 0 : 1;
  const section = (node: ReactNode, marginTop = 1) => (
    <Box marginTop={marginTop} flexDirection="column">
      {node}
    </Box>
  );
  const distribution = section(
    <DistributionPanel distribution={view.distribution} width={w} interactive={interactive} {...(qKey ? { qKey } : {})} />,
  );
  return (
    <Box flexDirection="column" width={w}>
      <DashboardHeader header={view.header} errorCount={view.errorCount} width={w} />
      {section(<PhaseBars phases={view.phases} statuses={view.kind === "stress" ? null : view.statuses} width={w} />)}
      {view.kind === "discussion" && view.discussion ? (
        section(<DiscussionPanel view={view.discussion} width={w} compact={compact} />)
      ) : view.kind === "stress" && view.stress ? (
        section(<StressPanel view={view.stress} width={w} compact={compact} />)
      ) : view.traits ? (
        <>
          {section(<TraitPanel view={view.traits} width={w} />)}
          {compact ? null : distribution}
        </>
      ) : (
        <>
          {distribution}
          {view.table ? section(<MetricsTable table={view.table} width={w} />, gap) : null}
        </>
      )}
      <ErrorList view={view} width={w} compact={compact} />
      {interactive && (view.kind !== "survey" || (view.traits && compact)) ? (
        <Text dimColor>{view.traits ? `tab country · q ${qKey ?? "hide"}` : `q ${qKey ?? "hide"}`}</Text>
      ) : null}
    </Box>
  );
}
