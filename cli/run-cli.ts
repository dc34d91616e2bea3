// argv → command dispatch. in-process and injectable (streams, env, signal) so tests can drive it.
// every way a command can fail ends here as ONE line on stderr, sanitised (no escape sequences,
// no credentials in URLs), with a typed exit code: 2 bad input (flags out of range, empty paths,
// unreadable or invalid files), 3 a full or failing disk (the run is resumable), 1 otherwise.
import { parseArgs } from "node:util";
import { setMaxListeners } from "node:events";
import type { Writable } from "node:stream";
import { COMMANDS, commandGroups, type CommandEntry } from "./registry.js";
import { formatCommandHelp, formatGroupHelp, formatTopHelp } from "./help.js";
import type { CommandSpec } from "./command.js";
import { isDeepPersonaError } from "../core/errors.js";
import { sanitizeForTerminal } from "../core/sanitize/sanitize-for-terminal.js";
import { describeSystemError } from "./describe-system-error.js";
import { parsePositiveInt } from "./run-options.js";
import { packageVersion } from "../core/package-root.js";
import { closeMatches } from "../core/close-matches.js";
import { studyDefaultArgv } from "./study-defaults.js";
import { studyRunArgv } from "./study-file.js";

export interface RunCliOptions {
  argv: string[];
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
  isTTY?: boolean;
  /** commands beside the registry's (tests: a scenario defined in test/) */
  commands?: readonly CommandEntry[];
}

function findCommand(argv: string[], commands: readonly CommandEntry[]): { entry?: CommandEntry; consumed: number } {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith("-")) break;
    words.push(a);
    if (words.length === 2) break;
  }
  for (let n = words.length; n >= 1; n--) {
    const name = words.slice(0, n).join(" ");
    const entry = commands.find((c) => c.name === name);
    if (entry) return { entry, consumed: n };
  }
  return { consumed: 0 };
}

/** `--count -5` → `--count=-5`, so a negative number reaches the command's own check (not Node's "argument is ambiguous") */
function attachNegativeNumbers(spec: CommandSpec, args: string[]): string[] {
  const takesValue = new Set<string>();
  for (const [name, o] of Object.entries(spec.options)) {
    if (o.type !== "string") continue;
    takesValue.add(`--${name}`);
    if (o.short) takesValue.add(`-${o.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (arg === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (takesValue.has(arg) && next !== undefined && /^-(?:\d|\.\d|Infinity|inf|nan)/i.test(next)) {
      out.push(arg.startsWith("--") ? `${arg}=${next}` : `${arg}${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** empty file/folder paths and integers outside an option's range: the one-line message, else undefined */
function checkValues(spec: CommandSpec, values: Record<string, unknown>): string | undefined {
  for (const [name, o] of Object.entries(spec.options)) {
    const value = values[name];
    if (typeof value !== "string") continue;
    if (value.trim() === "" && /DIR|FILE|PATH/.test(o.valueName ?? "") && !/TEXT/.test(o.valueName ?? "")) {
      return `--${name} must not be empty; give a ${/DIR/.test(o.valueName ?? "") ? "folder" : "file"} path (e.g. --${name} ${o.valueName})`;
    }
    if (o.range) {
      try {
        parsePositiveInt(name, value, o.range);
      } catch (err) {
        return (err as Error).message;
      }
    }
  }
  return undefined;
}

function parseCommandArgs(spec: CommandSpec, args: string[]) {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  return parseArgs({ args: attachNegativeNumbers(spec, args), options, strict: true, allowPositionals: true });
}

function unlimitedSignal(): AbortSignal {
  const signal = new AbortController().signal;
  setMaxListeners(0, signal);
  return signal;
}

/** runs the cli; returns the exit code (never throws for user errors) */
export async function runCli(opts: RunCliOptions): Promise<number> {
  const { stdout, stderr } = opts;
  let argv: string[];
  try {
    argv = await studyRunArgv(opts.argv, opts.cwd);
  } catch (err) {
    stderr.write(`deeppersona run: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}\n`);
    return 2;
  }
  const version = packageVersion();
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    stdout.write(formatTopHelp(COMMANDS, version));
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === "--version" || argv[0] === "-v") {
    stdout.write(`${version}\n`);
    return 0;
  }
  const { entry, consumed } = findCommand(argv, [...COMMANDS, ...(opts.commands ?? [])]);
  if (!entry) {
    const first = argv[0] as string;
    if (commandGroups().includes(first)) {
      const sub = argv[1];
      if (sub === undefined || sub === "--help" || sub === "-h") {
        stdout.write(formatGroupHelp(first, COMMANDS));
        return sub === undefined ? 2 : 0;
      }
      const subs = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.split(" ")[1] as string);
      const hint = closeMatches(sub, subs);
      stderr.write(
        `deeppersona: unknown command '${oneLine(`${first} ${sub}`)}'${hint.length ? ` (did you mean: ${hint.map((h) => `${first} ${h}`).join(", ")}?)` : ""}; run \`deeppersona ${first} --help\`\n`,
      );
      return 2;
    }
    if (first.startsWith("-")) {
      stderr.write(`deeppersona: unknown option '${oneLine(first)}'; run \`deeppersona --help\`\n`);
      return 2;
    }
    const hint = closeMatches(first, [...new Set(COMMANDS.map((c) => c.name.split(" ")[0] as string))]);
    stderr.write(
      `deeppersona: unknown command '${oneLine(first)}'${hint.length ? ` (did you mean: ${hint.join(", ")}?)` : ""}; run \`deeppersona --help\` for the list\n`,
    );
    return 2;
  }
  const { command } = await entry.load();
  const rest = argv.slice(consumed);
  // bad input: one line naming the command, exit 2
  const fail = (message: string) => {
    stderr.write(`deeppersona ${command.name}: ${message}\n`);
    return 2;
  };
  const seeHelp = `; run \`deeppersona ${command.name} --help\``;
  let parsed;
  try {
    parsed = parseCommandArgs(command, rest);
  } catch (err) {
    const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
    const m = /Unknown option '([^']+)'/.exec(msg ?? "");
    if (!m?.[1]) return fail(`${oneLine(msg ?? "")}${seeHelp}`);
    const known = Object.keys(command.options).map((o) => `--${o}`);
    const hint = closeMatches(m[1], known);
    return fail(`unknown option '${oneLine(m[1])}'${hint.length ? ` (did you mean: ${hint.join(", ")}?)` : ""}${seeHelp}`);
  }
  if (parsed.values.help) {
    stdout.write(formatCommandHelp(command));
    return 0;
  }
  try {
    // --config FILE and a bare --resume: flags from the study file / manifest, under the explicit ones
    const extra = await studyDefaultArgv(command, parsed.values, opts.cwd);
    if (extra.length > 0) parsed = parseCommandArgs(command, [...extra, ...rest]);
  } catch (err) {
    return fail(err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err));
  }
  const maxPositionals = command.positionals?.length ?? 0;
  if (parsed.positionals.length > maxPositionals)
    return fail(`unexpected argument '${oneLine(parsed.positionals[maxPositionals] ?? "")}'${seeHelp}`);
  const missing = (command.positionals ?? []).slice(parsed.positionals.length).find((p) => p.required);
  if (missing) return fail(`missing argument <${missing.name}> (${missing.description})`);
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, o] of Object.entries(command.options)) values[name] = o.default;
  for (const [k, v] of Object.entries(parsed.values)) if (k !== "help") values[k] = v as string | boolean | string[];
  const invalid = checkValues(command, values);
  if (invalid) return fail(oneLine(invalid));
  const ctx = {
    values,
    positionals: parsed.positionals,
    stdout,
    stderr,
    env: opts.env,
    cwd: opts.cwd,
    signal: opts.signal ?? unlimitedSignal(),
  };
  try {
    if (values["dry-run"] === true) return await (await import("./dry-run.js")).runDryRun(command, { ...ctx, isTTY: false });
    await preflightRunDirectory(command, values, opts.cwd);
    return await command.run({ ...ctx, isTTY: opts.isTTY ?? false });
  } catch (err) {
    const known = isDeepPersonaError(err) ? err : describeSystemError(err);
    if (known) {
      stderr.write(`deeppersona ${command.name}: ${oneLine(known.message)}\n`);
      if (opts.env.DEEPPERSONA_DEBUG && known.stack) stderr.write(known.stack + "\n");
      return known.exitCode;
    }
    const msg = err instanceof Error ? err.message : String(err);
    stderr.write(`deeppersona ${command.name}: unexpected error: ${oneLine(msg)} (set DEEPPERSONA_DEBUG=1 for the stack)\n`);
    if (opts.env.DEEPPERSONA_DEBUG && err instanceof Error && err.stack) stderr.write(err.stack + "\n");
    return 1;
  }
}

/**
 * commands that write a run directory (--out DIR with --resume/--force): the directory is checked
 * (locked by a live writer, exists without --resume/--force, --force on something that is not this
 * command's run, --resume of nothing, cannot be created) before any flag-dependent work, so nothing is printed or
 * computed first. the run store checks again when it opens (a racing writer).
 */
async function preflightRunDirectory(command: CommandSpec, values: Record<string, unknown>, cwd: string): Promise<void> {
  const o = command.options;
  if (o.out?.valueName !== "DIR" || !o.resume || !o.force || typeof values.out !== "string" || values.out.trim() === "") return;
  const { resolve } = await import("node:path");
  const { storeMode } = await import("./run-options.js");
  const { checkRunDirectory } = await import("../core/store/open-run-store.js");
  await checkRunDirectory({
    dir: resolve(cwd, values.out),
    shown: values.out,
    mode: storeMode(values),
    command: command.name,
    probe: true,
  });
}

/** the first line of a message, safe for a terminal (no escape sequences, no URL credentials) */
function oneLine(message: string): string {
  return sanitizeForTerminal(message.split("\n")[0] ?? "", { singleLine: true });
}
