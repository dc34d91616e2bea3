// personas from a run directory or a personas.jsonl file, validated; bad input → UsageError.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { PersonaSchema, type Persona } from "../persona-engine/persona/persona-schema.js";

export function readPersonasFile(cwd: string, target: string): Persona[] {
  const abs = resolve(cwd, target);
  const file = existsSync(abs) && statSync(abs).isDirectory() ? join(abs, "personas.jsonl") : abs;
  if (!existsSync(file)) throw new UsageError(`no personas at '${target}' (expected a run directory with personas.jsonl, or a .jsonl file)`);
  const out: Persona[] = [];
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      // a torn last line (crash mid-write) is ignored; anywhere else it is an error
      if (i >= lines.length - 2) return;
      throw new UsageError(`${file}:${i + 1}: not valid JSON; is this a personas.jsonl file?`);
    }
    const parsed = PersonaSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${file}:${i + 1}: not a persona record (${issue?.path.join(".")}: ${issue?.message})`);
    }
    out.push(parsed.data);
  });
  return out;
}
