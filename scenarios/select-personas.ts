// which personas a persona scenario runs with: ready personas (a library call's), those of a
// --personas file (each kept to --countries when given) or plans drawn from the population
// tables. bad input → one-line UsageError.
import { UsageError } from "../core/errors.js";
import { planPersonas, type PersonaPlan } from "../persona-engine/engine/plan-personas.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import type { PersonaSelectionSpec } from "./persona-selection-spec.js";
import { personaCountryName } from "./survey/arm-profile.js";
import type { SkippedLine } from "../core/input/read-jsonl-input.js";
import { readPersonasInput } from "./read-personas-file.js";

/** the personas of a file (with the lines --skip-invalid skipped), or the plans of personas to generate */
export type SelectedPersonas =
  | { personas: Persona[]; plans?: undefined; skipped?: { file: string; lines: SkippedLine[] } }
  | { personas?: undefined; plans: PersonaPlan[]; skipped?: undefined };

export function selectPersonas(cwd: string, o: PersonaSelectionSpec, given?: readonly Persona[]): SelectedPersonas {
  if (given) {
    const wanted = new Set(o.countries.map((c) => c.toLowerCase()));
    const personas = given.filter((p) => wanted.size === 0 || wanted.has(p.country.toLowerCase()));
    if (personas.length === 0) throw new UsageError(`no personas of ${o.countries.join(", ")} among the given personas`);
    return { personas };
  }
  if (o.personasFile) {
    const input = readPersonasInput(cwd, o.personasFile, { ...(o.skipInvalid ? { skipInvalid: true } : {}) });
    const fromFile = input.personas;
    const skipped = input.skipped.length > 0 ? { skipped: { file: o.personasFile, lines: input.skipped } } : {};
    if (fromFile.length === 0)
      throw new UsageError(
        `'${o.personasFile}' holds no personas${input.skipped.length ? ` (${input.skipped.length} invalid lines skipped)` : ""}`,
      );
    if (o.countries.length === 0) return { personas: fromFile, ...skipped };
    const wanted = new Set(o.countries.map((c) => c.trim().toLowerCase()));
    const personas = fromFile.filter((p) => wanted.has(p.country.toLowerCase()) || wanted.has(personaCountryName(p).toLowerCase()));
    if (personas.length === 0) {
      const have = [...new Set(fromFile.map((p) => p.country))].join(", ");
      throw new UsageError(`no personas of ${o.countries.join(", ")} in '${o.personasFile}' (it has: ${have})`);
    }
    return { personas, ...skipped };
  }
  return {
    plans: planPersonas({
      countries: [...o.countries],
      ...(o.perCountry !== undefined
        ? { perCountry: o.perCountry, design: "equal" as const }
        : { count: o.count as number, design: o.design }),
      seed: o.seed,
    }),
  };
}
