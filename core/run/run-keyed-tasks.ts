// runKeyedTasks: run idempotent, keyed tasks into one jsonl file of a run store, resumably.
//
//   const summary = await runKeyedTasks({
//     store,                          // from openRunStore (mode create | force | resume)
//     file: "responses.jsonl",
//     tasks: items.map((item) => ({
//       key: `${item.personaId}:${item.itemId}:${item.sample}`,   // stable across sessions
//       estimateUsd: 0.0004,
//       run: (signal) => answer(item, signal),                  // resolves to a json object
//     })),
//     concurrency: 8,
//     requestsPerMinute: 500,        // optional
//     signal: ctx.signal,            // ctrl-c: stop scheduling, in-flight records still written
//     budget,                        // optional BudgetGuard ({canAfford(usd)}), e.g. core/usage's Budget
//     eventFor: (key, record) => ({ type: "response", key, persona_id: String(record.persona_id) }),
//   });
//   // summary.status: "complete" | "incomplete" | "failed"; summary.stoppedBy: null | "budget" | "cancelled"
//
// - keys already in `file` are skipped (resume); duplicate keys in `tasks` run once.
// - each result is appended as `{key, ...result}`, then an event (default "task-done") is
//   emitted. a failed task writes an "error" event and no record, so resume retries it.
// - events: "tasks-start" first; "budget" or "cancelled" when scheduling stopped early.
// - status: "failed" when more than `failThreshold` (default 0.5) of the tasks attempted in this
//   session failed; else "incomplete" (resumable, with a reason) after a budget stop, a cancel or
//   any failure; else "complete". with `finish` (default true) the store is finished with it
//   (emits run-end, writes the manifest); pass `finish: false` for a phase of a multi-phase run
//   and finish the store yourself.
// - a full or failing disk (E_STORAGE: ENOSPC, EIO) stops scheduling at once; in-flight tasks
//   finish (their records cannot be saved and are not counted), and the status is "incomplete"
//   with the disk error as the reason (resumable; the cli exits 3).
// - a lost server (E_MODEL_UNREACHABLE) stops scheduling at once: "incomplete" (resumable, the
//   URL in the reason) when anything of this file is saved, else "failed"; `serverLost` holds
//   the error (the cli exits 3, or 2 when nothing was saved; core/model/server-lost.ts).
import { isDeepPersonaError, type DeepPersonaError } from "../errors.js";
import { isServerLost } from "../model/server-lost.js";
import { isStorageError } from "../store/storage-error.js";
import type { BudgetGuard } from "../scheduler/budget-guard.js";
import { runTasks, type StoppedBy } from "../scheduler/run-tasks.js";
import type { Clock, Sleep } from "../scheduler/system-time.js";
import type { RunEventInput } from "../store/run-event.js";
import type { RunStatus } from "../store/run-manifest.js";
import type { RunStore } from "../store/run-store.js";
import type { JsonRecord } from "../store/scan-jsonl.js";

export interface KeyedTask<R extends JsonRecord> {
  key: string;
  estimateUsd?: number;
  run(signal: AbortSignal): Promise<R>;
}

export interface RunKeyedTasksOptions<R extends JsonRecord> {
  store: RunStore;
  /** the keyed jsonl file the records go to, e.g. "personas.jsonl" */
  file: string;
  tasks: readonly KeyedTask<R>[];
  concurrency: number;
  requestsPerMinute?: number;
  signal?: AbortSignal;
  hardSignal?: AbortSignal;
  budget?: BudgetGuard;
  /** the event emitted after a record is written; default {type: "task-done", file, key} */
  eventFor?: (key: string, record: R & { key: string }) => RunEventInput;
  /** fraction of failed attempts above which the run is "failed"; default 0.5 */
  failThreshold?: number;
  /**
   * append records in task order (not completion order), so the file is byte-identical whatever
   * the concurrency; a crash leaves an in-order prefix. results that finish early wait in memory.
   */
  ordered?: boolean;
  /** finish the store with the computed status; default true */
  finish?: boolean;
  clock?: Clock;
  sleep?: Sleep;
}

export interface RunKeyedTasksSummary {
  status: Exclude<RunStatus, "running">;
  reason: string | null;
  /** unique tasks */
  total: number;
  /** keys already present before this session */
  alreadyDone: number;
  completed: number;
  failed: number;
  skipped: number;
  stoppedBy: StoppedBy;
  /** the error of a model server that stopped answering (scheduling stopped there) */
  serverLost?: DeepPersonaError;
}

export async function runKeyedTasks<R extends JsonRecord>(options: RunKeyedTasksOptions<R>): Promise<RunKeyedTasksSummary> {
  const { store, file } = options;
  const unique = new Map<string, KeyedTask<R>>();
  for (const task of options.tasks) if (!unique.has(task.key)) unique.set(task.key, task);
  const pending = [...unique.values()].filter((task) => !store.has(file, task.key));
  const total = unique.size;
  const alreadyDone = total - pending.length;
  await store.event({ type: "tasks-start", file, total, already_done: alreadyDone, pending: pending.length });

  const write = async (key: string, value: R) => {
    // key first in the line; the task's key wins over any `key` in the result
    const record = Object.assign({ key }, value, { key }) as R & { key: string };
    const written = await store.append(file, record);
    if (written) await store.event(options.eventFor?.(key, record) ?? { type: "task-done", file, key });
  };
  // ordered mode: results wait until every earlier task has finished (or failed)
  const position = new Map(pending.map((t, i) => [t.key, i]));
  const waiting = new Map<number, { key: string; value: R } | null>();
  let next = 0;
  const settle = async (key: string, value: R | null) => {
    if (!options.ordered) {
      if (value) await write(key, value);
      return;
    }
    waiting.set(position.get(key) ?? -1, value === null ? null : { key, value });
    while (waiting.has(next)) {
      const item = waiting.get(next);
      waiting.delete(next);
      next++;
      if (item) await write(item.key, item.value);
    }
  };

  let storageFailure: unknown;
  const lost = new AbortController();
  let serverLost: DeepPersonaError | undefined;
  const scheduled = await runTasks<R>({
    tasks: pending,
    concurrency: options.concurrency,
    ...(options.requestsPerMinute === undefined ? {} : { requestsPerMinute: options.requestsPerMinute }),
    signal: options.signal ? AbortSignal.any([options.signal, lost.signal]) : lost.signal,
    ...(options.hardSignal ? { hardSignal: options.hardSignal } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    collectResults: false,
    onResult: async (key, value) => settle(key, value),
    onError: async (key, error) => {
      if (isStorageError(error)) {
        // stop scheduling: nothing more can be saved
        storageFailure ??= error;
        throw error;
      }
      if (isServerLost(error) && !serverLost) {
        serverLost = error;
        lost.abort();
      }
      await store.event({ type: "error", key, message: errorMessage(error), ...(isDeepPersonaError(error) ? { code: error.code } : {}) });
      await settle(key, null);
    },
  }).catch((err: unknown) => {
    if (!isStorageError(err) || !storageFailure) throw err;
    return undefined;
  });
  if (!scheduled) return storageStop(options, storageFailure, total, alreadyDone, store.count(file) - alreadyDone);
  // a stop (budget, ctrl-c) leaves gaps: write what finished anyway, in task order — nothing lost
  for (const index of [...waiting.keys()].sort((a, b) => a - b)) {
    const item = waiting.get(index);
    if (item) await write(item.key, item.value);
  }

  const done = alreadyDone + scheduled.completed;
  const progress = `${done} of ${total} done`;
  const { stoppedBy } = scheduled;
  if (stoppedBy === "budget") {
    const key = scheduled.stoppedAtKey ?? "";
    const estimate = unique.get(key)?.estimateUsd;
    await store.event({
      type: "budget",
      message: `budget cap reached before task '${key}'; ${progress}`,
      key,
      ...(estimate === undefined ? {} : { estimate_usd: estimate }),
    });
  }
  if (stoppedBy === "cancelled" && !serverLost) {
    await store.event({ type: "cancelled", message: `cancelled; ${progress}` });
  }

  // tasks cut off by the user's ctrl-c (calls in flight aborted) are an interruption, not a
  // failure: they must not turn a cancelled run into a "failed" one
  const failed = scheduled.failed - (options.signal?.aborted ? scheduled.interrupted : 0);
  const attempted = scheduled.completed + failed;
  const firstError = scheduled.errors[0] ? errorMessage(scheduled.errors[0].error) : "";
  let status: RunKeyedTasksSummary["status"] = "complete";
  let reason: string | null = null;
  if (serverLost) {
    status = done > 0 ? "incomplete" : "failed";
    reason = `${serverLost.message} — ${progress}${done > 0 ? "; pass --resume to continue once it is back" : ""}`;
  } else if (attempted > 0 && failed / attempted > (options.failThreshold ?? 0.5)) {
    status = "failed";
    reason = `${failed} of ${attempted} tasks failed (first: ${firstError})`;
  } else if (stoppedBy === "budget") {
    status = "incomplete";
    reason = `budget cap reached: ${progress}; pass --resume (with a larger --budget-usd) to continue`;
  } else if (stoppedBy === "cancelled") {
    status = "incomplete";
    reason = `cancelled: ${progress}; pass --resume to continue`;
  } else if (failed > 0) {
    status = "incomplete";
    reason = `${failed} of ${attempted} tasks failed (first: ${firstError}); pass --resume to retry them`;
  }

  const summary: RunKeyedTasksSummary = {
    status,
    reason,
    total,
    alreadyDone,
    completed: scheduled.completed,
    failed,
    skipped: scheduled.skipped,
    stoppedBy: serverLost && stoppedBy === "cancelled" && !options.signal?.aborted ? null : stoppedBy,
    ...(serverLost ? { serverLost } : {}),
  };
  if (options.finish ?? true) {
    await store.finish(status, reason, { completed: summary.completed, failed: summary.failed, skipped: summary.skipped });
  }
  return summary;
}

/** the summary (and, with `finish`, the finished store) of a run stopped by a full or failing disk */
async function storageStop<R extends JsonRecord>(
  options: RunKeyedTasksOptions<R>,
  failure: unknown,
  total: number,
  alreadyDone: number,
  saved: number,
): Promise<RunKeyedTasksSummary> {
  const completed = Math.max(0, saved);
  const reason = `${errorMessage(failure)} (${alreadyDone + completed} of ${total} saved)`;
  const summary: RunKeyedTasksSummary = {
    status: "incomplete",
    reason,
    total,
    alreadyDone,
    completed,
    failed: 0,
    skipped: total - alreadyDone - completed,
    stoppedBy: null,
  };
  if (options.finish ?? true) await options.store.finish("incomplete", reason, { completed, failed: 0, skipped: summary.skipped });
  return summary;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
