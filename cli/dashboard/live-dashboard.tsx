// the live dashboard: folds events as they arrive and redraws at most every `frameMs` (ink on a
// terminal stream, e.g. stderr), with keys to pick the item and country, q to hide (the run goes
// on; `onHide` lets the caller fall back to line progress), ctrl-c forwarded to `onInterrupt`.
// imports ink: load this module lazily, inside a command's run.
import { render, useInput, type Instance, type Key } from "ink";
import type { RunEvent } from "../../core/store/run-event.js";
import { Dashboard } from "./dashboard.js";
import { dashboardKey } from "./dashboard-key.js";
import { initialDashboardState, type DashboardState } from "./dashboard-state.js";
import { dashboardView, type DashboardContext, type DashboardSelection } from "./dashboard-view.js";
import { foldRunEvent } from "./fold-run-event.js";
import { itemOptions } from "../../surveys/item-codes.js";

export interface LiveDashboardOptions {
  context: DashboardContext;
  /** the terminal stream drawn on (stderr for `survey run`) */
  output: NodeJS.WriteStream;
  input?: NodeJS.ReadStream;
  /** keys are read (input is a terminal) */
  interactive: boolean;
  /** minimum ms between frames; default 100 */
  frameMs?: number;
  /** timer (injectable); returns a cancel function */
  schedule?: (fn: () => void, ms: number) => () => void;
  onHide?: () => void;
  onInterrupt?: () => void;
  /** erase the frame when the user hides the dashboard (default true; false keeps it on screen) */
  eraseOnHide?: boolean;
  /** start from a folded state (a replayed run) and a selection */
  initialState?: DashboardState;
  initialSelection?: DashboardSelection;
}

export interface LiveDashboard {
  push(event: RunEvent): void;
  readonly state: DashboardState;
  readonly hidden: boolean;
  /** resolves when the user hides the dashboard (q) */
  readonly hiddenByUser: Promise<void>;
  /** draws the final frame (left on screen) and unmounts */
  close(): Promise<void>;
}

/** forwards key presses to `onKey` while `active` (ink's useInput needs a raw-mode terminal on
 *  stdin, so it is off when stdin is not one). draws nothing. */
function KeyInput(props: { active: boolean; onKey: (input: string, key: Key) => void }) {
  useInput((input, key) => props.onKey(input, key), { isActive: props.active });
  return null;
}

/** how many rows of the KS/JS table fit under the rest of the dashboard in a terminal of `rows`
 *  lines (ink redraws the whole screen, with flicker, once a frame is as tall as the terminal) */
function fitTableRows(rows: number, state: DashboardState, context: DashboardContext, selection: DashboardSelection): number {
  const n = context.items.length;
  const item = n ? context.items[((selection.item % n) + n) % n] : undefined;
  const codes = item ? itemOptions(item).length : 0;
  // header 3, phases 1 + n + answers, distribution 3 + codes, table head + "more", errors ≤ 7, gaps 4
  const errors = state.errorCount > 0 ? Math.min(state.errors.length, 5) + 1 : 0;
  const used = 3 + 2 + state.phases.length + 3 + codes + 2 + errors + state.budgetStops.length + (state.cancelled ? 1 : 0) + 4;
  return Math.max(1, rows - used - 1);
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export function startLiveDashboard(options: LiveDashboardOptions): LiveDashboard {
  const { context, output } = options;
  const schedule = options.schedule ?? defaultSchedule;
  let state = options.initialState ?? initialDashboardState();
  let selection: DashboardSelection = options.initialSelection ?? { item: 0, country: 0 };
  let hidden = false;
  let cancel: (() => void) | null = null;
  let resolveHidden: () => void = () => {};
  const hiddenByUser = new Promise<void>((resolve) => (resolveHidden = resolve));

  const element = () => {
    const rows = output.rows ?? 40;
    const view = dashboardView(state, context, selection, { tableRows: fitTableRows(rows, state, context, selection) });
    return (
      <>
        <Dashboard
          view={view}
          width={output.columns ?? 100}
          height={rows}
          interactive={options.interactive}
          qKey={options.eraseOnHide === false ? "quit" : "hide"}
        />
        <KeyInput active={options.interactive} onKey={onKey} />
      </>
    );
  };
  const draw = () => {
    cancel?.();
    cancel = null;
    if (!hidden) app.rerender(element());
  };
  const hide = () => {
    if (hidden) return;
    if (options.eraseOnHide ?? true) {
      cancel?.();
      cancel = null;
      app.rerender(<></>);
    } else draw();
    hidden = true;
    output.off("resize", draw);
    app.unmount();
    options.onHide?.();
    resolveHidden();
  };
  function onKey(input: string, key: Parameters<typeof dashboardKey>[2]) {
    const action = dashboardKey(selection, input, key);
    if (action.kind === "select") {
      selection = action.selection;
      draw();
    } else if (action.kind === "hide") hide();
    else if (action.kind === "interrupt") options.onInterrupt?.();
  }

  const app: Instance = render(element(), {
    stdout: output,
    ...(options.input ? { stdin: options.input } : {}),
    exitOnCtrlC: false,
    patchConsole: false,
  });
  // before ink's own resize handler: it then clears and draws the tree already sized for the new
  // columns and rows (drawn the other way round, the old, wider frame wraps and leaves debris)
  output.prependListener("resize", draw);

  return {
    push(event) {
      state = foldRunEvent(state, event);
      if (!hidden && !cancel) cancel = schedule(draw, options.frameMs ?? 100);
    },
    get state() {
      return state;
    },
    get hidden() {
      return hidden;
    },
    hiddenByUser,
    async close() {
      if (hidden) return;
      draw();
      hidden = true;
      output.off("resize", draw);
      app.unmount();
      await app.waitUntilExit();
    },
  };
}
