// which personas a persona scenario runs with: those of a --personas file (kept to --countries
// when given) or plans drawn from the population tables. bad input → one-line UsageError.
import { UsageError } from "../core/errors.js";
import { planPersonas, type PersonaPlan } from "../persona-engine/engine/plan-personas.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import type { PersonaSelectionSpec } from "../scenarios/persona-selection-spec.js";
import { personaCountryName } from "../scenarios/survey/arm-profile.js";
import { readPersonasFile } from "./read-personas-file.js";

/** the personas of a file, or the plans of personas to generate */
export type SelectedPersonas = { personas: Persona[]; plans?: undefined } | { personas?: undefined; plans: PersonaPlan[] };

export function selectPersonas(cwd: string, o: PersonaSelectionSpec): SelectedPersonas {
  if (o.personasFile) {
    const fromFile = readPersonasFile(cwd, o.personasFile);
    if (fromFile.length === 0) throw new UsageError(`'${o.personasFile}' holds no personas`);
    if (o.countries.length === 0) return { personas: fromFile };
    const wanted = new Set(o.countries.map((c) => c.trim().toLowerCase()));
    const personas = fromFile.filter((p) => wanted.has(p.country.toLowerCase()) || wanted.has(personaCountryName(p).toLowerCase()));
    if (personas.length === 0) {
      const have = [...new Set(fromFile.map((p) => p.country))].join(", ");
      throw new UsageError(`no personas of ${o.countries.join(", ")} in '${o.personasFile}' (it has: ${have})`);
    }
    return { personas };
  }
  return {
    plans: planPersonas({
      countries: [...o.countries],
      ...(o.perCountry !== undefined ? { perCountry: o.perCountry, design: "equal" as const } : { count: o.count as number, design: o.design }),
      seed: o.seed,
    }),
  };
}
