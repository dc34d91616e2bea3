// a scenario, defined once, run the same way by its cli command (cli/scenario-command.ts) and its
// library entry (run-defined-scenario.ts):
//   spec     — a zod schema, the run's whole config (its fields + RunSettingsSchema): defaults
//              live here; the parsed spec IS the manifest config, and --resume compares it;
//   flags    — the scenario's OptionSpecs (help defaults read from the schema) and `fromFlags`,
//              flags → spec input with one-line UsageErrors;
//   prepare  — validates and plans (items, personas, design) BEFORE anything is written;
//   phases   — keyed work over record tables (runPhaseTasks), in order, resumable;
//   finalize — derived outputs (metrics, reports) once every phase is complete;
//   failure  — the table whose records judge the run (more than half invalid → failed, runScenario).
import type { z } from "zod";
import type { OptionSpec } from "../core/flags/option-spec.js";
import type { ModelClient } from "../core/model/model-client.js";
import type { RecordTable } from "../core/store/record-table.js";
import type { KeyedRecord, RunStore } from "../core/store/run-store.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import type { PriceTable } from "../core/usage/price-table.js";
import type { PersonaEngineContext } from "../persona-engine/engine/persona-engine-context.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import type { SurveyItem } from "../surveys/instrument-schema.js";
import type { PersonaSource } from "./personas-phase.js";
import type { Scenario, ScenarioPhase } from "./scenario.js";
import type { SelectedPersonas } from "./select-personas.js";

/** what prepare may read: the working directory, and ready personas (library callers) */
export interface ScenarioEnv {
  cwd: string;
  personas?: readonly Persona[];
}

/** what prepare returns: the spec as recorded (normalised: resolved items…), the personas, data versions */
export interface ScenarioPlanBase<S> {
  spec: S;
  selection: SelectedPersonas;
  dataVersions: Record<string, string>;
}

/** the opened run a scenario's phases and finalize work with */
export interface ScenarioRun {
  runId: string;
  /** THE model client (--model): personas and answers */
  client: ModelClient;
  /** clients of the scenario's other roles (stress: target, judge) */
  roles: Record<string, ModelClient>;
  personas: PersonaSource;
  meter: UsageMeter;
  prices: PriceTable;
  /** model requests in flight (task windows derive from it) */
  concurrency: number;
  /** estimated USD per generated persona (budget guard) */
  personaEstimateUsd: number;
}

/** the records that decide whether a complete run failed: more than half `invalid` → failed */
export interface FailurePolicy {
  table: RecordTable<KeyedRecord & { status: string; reason?: string | null | undefined }>;
  /** "answers", "judgements" */
  noun: string;
  /** the reason when the table is empty */
  none: string;
  /** what to check, after the count */
  hint: string;
}

export interface ScenarioOutputs {
  metrics: unknown;
  files: { report: string };
}

export interface ScenarioDefinition<S extends { seed: number | string }, P extends ScenarioPlanBase<S>, O extends ScenarioOutputs> {
  /** "survey" */
  name: string;
  /** the manifest's command and the cli command: "survey run" */
  command: string;
  spec: z.ZodType<S>;
  /** the scenario's own flags (the cli adds run, model and tidy flags) */
  flags: Record<string, OptionSpec>;
  /** flags (defaults applied) → spec input, parsed by `spec` next; UsageErrors name the flag */
  fromFlags(values: Record<string, unknown>, env: { cwd: string }): unknown;
  /** the manifest's role of THE model client (default "chat") and the other roles' names */
  mainRole?: string;
  roles?: readonly string[];
  /** spec fields only finalize reads (survey: weights): left out of the run id and free to change
   *  on --resume, whose finalize recomputes the metrics from the same records */
  analysisOnly?: readonly (keyof S & string)[];
  prepare(spec: S, env: ScenarioEnv): P | Promise<P>;
  /** the persona engine of a generating run, before any persona is made (survey: mirror exclusion) */
  onEngine?(plan: P, engine: PersonaEngineContext): void;
  phases(plan: P, run: ScenarioRun): ScenarioPhase[];
  finalize(plan: P, run: ScenarioRun, store: RunStore): Promise<O>;
  failure: (plan: P) => FailurePolicy;
  /** the cli's lines for a complete run (stdout), and the usage line's model label */
  summary(outputs: O, usage: string): string[];
  modelsLabel(run: ScenarioRun): string;
  /** what the live dashboard shows (items, arms, countries); no dashboard when absent */
  dashboard?(plan: P): { items: readonly SurveyItem[]; arms: readonly string[]; countries: readonly string[] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyScenarioDefinition = ScenarioDefinition<any, any, any>;

/** identity, keeping the types */
export function defineScenario<S extends { seed: number | string }, P extends ScenarioPlanBase<S>, O extends ScenarioOutputs>(
  definition: ScenarioDefinition<S, P, O>,
): ScenarioDefinition<S, P, O> {
  return definition;
}

/** the runnable Scenario of a definition, its plan and its opened run; outputs() once finalized */
export function scenarioOf<S extends { seed: number | string }, P extends ScenarioPlanBase<S>, O extends ScenarioOutputs>(
  def: ScenarioDefinition<S, P, O>,
  plan: P,
  run: ScenarioRun,
): Scenario & { outputs(): O | undefined } {
  let outputs: O | undefined;
  return {
    name: def.name,
    outputs: () => outputs,
    phases: def.phases(plan, run),
    failure: def.failure(plan),
    async finalize(store) {
      outputs = await def.finalize(plan, run, store);
    },
  };
}
