// the whole dashboard: header, phase bars, the distribution panel, the KS/JS table and errors.
// a pure rendering of a DashboardView; `width` is the terminal's columns.
import { Box } from "ink";
import type { DashboardView } from "./dashboard-view.js";
import { DashboardHeader } from "./dashboard-header.js";
import { DistributionPanel } from "./distribution-panel.js";
import { ErrorList } from "./error-list.js";
import { MetricsTable } from "./metrics-table.js";
import { PhaseBars } from "./phase-bars.js";

export interface DashboardProps {
  view: DashboardView;
  width: number;
  /** keys work (shows the key hints) */
  interactive: boolean;
  /** what q does: hide the dashboard (the run goes on) or quit the viewer; default hide */
  qKey?: "hide" | "quit";
}

export function Dashboard({ view, width, interactive, qKey }: DashboardProps) {
  const w = Math.max(20, width - 1);
  return (
    <Box flexDirection="column" width={w}>
      <DashboardHeader header={view.header} width={w} />
      <Box marginTop={1} flexDirection="column">
        <PhaseBars phases={view.phases} statuses={view.statuses} width={w} />
      </Box>
      <Box marginTop={1} flexDirection="column">
        <DistributionPanel distribution={view.distribution} width={w} interactive={interactive} {...(qKey ? { qKey } : {})} />
      </Box>
      {view.table ? (
        <Box marginTop={1} flexDirection="column">
          <MetricsTable table={view.table} width={w} />
        </Box>
      ) : null}
      <ErrorList view={view} width={w} />
    </Box>
  );
}
