// the shared llama.cpp server (../shared/tools/llama-server from the package root: a real
// llama-server binary + a toy model, protocol tests only) started from tests: a chat or an
// embeddings instance on a free (or given) 127.0.0.1 port, the same flags as its start.sh.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const LLAMA_DIR = resolve(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "shared", "tools", "llama-server"));
const BIN = join(LLAMA_DIR, "llama-server");
const MODEL = join(LLAMA_DIR, "toylm-12m-chatml-f32.gguf");

/** why the contract tests cannot run here, or undefined when the binary runs */
export function llamaUnavailable(): string | undefined {
  if (!existsSync(BIN) || !existsSync(MODEL)) return `no llama-server + toy model in ${LLAMA_DIR}`;
  const v = spawnSync(BIN, ["--version"], { encoding: "utf8", timeout: 20_000 });
  return v.status === 0 ? undefined : `${BIN} does not run here (${v.error?.message ?? `exit ${v.status}`})`;
}

export interface LlamaInstance {
  port: number;
  /** http://127.0.0.1:PORT/v1 */
  url: string;
  process: ChildProcess;
  /** SIGKILL, resolved once the process is gone */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** starts an instance and waits until GET /health answers (up to 60 s) */
export async function startLlama(kind: "chat" | "embeddings", port?: number): Promise<LlamaInstance> {
  const p = port ?? (await freePort());
  // one thread: with 2 threads on a busy 2-core machine llama.cpp's thread barriers thrash (measured 2.5 vs 60–200 tok/s)
  const common = ["-m", MODEL, "--host", "127.0.0.1", "--port", String(p), "-t", "1"];
  const args =
    kind === "chat"
      ? [...common, "--alias", "toylm", "-tb", "1", "-c", "16384", "-np", "2", "--chat-template", "chatml"]
      : [...common, "--alias", "toylm-emb", "-c", "16384", "-np", "16", "-b", "2048", "-ub", "2048", "--embeddings", "--pooling", "mean"];
  const child = spawn(BIN, args, { stdio: "ignore" });
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  const instance: LlamaInstance = {
    port: p,
    url: `http://127.0.0.1:${p}/v1`,
    process: child,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`llama-server (${kind}) exited with ${child.exitCode} on port ${p}`);
    const up = await fetch(`http://127.0.0.1:${p}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return instance;
    await new Promise((r) => setTimeout(r, 250));
  }
  await instance.kill();
  throw new Error(`llama-server (${kind}) did not come up on port ${p}`);
}
