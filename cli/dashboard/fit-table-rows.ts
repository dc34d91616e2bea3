// how many rows of the KS/JS table fit under the rest of the dashboard in a terminal of `rows`
// lines (ink redraws the whole screen, with flicker, once a frame is as tall as the terminal).
import { itemOptions } from "../../surveys/item-codes.js";
import type { DashboardState } from "./dashboard-state.js";
import type { DashboardContext, DashboardSelection } from "./dashboard-view.js";

export function fitTableRows(rows: number, state: DashboardState, context: DashboardContext, selection: DashboardSelection): number {
  const n = context.items.length;
  const item = n ? context.items[((selection.item % n) + n) % n] : undefined;
  const codes = item ? itemOptions(item).length : 0;
  // header 3, phases 1 + n + answers, distribution 3 + codes, table head + "more", errors ≤ 7, gaps 4
  const errors = state.errorCount > 0 ? Math.min(state.errors.length, 5) + 1 : 0;
  const used = 3 + 2 + state.phases.length + 3 + codes + 2 + errors + state.budgetStops.length + (state.cancelled ? 1 : 0) + 4;
  return Math.max(1, rows - used - 1);
}
