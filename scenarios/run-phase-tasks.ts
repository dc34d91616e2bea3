// the keyed model tasks of one scenario phase into its record table: each record validated before
// it is appended (table.check), records appended in task order (files byte-identical whatever the
// concurrency), under the run's budget guard (the pace is the model client's limiter: requests in
// flight and per minute), a configuration error (exit 2) stops the whole run (fatalOnConfigError),
// and the store stays open for the next phase.
import { runKeyedTasks, type KeyedTask, type RunKeyedTasksSummary } from "../core/run/run-keyed-tasks.js";
import type { RunEventInput } from "../core/store/run-event.js";
import type { RecordTable } from "../core/store/record-table.js";
import type { KeyedRecord } from "../core/store/run-store.js";
import { fatalOnConfigError } from "./run-scenario.js";
import type { PhaseContext } from "./scenario.js";

export interface RunPhaseTasksOptions<T extends KeyedRecord> {
  table: RecordTable<T>;
  /** the task window (tasks started and not yet recorded); not a request limiter */
  concurrency: number;
  tasks: readonly KeyedTask<Omit<T, "key">>[];
  /** the event written after a record (default {type: "task-done", file, key}) */
  eventFor?: (key: string, record: T) => RunEventInput;
}

export function runPhaseTasks<T extends KeyedRecord>(ctx: PhaseContext, o: RunPhaseTasksOptions<T>): Promise<RunKeyedTasksSummary> {
  const { table } = o;
  return runKeyedTasks<Omit<T, "key">>({
    store: ctx.store,
    file: table.file,
    ordered: true,
    concurrency: o.concurrency,
    signal: ctx.signal,
    ...(ctx.budget ? { budget: ctx.budget } : {}),
    finish: false,
    tasks: o.tasks.map((t) =>
      fatalOnConfigError(
        {
          ...t,
          run: async (signal) => {
            const row = await t.run(signal);
            table.check(t.key, row);
            return row;
          },
        },
        ctx,
      ),
    ),
    ...(o.eventFor ? { eventFor: (key, record) => (o.eventFor as NonNullable<typeof o.eventFor>)(key, record as unknown as T) } : {}),
  });
}
