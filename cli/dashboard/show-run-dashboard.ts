// `deeppersona dashboard DIR`: a run directory's events folded into the dashboard. on a terminal
// the live dashboard (keys browse items and countries; q quits), with --follow tailing
// events.jsonl until run-end or until the writer is gone (killed: no run-end ever comes);
// elsewhere one final frame as plain text. model and server text in the frame (error lines) is
// sanitised for the terminal.
import { join } from "node:path";
import type { Writable } from "node:stream";
import { UsageError } from "../../core/errors.js";
import type { Sleep } from "../../core/scheduler/system-time.js";
import type { RunEvent } from "../../core/store/run-event.js";
import { dashboardView, orderedCountries, type DashboardContext, type DashboardSelection } from "./dashboard-view.js";
import type { DashboardState } from "./dashboard-state.js";
import { foldRunEvents } from "./fold-run-event.js";
import { fileReader, followRunEvents, runWriterGone } from "./follow-run-events.js";
import { plainDashboardFrame } from "./plain-dashboard-frame.js";
import { readRunDirectory } from "./read-run-directory.js";
import { manifestDashboardContext } from "./survey-dashboard-context.js";

export interface ShowRunDashboardOptions {
  dir: string;
  /** the directory as the user typed it (messages) */
  shown: string;
  follow: boolean;
  intervalMs: number;
  output: Writable;
  /** draw live on `output` (a terminal, not CI); else print one plain frame */
  terminal: boolean;
  /** key input when it is a terminal */
  input?: NodeJS.ReadStream;
  width: number;
  item?: string;
  country?: string;
  signal: AbortSignal;
  sleep: Sleep;
  onInterrupt?: () => void;
  /** whether the run's writer is gone (default: its run.lock is missing or names a dead process) */
  writerGone?: () => boolean;
}

export async function showRunDashboard(o: ShowRunDashboardOptions): Promise<number> {
  const run = readRunDirectory(o.dir, o.shown);
  const context = manifestDashboardContext(run.manifest, run.metrics);
  let state = foldRunEvents(run.events);
  let last = run.events[run.events.length - 1]?.type;
  const selection = initialSelection(state, context, o.item, o.country);
  const follow = (signal: AbortSignal, onEvents: (events: RunEvent[]) => void) =>
    followRunEvents({
      readFrom: fileReader(join(o.dir, "events.jsonl")),
      offset: run.offset,
      onEvents: (events) => {
        last = events[events.length - 1]?.type ?? last;
        onEvents(events);
      },
      done: () => last === "run-end",
      writerGone: o.writerGone ?? runWriterGone(o.dir),
      sleep: o.sleep,
      intervalMs: o.intervalMs,
      signal,
    });

  if (!o.terminal) {
    if (o.follow) await follow(o.signal, (events) => (state = foldRunEvents(events, state)));
    o.output.write(plainDashboardFrame(dashboardView(state, context, selection), o.width));
    return 0;
  }
  const { startLiveDashboard } = await import("./live-dashboard.js");
  const interactive = Boolean(o.input?.isTTY);
  const live = startLiveDashboard({
    context,
    output: o.output as NodeJS.WriteStream,
    ...(interactive && o.input ? { input: o.input } : {}),
    interactive,
    initialState: state,
    eraseOnHide: false,
    initialSelection: selection,
    ...(o.onInterrupt ? { onInterrupt: o.onInterrupt } : {}),
  });
  const quit = new AbortController();
  void live.hiddenByUser.then(() => quit.abort());
  const stop = AbortSignal.any([o.signal, quit.signal]);
  if (o.follow) await follow(stop, (events) => events.forEach((e) => live.push(e)));
  else if (interactive)
    await new Promise<void>((resolve) => (stop.aborted ? resolve() : stop.addEventListener("abort", () => resolve(), { once: true })));
  await live.close();
  return 0;
}

function initialSelection(
  state: DashboardState,
  context: DashboardContext,
  item: string | undefined,
  country: string | undefined,
): DashboardSelection {
  const selection = { item: 0, country: 0 };
  if (item !== undefined) {
    const i = context.items.findIndex((it) => it.id.toLowerCase() === item.toLowerCase());
    if (i < 0)
      throw new UsageError(`item '${item}' is not in this run; its items: ${context.items.map((it) => it.id).join(", ") || "none"}`);
    selection.item = i;
  }
  if (country !== undefined) {
    const countries = orderedCountries(state, context);
    const c = countries.indexOf(country.toUpperCase());
    if (c < 0 && countries.length > 0)
      throw new UsageError(`country '${country}' has no answers in this run; its countries: ${countries.join(", ")}`);
    selection.country = Math.max(0, c);
  }
  return selection;
}
