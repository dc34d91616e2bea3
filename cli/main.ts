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
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts++;
  if (interrupts === 1) {
    process.stderr.write("\ndeeppersona: interrupted — finishing in-flight work; the run can be resumed with --resume (ctrl-c again to quit now)\n");
    controller.abort();
  } else {
    process.exit(130);
  }
});

const code = await runCli({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  isTTY: Boolean(process.stderr.isTTY),
});
process.exitCode = controller.signal.aborted && code === 0 ? 130 : code;
