// the progress lines of every scenario command: ONE fold over the run's events (foldRunEvent, the
// dashboard's reducer) — a line for the phase a record was added to, "responses 40/120  this
// session: ok 38 · refused 1 · invalid 1", "judgements 3/12  this session: ok 3" or "turns 12/24
// last g2/r2/t1". on a terminal the line is redrawn; otherwise written at every 10% of a phase
// and at its end (line-progress.ts). while `enabled()` is false (a dashboard draws) it folds
// without writing.
import type { Writable } from "node:stream";
import type { RunEvent } from "../core/store/run-event.js";
import { foldRunEvent } from "./dashboard/fold-run-event.js";
import { initialDashboardState, type DashboardState } from "./dashboard/dashboard-state.js";
import { createLineProgress } from "./line-progress.js";

export interface ScenarioProgress {
  push(event: RunEvent): void;
  /** ends a redrawn line */
  done(): void;
}

export function createScenarioProgress(opts: { stderr: Writable; isTTY: boolean; enabled?: () => boolean }): ScenarioProgress {
  let state: DashboardState = initialDashboardState();
  const line = createLineProgress(opts);
  // statuses of other records (judgements) this session, per phase
  const tally = new Map<string, Map<string, number>>();
  return {
    push(event) {
      const before = state;
      state = foldRunEvent(state, event);
      const phase = state.phases.find((p, i) => p.done > (before.phases[i]?.done ?? Infinity));
      // personas copied from a file are no progress worth a line
      if (!phase || (event.type === "persona-done" && (event as { source?: unknown }).source === "file")) return;
      const status = (event as { status?: unknown }).status;
      const counts = tally.get(phase.name) ?? new Map<string, number>();
      if (typeof status === "string" && event.type !== "response") tally.set(phase.name, counts.set(status, (counts.get(status) ?? 0) + 1));
      if (line.due(phase.done, phase.total))
        line.write(`${phase.name} ${phase.done}/${phase.total}  ${progressDetail(state, event, counts)}`);
    },
    done: () => line.done(),
  };
}

/** answers and other records with a status: this session's statuses; anything else: the last record's key */
function progressDetail(state: DashboardState, event: RunEvent, counts: ReadonlyMap<string, number>): string {
  const s = state.statuses;
  if (event.type === "response") return `this session: ok ${s.ok} · refused ${s.refused} · invalid ${s.invalid}`;
  if (counts.size > 0) return `this session: ${[...counts].map(([status, n]) => `${status} ${n}`).join(" · ")}`;
  return `last ${String((event as { key?: unknown }).key ?? "")}`;
}
