// the contract every cli command module implements. command modules must keep their top-level
// imports light (zod, core helpers): heavy modules (langchain, ink) are imported inside `run`,
// so `--help` stays fast.
import type { Writable } from "node:stream";

export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  short?: string;
  /** shown in help as the value placeholder, e.g. "ISO3" */
  valueName?: string;
  default?: string | boolean;
  multiple?: boolean;
  /**
   * the accepted integers of a count or size flag, inclusive: run-cli rejects anything else (a
   * non-integer, a negative number, 1e12) with one line and exit 2 before the command runs, and
   * --help shows the range
   */
  range?: { min: number; max: number };
}

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
