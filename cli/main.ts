#!/usr/bin/env node
// the `deeppersona` bin: wires process streams, env and ctrl-c into runCli.
import { setMaxListeners } from "node:events";
import { runCli } from "./run-cli.js";

// a closed pipe (`deeppersona … | head`) ends output quietly instead of crashing
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const controller = new AbortController();
// every in-flight model call listens on the run's signal: dozens at --concurrency 32
setMaxListeners(0, controller.signal);
// SIGINT (ctrl-c), SIGTERM (kill, docker stop, systemd) and SIGHUP (terminal closed) all stop a run
// the same way: no new work is scheduled, in-flight records are written, the manifest is marked
// incomplete and the run can be resumed. the exit code is 128 + the signal number (130, 143, 129).
// a second signal quits at once.
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
let stoppedBy: string | undefined;
for (const name of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
  process.on(name, () => {
    if (stoppedBy === undefined) {
      stoppedBy = name;
      const what = name === "SIGINT" ? "interrupted" : `stopped by ${name}`;
      const again = name === "SIGINT" ? "ctrl-c again" : "signal again";
      process.stderr.write(
        `\ndeeppersona: ${what} — finishing in-flight work; the run can be resumed with --resume (${again} to quit now)\n`,
      );
      controller.abort();
    } else {
      process.exit(SIGNAL_EXIT[name] ?? 130);
    }
  });
}

const code = await runCli({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  isTTY: Boolean(process.stderr.isTTY),
});
const signalExit = SIGNAL_EXIT[stoppedBy ?? "SIGINT"] ?? 130;
// a command that stopped because of the signal returns 130 (or 0 when it had finished anyway)
process.exitCode = controller.signal.aborted && (code === 0 || code === 130) ? signalExit : code;
