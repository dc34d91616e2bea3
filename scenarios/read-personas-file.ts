// personas from a run directory or a personas.jsonl file, strictly (core/input/read-jsonl-input.ts):
// invalid UTF-8, a torn or invalid line (the last one too) and duplicate ids are one-line
// UsageErrors naming file and line; with --skip-invalid bad lines are skipped and returned, so
// the run counts them in its summary and manifest.
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { readJsonlInput, type SkippedLine } from "../core/input/read-jsonl-input.js";
import { PersonaSchema, type Persona } from "../persona-engine/persona/persona-schema.js";

export interface PersonasInput {
  personas: Persona[];
  /** the file read (a run directory's personas.jsonl) */
  file: string;
  /** lines skipped with --skip-invalid */
  skipped: SkippedLine[];
}

export function readPersonasInput(cwd: string, target: string, options: { skipInvalid?: boolean } = {}): PersonasInput {
  const abs = resolve(cwd, target);
  const file = existsSync(abs) && statSync(abs).isDirectory() ? join(abs, "personas.jsonl") : abs;
  if (!existsSync(file))
    throw new UsageError(`no personas at '${target}' (expected a run directory with personas.jsonl, or a .jsonl file)`);
  const shown = file === abs ? target : join(target, "personas.jsonl");
  const read = readJsonlInput(file, {
    shown,
    what: "personas file",
    hint: "is this a personas.jsonl file?",
    ...(options.skipInvalid ? { skipInvalid: true } : {}),
    parse: (json) => {
      const parsed = PersonaSchema.safeParse(json);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      throw new Error(`not a persona record (${issue?.path.join(".")}: ${issue?.message})`);
    },
    idOf: (persona) => persona.id,
  });
  return { personas: read.lines.map((l) => l.value), file, skipped: read.skipped };
}

export function readPersonasFile(cwd: string, target: string, options: { skipInvalid?: boolean } = {}): Persona[] {
  return readPersonasInput(cwd, target, options).personas;
}
