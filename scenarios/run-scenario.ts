// THE generic scenario runner: runs the phases in order on the run store (each a runKeyedTasks
// batch: bounded concurrency, budget guard, append-only keyed records, resume, events), stops at
// the first phase that is not complete (budget, ctrl-c, failures: resumable), finalizes and
// finishes the store with the run's status.
//   const summary = await runScenario({ store, scenario, signal: ctx.signal, budget });
import { isDeepPersonaError, type DeepPersonaError } from "../core/errors.js";
import { isStorageError } from "../core/store/storage-error.js";
import { isServerLost } from "../core/model/server-lost.js";
import type { RunKeyedTasksSummary } from "../core/run/run-keyed-tasks.js";
import type { KeyedTask } from "../core/run/run-keyed-tasks.js";
import type { BudgetGuard } from "../core/scheduler/budget-guard.js";
import type { StoppedBy } from "../core/scheduler/run-tasks.js";
import type { RunStatus } from "../core/store/run-manifest.js";
import type { RunStore } from "../core/store/run-store.js";
import type { JsonRecord } from "../core/store/scan-jsonl.js";
import type { FailurePolicy } from "./define-scenario.js";
import type { PhaseContext, Scenario } from "./scenario.js";

export interface RunScenarioOptions {
  store: RunStore;
  scenario: Scenario;
  signal?: AbortSignal;
  budget?: BudgetGuard;
}

export interface ScenarioSummary {
  status: Exclude<RunStatus, "running">;
  reason: string | null;
  stoppedBy: StoppedBy;
  /** the phases that ran, in order */
  phases: { name: string; summary: RunKeyedTasksSummary }[];
  /** the configuration error that stopped the run (the cli exits with its code) */
  fatal: DeepPersonaError | null;
}

export async function runScenario(options: RunScenarioOptions): Promise<ScenarioSummary> {
  const { store, scenario } = options;
  const stop = new AbortController();
  let fatal: DeepPersonaError | null = null;
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const ctx: PhaseContext = {
    store,
    signal,
    budget: options.budget,
    fatal(error) {
      fatal ??= error;
      stop.abort();
    },
  };
  const phases: ScenarioSummary["phases"] = [];
  const end = async (status: ScenarioSummary["status"], reason: string | null, stoppedBy: StoppedBy): Promise<ScenarioSummary> => {
    const counts: Record<string, number> = {};
    for (const p of phases) {
      counts[`${p.name}_completed`] = p.summary.completed;
      counts[`${p.name}_failed`] = p.summary.failed;
    }
    await store.finish(status, reason, counts);
    return { status, reason, stoppedBy, phases, fatal };
  };

  try {
    for (const phase of scenario.phases) {
      const summary = await phase.run(ctx);
      phases.push({ name: phase.name, summary });
      const fatalError = fatal as DeepPersonaError | null;
      if (fatalError) return end("failed", fatalError.message, null);
      if (summary.serverLost) {
        // work saved in any phase → incomplete (exit 3, resumable); nothing saved yet → exit 2
        const saved = phases.some((p) => p.summary.alreadyDone + p.summary.completed > 0);
        if (!saved) {
          fatal = summary.serverLost;
          return end("failed", summary.serverLost.message, null);
        }
        return end("incomplete", `${phase.name}: ${summary.reason ?? summary.serverLost.message}`, null);
      }
      if (summary.status !== "complete") {
        const stoppedBy = options.signal?.aborted ? "cancelled" : summary.stoppedBy;
        return end(summary.status, `${phase.name}: ${summary.reason ?? summary.status}`, stoppedBy);
      }
    }
    await scenario.finalize?.(store);
    const failed = scenario.failure ? await failureReason(scenario.failure, store) : null;
    return failed ? end("failed", failed, null) : end("complete", null, null);
  } catch (err) {
    // a full or failing disk (ENOSPC, EIO): stop cleanly, resumable
    if (isStorageError(err)) return end("incomplete", err.message, null);
    throw err;
  }
}

/** THE failure policy: a complete run whose judging table is empty, or more than half invalid, failed */
async function failureReason(policy: FailurePolicy, store: RunStore): Promise<string | null> {
  const rows = await policy.table.read(store);
  if (rows.length === 0) return policy.none;
  const invalid = rows.filter((r) => r.status === "invalid");
  if (invalid.length / rows.length <= 0.5) return null;
  return `${invalid.length} of ${rows.length} ${policy.noun} were invalid (first: ${invalid[0]?.reason ?? ""}); ${policy.hint}`;
}

/** wraps a task so configuration errors (exit code 2: bad key, no logprobs…) stop the whole run */
export function fatalOnConfigError<R extends JsonRecord>(task: KeyedTask<R>, ctx: PhaseContext): KeyedTask<R> {
  return {
    ...task,
    run: async (signal) => {
      try {
        return await task.run(signal);
      } catch (err) {
        // a lost server is no configuration error: runKeyedTasks stops the phase (resumable)
        if (isDeepPersonaError(err) && err.exitCode === 2 && !isServerLost(err)) ctx.fatal(err);
        throw err;
      }
    },
  };
}
