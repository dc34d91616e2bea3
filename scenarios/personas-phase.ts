// the "personas" phase every persona scenario starts with: generate personas per country with the
// persona engine, or copy them from a file, into personas.jsonl keyed by persona id (in plan /
// file order, so the file is byte-identical whatever the concurrency). the first phase of the
// survey, discussion and stress scenarios.
import type { PriceTable } from "../core/usage/price-table.js";
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
export type PersonaSource = { kind: "file"; personas: readonly Persona[] } | { kind: "generate"; engine: PersonaEngineContext; plans: readonly PersonaPlan[] };

/** what every persona scenario (survey, discussion, stress) takes for its personas phase and its pace */
export interface PersonaScenarioOptions {
  runId: string;
  personas: PersonaSource;
  /** model requests in flight (the model client's limiter caps them; tasks windows derive from it) */
  concurrency: number;
  /** prices for the budget guard's per-task estimates (--prices; default the built-in table) */
  prices?: PriceTable;
  /** estimated USD per generated persona (budget guard) */
  personaEstimateUsd?: number;
  /** a persona was written to personas.jsonl */
  onPersona?(persona: { id: string; country: string }): void;
}

export interface PersonasPhaseOptions extends Pick<PersonaScenarioOptions, "personas" | "concurrency" | "personaEstimateUsd" | "onPersona"> {
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
          ...(options.onPersona ? { onSaved: (p: JsonRecord & { key: string }) => options.onPersona?.({ id: p.key, country: String(p.country) }) } : {}),
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
        eventFor: (key, record) => {
          options.onPersona?.({ id: key, country: String(record.country) });
          return { type: "persona-done", key, persona_id: key, country: String(record.country), source: "file" };
        },
      });
    },
  };
}
