// a scenario, declaratively: ordered phases of resumable keyed work into the run store, then a
// finalize step (metrics, reports) once every phase is complete. run by runScenario.
import type { DeepPersonaError } from "../core/errors.js";
import type { RunKeyedTasksSummary } from "../core/run/run-keyed-tasks.js";
import type { BudgetGuard } from "../core/scheduler/budget-guard.js";
import type { RunStore } from "../core/store/run-store.js";
import type { FailurePolicy } from "./define-scenario.js";

export interface PhaseContext {
  store: RunStore;
  /** aborted on ctrl-c and after a fatal error: stop scheduling */
  signal: AbortSignal;
  budget?: BudgetGuard | undefined;
  /** a configuration error no task can recover from (exit 2): stops the run at once */
  fatal(error: DeepPersonaError): void;
}

export interface ScenarioPhase {
  /** e.g. "personas", "responses" */
  name: string;
  /** runs the phase's keyed tasks (runKeyedTasks with finish: false) */
  run(ctx: PhaseContext): Promise<RunKeyedTasksSummary>;
}

export interface Scenario {
  name: string;
  /** built lazily, so a later phase can read what an earlier one wrote */
  phases: ScenarioPhase[];
  /** once every phase is complete: derived outputs (metrics, reports) */
  finalize?(store: RunStore): Promise<void>;
  /** after finalize: more than half of this table's records invalid → the run failed */
  failure?: FailurePolicy;
}
