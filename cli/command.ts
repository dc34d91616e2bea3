// the contract every cli command module implements. command modules must keep their top-level
// imports light (zod, core helpers): heavy modules (langchain, ink) are imported inside `run`,
// so `--help` stays fast.
import type { Writable } from "node:stream";

export type { OptionSpec } from "../core/flags/option-spec.js";
import type { OptionSpec } from "../core/flags/option-spec.js";

export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
}

export interface CommandContext {
  /** parsed flag values (defaults applied) */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** aborted on ctrl-c (first SIGINT): stop scheduling, finish in-flight writes */
  signal: AbortSignal;
  /** true when stderr is an interactive terminal (progress, dashboard) */
  isTTY: boolean;
}

export interface CommandSpec {
  /** full name, e.g. "population sample" */
  name: string;
  summary: string;
  /** optional longer text printed under the usage line */
  description?: string;
  options: Record<string, OptionSpec>;
  positionals?: PositionalSpec[];
  examples?: string[];
  /** returns the process exit code */
  run(ctx: CommandContext): Promise<number>;
}

/** identity helper that keeps the literal option types */
export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}

/** --json: prints `value` as JSON (indented `indent` spaces) and returns true; false without --json */
export function printJson(ctx: CommandContext, value: unknown, indent?: number): boolean {
  if (ctx.values.json) ctx.stdout.write(`${JSON.stringify(value, null, indent)}\n`);
  return ctx.values.json === true;
}
