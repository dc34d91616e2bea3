// the translation layer behind study files, --config and a bare --resume: named values (a study
// file's keys, a manifest's config) → argv-like flags of a command, checked against the command's
// option specs, so the command parses and validates them exactly as if they were typed.
import type { OptionSpec } from "./command.js";
import { UsageError } from "../core/errors.js";
import { closeMatches } from "../core/close-matches.js";

/** snake_case / camelCase / kebab-case → the flag's kebab-case name */
export function flagName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();
}

/**
 * values → ["--flag", "value", …]. unknown keys are a UsageError listing close matches, with
 * `source` naming where the key came from ("study file 'x.yaml'"). booleans: true → --flag,
 * false → --no-flag when the command has one, else nothing. lists: repeated for repeatable
 * flags, else joined with commas. null leaves the flag unset.
 */
export function valuesToArgv(
  commandName: string,
  options: Record<string, OptionSpec>,
  values: Record<string, unknown>,
  source: string,
): string[] {
  const argv: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const name = flagName(key);
    const spec = options[name];
    if (!spec || name === "config") {
      const hint = closeMatches(name, Object.keys(options));
      throw new UsageError(
        `${source}: unknown key '${key}' for ${commandName}${hint.length ? ` (did you mean: ${hint.join(", ")}?)` : ""}; see \`deeppersona ${commandName} --help\``,
      );
    }
    if (value === null || value === undefined) continue;
    if (spec.type === "boolean") {
      if (typeof value !== "boolean") throw new UsageError(`${source}: '${key}' must be true or false, got ${JSON.stringify(value)}`);
      if (value) argv.push(`--${name}`);
      else if (options[`no-${name}`]) argv.push(`--no-${name}`);
      continue;
    }
    if (typeof value === "boolean" || (typeof value === "object" && !Array.isArray(value))) {
      throw new UsageError(`${source}: '${key}' needs a value (${spec.valueName ?? "text"}), got ${JSON.stringify(value)}`);
    }
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    if (list.length === 0) continue;
    if (spec.multiple) for (const v of list) argv.push(`--${name}`, v);
    else argv.push(`--${name}`, list.join(","));
  }
  return argv;
}

/** drops the flags (and their values) whose names are in `given`, --x and --no-x alike (explicit flags win) */
export function withoutFlags(argv: string[], options: Record<string, OptionSpec>, given: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = (argv[i] as string).slice(2);
    const takesValue = options[name]?.type === "string";
    const base = name.startsWith("no-") ? name.slice(3) : name;
    const overridden = given.has(name) || given.has(base) || given.has(`no-${base}`);
    if (!overridden) out.push(argv[i] as string, ...(takesValue ? [argv[i + 1] as string] : []));
    if (takesValue) i++;
  }
  return out;
}
