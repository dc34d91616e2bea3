// the "personas" phase every persona scenario starts with: generate personas per country with the
// persona engine, or copy them from a file, into personas.jsonl keyed by persona id (in plan /
// file order, so the file is byte-identical whatever the concurrency). the first phase of the
// survey, discussion and stress scenarios.
import { isDeepPersonaError } from "../core/errors.js";
import { runKeyedTasks } from "../core/run/run-keyed-tasks.js";
import type { JsonRecord } from "../core/store/scan-jsonl.js";
import { generatePersona } from "../persona-engine/engine/generate-persona.js";
import type { PersonaEngineContext } from "../persona-engine/engine/persona-engine-context.js";
import { personaInput, type PersonaPlan } from "../persona-engine/engine/plan-personas.js";
import { PERSONAS_FILE, runPersonaGeneration } from "../persona-engine/engine/run-persona-generation.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import type { ScenarioPhase } from "./scenario.js";

/** where a scenario's personas come from: a personas file, or plans the persona engine generates */
export type PersonaSource =
  | { kind: "file"; personas: readonly Persona[] }
  | { kind: "generate"; engine: PersonaEngineContext; plans: readonly PersonaPlan[] };

export interface PersonasPhaseOptions {
  personas: PersonaSource;
  /** model requests in flight (the model client's limiter caps them; task windows derive from it) */
  concurrency: number;
  /** estimated USD per generated persona (budget guard) */
  personaEstimateUsd?: number;
  seed: number | string;
}

export function personasPhase(options: PersonasPhaseOptions): ScenarioPhase {
  return {
    name: "personas",
    run: async (ctx) => {
      const source = options.personas;
      if (source.kind === "generate") {
        return runPersonaGeneration({
          store: ctx.store,
          ctx: source.engine,
          plans: source.plans,
          seed: options.seed,
          concurrency: options.concurrency,
          signal: ctx.signal,
          ...(ctx.budget ? { budget: ctx.budget } : {}),
          ...(options.personaEstimateUsd === undefined ? {} : { estimateUsd: options.personaEstimateUsd }),
          finish: false,
          generate: async (plan) => {
            try {
              return await generatePersona(source.engine, personaInput(plan, options.seed));
            } catch (err) {
              if (isDeepPersonaError(err) && err.exitCode === 2) ctx.fatal(err);
              throw err;
            }
          },
        });
      }
      return runKeyedTasks<JsonRecord>({
        store: ctx.store,
        file: PERSONAS_FILE,
        ordered: true,
        concurrency: 1,
        signal: ctx.signal,
        finish: false,
        tasks: source.personas.map((p) => ({
          key: p.id,
          run: async () => p as unknown as JsonRecord,
        })),
        eventFor: (key, record) => ({ type: "persona-done", key, persona_id: key, country: String(record.country), source: "file" }),
      });
    },
  };
}
