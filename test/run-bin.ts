// the built cli (dist/cli/main.js) as a child process, from the repo root, stdout ignored: resolves
// with its exit and stderr. `killWhen` is polled every `pollMs` and SIGKILLs the child while it holds.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(repo, "dist", "cli", "main.js");

export interface BinExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export function runBin(argv: string[], opts: { env: NodeJS.ProcessEnv; killWhen?: () => boolean; pollMs?: number }): Promise<BinExit> {
  const child = spawn(process.execPath, [bin, ...argv], { cwd: repo, env: opts.env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const { killWhen } = opts;
  const timer = killWhen && setInterval(() => killWhen() && child.kill("SIGKILL"), opts.pollMs ?? 10);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}
