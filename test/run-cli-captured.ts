// runs the cli in-process with captured stdout/stderr: the one harness every e2e test uses.
import { PassThrough } from "node:stream";
import { runCli, type RunCliOptions } from "../cli/run-cli.js";

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliCapturedOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  /** called with the whole stderr so far after every write (progress-driven tests) */
  onStderr?: (text: string) => void;
  /** ctrl-c (abort the run's signal) once the stderr so far matches: an interrupt mid-run */
  abortOn?: RegExp;
  /** stderr is a terminal of this size (isTTY): the live dashboard */
  terminal?: { columns: number; rows: number };
  /** commands beside the registry's (a scenario defined in test/) */
  commands?: RunCliOptions["commands"];
}

export async function runCliCaptured(argv: string[], opts: RunCliCapturedOptions = {}): Promise<CapturedRun> {
  let stdout = "";
  let stderr = "";
  const interrupt = opts.abortOn && new AbortController();
  const signal = interrupt?.signal ?? opts.signal;
  const out = new PassThrough();
  const err = Object.assign(new PassThrough(), opts.terminal && { isTTY: true, ...opts.terminal });
  out.on("data", (d) => (stdout += String(d)));
  err.on("data", (d) => {
    stderr += String(d);
    opts.onStderr?.(stderr);
    if (interrupt && opts.abortOn?.test(stderr)) interrupt.abort();
  });
  const code = await runCli({
    argv,
    stdout: out,
    stderr: err,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    ...(signal ? { signal } : {}),
    ...(opts.commands ? { commands: opts.commands } : {}),
  });
  return { code, stdout, stderr };
}
