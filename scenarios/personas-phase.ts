// the "personas" phase every persona scenario starts with: generate personas per country with the
// persona engine, or copy them from a file, into personas.jsonl keyed by persona id (in plan /
// file order, so the file is byte-identical whatever the concurrency). the same logic as the
// survey's first phase, as a reusable ScenarioPhase.
import { isDeepPersonaError } from "../core/errors.js";
import { runKeyedTasks } from "../core/run/run-keyed-tasks.js";
import type { JsonRecord } from "../core/store/scan-jsonl.js";
import { generatePersona } from "../persona-engine/engine/generate-persona.js";
import { personaInput } from "../persona-engine/engine/plan-personas.js";
import { PERSONAS_FILE, runPersonaGeneration } from "../persona-engine/engine/run-persona-generation.js";
import type { ScenarioPhase } from "./scenario.js";
import type { PersonaSource } from "./survey/survey-scenario.js";

export interface PersonasPhaseOptions {
  personas: PersonaSource;
  seed: number | string;
  concurrency: number;
  requestsPerMinute?: number;
  /** estimated USD per generated persona (budget guard) */
  personaEstimateUsd?: number;
  onPersona?(persona: { id: string; country: string }): void;
}

export function personasPhase(options: PersonasPhaseOptions): ScenarioPhase {
  const rpm = options.requestsPerMinute === undefined ? {} : { requestsPerMinute: options.requestsPerMinute };
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
          ...rpm,
          signal: ctx.signal,
          ...(ctx.budget ? { budget: ctx.budget } : {}),
          ...(options.personaEstimateUsd === undefined ? {} : { estimateUsd: options.personaEstimateUsd }),
          finish: false,
          generate: async (plan) => {
            try {
              const persona = await generatePersona(source.engine, personaInput(plan, options.seed));
              options.onPersona?.(persona);
              return persona;
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
          run: async () => {
            options.onPersona?.(p);
            return p as unknown as JsonRecord;
          },
        })),
        eventFor: (key, record) => ({ type: "persona-done", key, persona_id: key, country: String(record.country), source: "file" }),
      });
    },
  };
}
