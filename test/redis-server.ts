// a private redis-server for tests: a free 127.0.0.1 port, a temp --dir, no persistence, killed
// by PID. tests skip (describe.skipIf(!REDIS_SERVER)) when redis-server is not on PATH;
// .ci/run installs it.
//   const redis = await startRedisServer();   // redis.url = "redis://127.0.0.1:PORT"
//   …; await redis.stop();
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { argv } from "./argv.js";

/** the redis-server binary on PATH, or undefined */
export const REDIS_SERVER: string | undefined = (() => {
  const r = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
})();

export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error("redis-server is not on PATH");
  const dir = mkdtempSync(join(tmpdir(), "dp-redis-"));
  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    argv`--port ${port} --bind 127.0.0.1 --dir ${dir} --save ${""} --appendonly no --protected-mode yes --loglevel warning`,
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 100 && !(await accepts(port)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await accepts(port))) {
    child.kill("SIGKILL");
    throw new Error(`redis-server did not start on port ${port}`);
  }
  const pid = child.pid as number;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    async stop() {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
