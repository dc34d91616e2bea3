// personas into a run directory: `personas.jsonl` in plan order (byte-identical for the same seed
// whatever the concurrency), resumable by persona id, budget-capped, ctrl-c safe.
import type { RunStore } from "../../core/store/run-store.js";
import type { BudgetGuard } from "../../core/scheduler/budget-guard.js";
import { runKeyedTasks, type RunKeyedTasksSummary } from "../../core/run/run-keyed-tasks.js";
import type { JsonRecord } from "../../core/store/scan-jsonl.js";
import { PersonaSchema, type Persona } from "../persona/persona-schema.js";
import { generatePersona } from "./generate-persona.js";
import { personaInput, type PersonaPlan } from "./plan-personas.js";
import type { PersonaEngineContext } from "./persona-engine-context.js";

export const PERSONAS_FILE = "personas.jsonl";

/**
 * personas started per model-request slot. not a limiter (the model client's limiter caps the
 * requests in flight): a persona's calls are sequential, so with one persona per slot a slot idles
 * while its persona does local work or the last personas of a run finish; two per slot keep every
 * slot busy, and the window keeps the budget guard's reservations small.
 */
export const PERSONAS_PER_CALL_SLOT = 2;

export interface RunPersonaGenerationOptions {
  store: RunStore;
  ctx: PersonaEngineContext;
  plans: readonly PersonaPlan[];
  seed: number | string;
  /** model requests in flight (the client's limiter; personas started: PERSONAS_PER_CALL_SLOT per request slot) */
  concurrency: number;
  signal?: AbortSignal;
  budget?: BudgetGuard;
  /** estimated USD per persona (for the budget guard) */
  estimateUsd?: number;
  /** finish the store when done (default true; false when a later phase follows) */
  finish?: boolean;
  /** the file personas go to (default personas.jsonl) */
  file?: string;
  /** overrides the generator (baselines, tests) */
  generate?: (plan: PersonaPlan) => Promise<Persona>;
  /** a persona was saved to the file (progress counts these, not personas generated but unsaved) */
  onSaved?: (persona: JsonRecord & { key: string }) => void;
}

export async function runPersonaGeneration(opts: RunPersonaGenerationOptions): Promise<RunKeyedTasksSummary> {
  const file = opts.file ?? PERSONAS_FILE;
  const make = opts.generate ?? ((plan: PersonaPlan) => generatePersona(opts.ctx, personaInput(plan, opts.seed)));
  return runKeyedTasks<JsonRecord>({
    store: opts.store,
    file,
    ordered: true,
    concurrency: opts.concurrency * PERSONAS_PER_CALL_SLOT,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.budget ? { budget: opts.budget } : {}),
    finish: opts.finish ?? true,
    tasks: opts.plans.map((plan) => ({
      key: plan.id,
      ...(opts.estimateUsd !== undefined ? { estimateUsd: opts.estimateUsd } : {}),
      run: async () => (await make(plan)) as unknown as JsonRecord,
    })),
    eventFor: (key, record) => {
      opts.onSaved?.(record);
      return {
        type: "persona-done",
        key,
        persona_id: key,
        country: String(record.country),
        filled: (record.attributes as { status: string }[]).filter((a) => a.status === "filled").length,
      };
    },
  });
}

/** personas of a run directory, validated */
export async function readPersonas(store: RunStore, file = PERSONAS_FILE): Promise<Persona[]> {
  return store.read(file, PersonaSchema);
}
