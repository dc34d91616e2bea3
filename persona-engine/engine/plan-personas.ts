// which personas a run makes: one census-grounded demographic record each, with a stable id and
// seed key (so a persona is the same whatever the concurrency, and resume can skip it by id).
import { createRng } from "../../core/rng.js";
import { samplePopulation, type SamplePopulationOptions } from "../population/sample-population.js";
import type { DemographicRecord } from "../population/demographic-record.js";
import type { GeneratePersonaInput } from "./generate-persona.js";

export interface PersonaPlan {
  id: string;
  record: DemographicRecord;
}

export function planPersonas(opts: SamplePopulationOptions): PersonaPlan[] {
  const perCountry = new Map<string, number>();
  const plans: PersonaPlan[] = [];
  for (const record of samplePopulation(opts)) {
    const n = perCountry.get(record.country) ?? 0;
    perCountry.set(record.country, n + 1);
    plans.push({ id: `${record.country}-${String(opts.seed)}-${String(n + 1).padStart(4, "0")}`, record });
  }
  return plans;
}

export function personaInput(plan: PersonaPlan, seed: number | string): GeneratePersonaInput {
  const seedKey = `${String(seed)}/${plan.id}`;
  return {
    record: plan.record,
    countryName: plan.record.country_name,
    index: plan.record.index,
    id: plan.id,
    seedKey,
    rng: createRng(seedKey),
  };
}
