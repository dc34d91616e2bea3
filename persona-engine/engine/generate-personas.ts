// the library entry point: personas as an async iterable, in plan order, `concurrency` personas
// started at once (the client's limiter caps the requests). for resumable runs with a run
// directory use runPersonaGeneration.
import type { Persona } from "../persona/persona-schema.js";
import type { SamplePopulationOptions } from "../population/sample-population.js";
import { createPersonaEngine, type CreatePersonaEngineOptions } from "./create-persona-engine.js";
import { generatePersona } from "./generate-persona.js";
import { personaInput, planPersonas } from "./plan-personas.js";

export type GeneratePersonasOptions = CreatePersonaEngineOptions &
  Omit<SamplePopulationOptions, "countries"> & {
    /** one country (ISO3 or name) … */
    country?: string;
    /** … or several, split by `design` */
    countries?: readonly string[];
    concurrency?: number;
  };

export async function* generatePersonas(opts: GeneratePersonasOptions): AsyncGenerator<Persona> {
  const countries = opts.countries ?? (opts.country ? [opts.country] : []);
  const plans = planPersonas({ ...opts, countries });
  const ctx = await createPersonaEngine(opts);
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const inflight: Promise<Persona>[] = [];
  let next = 0;
  const launch = () => {
    const plan = plans[next++];
    if (!plan) return;
    const p = generatePersona(ctx, personaInput(plan, opts.seed));
    p.catch(() => undefined); // handled when awaited in order
    inflight.push(p);
  };
  while (inflight.length < concurrency && next < plans.length) launch();
  while (inflight.length > 0) {
    const persona = await inflight.shift()!;
    launch();
    yield persona;
  }
}
