// bounded-concurrency task pool with an optional requests-per-minute limit, a budget guard and
// cancellation.
// - at most `concurrency` tasks run at once; tasks are pulled lazily from an array or
//   (async) iterable, in order.
// - `signal` (first ctrl-c) stops scheduling: no new task starts, in-flight tasks run to the end
//   and their onResult/onError callbacks complete before runTasks resolves (records get written).
//   `hardSignal` (e.g. a second ctrl-c) is what tasks receive in `run(signal)` to abort their
//   own work; without it tasks get a signal that never aborts. a task that fails after `signal`
//   aborted was cut off by the cancel: it counts as failed AND as `interrupted`, and the run is
//   stopped by "cancelled" even when nothing was left to schedule.
// - budget: before a task starts the guard is asked whether its estimate fits, counting the
//   estimates of tasks still in flight (their cost is not metered yet; see budget-guard.ts). when
//   it says no, the pool waits for in-flight tasks and asks again; if it still says no with
//   nothing in flight, scheduling stops with stoppedBy "budget".
// - a task that throws (or whose onResult throws) counts as failed and goes to onError; the
//   others continue. if onError itself throws, scheduling stops and runTasks rejects with that
//   error once in-flight tasks are done.
import { setMaxListeners } from "node:events";
import { UsageError } from "../errors.js";
import type { BudgetGuard } from "./budget-guard.js";
import { createRateLimiter } from "./create-rate-limiter.js";
import type { Clock, Sleep } from "./system-time.js";

export interface SchedulerTask<T> {
  /** idempotency key, unique within a run */
  key: string;
  /** estimated cost in usd, checked against the budget before the task starts */
  estimateUsd?: number;
  run(signal: AbortSignal): Promise<T>;
}

export interface RunTasksOptions<T> {
  tasks: Iterable<SchedulerTask<T>> | AsyncIterable<SchedulerTask<T>>;
  concurrency: number;
  requestsPerMinute?: number;
  /** aborting stops scheduling; in-flight tasks finish */
  signal?: AbortSignal;
  /** handed to task.run; aborting it asks in-flight tasks to stop too */
  hardSignal?: AbortSignal;
  budget?: BudgetGuard;
  onResult?: (key: string, value: T, task: SchedulerTask<T>) => void | Promise<void>;
  onError?: (key: string, error: unknown, task: SchedulerTask<T>) => void | Promise<void>;
  /** keep values in `results` (default true; turn off for very large runs) */
  collectResults?: boolean;
  clock?: Clock;
  sleep?: Sleep;
}

export type StoppedBy = null | "budget" | "cancelled";

export interface RunTasksSummary<T> {
  completed: number;
  failed: number;
  /** of `failed`: the tasks that failed after `signal` aborted (cut off by the cancel) */
  interrupted: number;
  /** tasks not started because of a stop: the rest of an array; for iterables, those pulled but not run */
  skipped: number;
  stoppedBy: StoppedBy;
  /** the key of the first task not started because of the stop */
  stoppedAtKey: string | null;
  /** in task order */
  results: Array<{ key: string; value: T }>;
  errors: Array<{ key: string; error: unknown }>;
}

export async function runTasks<T>(options: RunTasksOptions<T>): Promise<RunTasksSummary<T>> {
  const { concurrency, budget, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new UsageError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const limiter =
    options.requestsPerMinute === undefined
      ? undefined
      : createRateLimiter({ requestsPerMinute: options.requestsPerMinute, clock: options.clock, sleep: options.sleep });
  const taskSignal = options.hardSignal ?? new AbortController().signal;
  setMaxListeners(0, taskSignal); // every task in flight listens to this one signal: no "possible leak" warning past 10
  const collect = options.collectResults ?? true;

  const inFlight = new Set<Promise<void>>();
  const results: Array<{ index: number; key: string; value: T }> = [];
  const errors: Array<{ key: string; error: unknown }> = [];
  let completed = 0;
  let failed = 0;
  let interrupted = 0;
  let started = 0;
  let pulled = 0;
  let reserved = 0;
  let stoppedBy: StoppedBy = null;
  let stoppedAtKey: string | null = null;
  let fatal: { error: unknown } | undefined;

  const fail = async (task: SchedulerTask<T>, error: unknown): Promise<void> => {
    failed++;
    if (signal?.aborted) interrupted++;
    errors.push({ key: task.key, error });
    try {
      await options.onError?.(task.key, error, task);
    } catch (callbackError) {
      fatal ??= { error: callbackError };
    }
  };

  const runOne = async (task: SchedulerTask<T>, index: number): Promise<void> => {
    let value: T;
    try {
      value = await task.run(taskSignal);
    } catch (error) {
      return fail(task, error);
    }
    try {
      await options.onResult?.(task.key, value, task);
    } catch (error) {
      return fail(task, error);
    }
    completed++;
    if (collect) results.push({ index, key: task.key, value });
  };

  // guards with `reserve` track in-flight estimates themselves
  const affordable = (estimate: number): boolean => !budget || budget.canAfford(budget.reserve ? estimate : reserved + estimate);

  const launch = (task: SchedulerTask<T>, index: number): void => {
    const estimate = task.estimateUsd ?? 0;
    reserved += estimate;
    const release = budget?.reserve?.(estimate);
    started++;
    const promise: Promise<void> = runOne(task, index).finally(() => {
      reserved -= estimate;
      release?.();
      inFlight.delete(promise);
    });
    inFlight.add(promise);
  };

  const iterator = toAsyncIterator(options.tasks);
  try {
    for (;;) {
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (fatal) break;
      if (signal?.aborted) {
        stoppedBy = "cancelled";
        break;
      }
      const next = await iterator.next();
      if (next.done) break;
      const task = next.value;
      pulled++;
      if (limiter && !(await limiter.acquire(signal))) {
        stoppedBy = "cancelled";
        stoppedAtKey = task.key;
        break;
      }
      if (budget) {
        const estimate = task.estimateUsd ?? 0;
        while (!affordable(estimate) && inFlight.size > 0) await Promise.race(inFlight);
        if (!affordable(estimate)) {
          stoppedBy = "budget";
          stoppedAtKey = task.key;
          break;
        }
      }
      if (signal?.aborted) {
        stoppedBy = "cancelled";
        stoppedAtKey = task.key;
        break;
      }
      if (fatal) break;
      launch(task, pulled - 1);
    }
  } finally {
    while (inFlight.size > 0) await Promise.race(inFlight);
    await iterator.return?.();
  }
  if (fatal) throw fatal.error;
  // a cancel after the last task started stops no scheduling, but the tasks it cut off are not done
  if (stoppedBy === null && interrupted > 0) stoppedBy = "cancelled";

  const total = Array.isArray(options.tasks) ? options.tasks.length : pulled;
  results.sort((a, b) => a.index - b.index);
  return {
    completed,
    failed,
    interrupted,
    skipped: total - started,
    stoppedBy,
    stoppedAtKey,
    results: results.map(({ key, value }) => ({ key, value })),
    errors,
  };
}

function toAsyncIterator<T>(tasks: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  if (Symbol.asyncIterator in tasks) return tasks[Symbol.asyncIterator]();
  return tasks[Symbol.iterator]();
}
