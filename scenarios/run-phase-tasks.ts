// the keyed model tasks of one scenario phase: records appended in task order (files byte-identical
// whatever the concurrency), under the run's budget guard (the pace is the model client's
// limiter: requests in flight and per minute), a configuration error (exit 2)
// stops the whole run (fatalOnConfigError), and the store stays open for the next phase.
import { runKeyedTasks, type KeyedTask, type RunKeyedTasksOptions, type RunKeyedTasksSummary } from "../core/run/run-keyed-tasks.js";
import type { JsonRecord } from "../core/store/scan-jsonl.js";
import { fatalOnConfigError } from "./run-scenario.js";
import type { PhaseContext } from "./scenario.js";

export interface RunPhaseTasksOptions<R extends JsonRecord> {
  file: string;
  /** the task window (tasks started and not yet recorded); not a request limiter */
  concurrency: number;
  tasks: readonly KeyedTask<R>[];
  eventFor?: RunKeyedTasksOptions<R>["eventFor"];
}

export function runPhaseTasks<R extends JsonRecord>(ctx: PhaseContext, o: RunPhaseTasksOptions<R>): Promise<RunKeyedTasksSummary> {
  return runKeyedTasks<R>({
    store: ctx.store,
    file: o.file,
    ordered: true,
    concurrency: o.concurrency,
    signal: ctx.signal,
    ...(ctx.budget ? { budget: ctx.budget } : {}),
    finish: false,
    tasks: o.tasks.map((t) => fatalOnConfigError(t, ctx)),
    ...(o.eventFor ? { eventFor: o.eventFor } : {}),
  });
}
