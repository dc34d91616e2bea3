// issue 16: throughput of the queue executor vs worker processes. the fake OpenAI server runs in
// its own process at a fixed latency, a private redis-server holds the queue, and 1, 2, 4
// `deeppersona worker` processes (concurrency 2 each by default: one worker is the bottleneck, and
// 4 workers at their ideal 80 calls/s need ≈ 1 core of CPU in all — at 4 each they would need ≈ 2,
// the whole 2-core machine; see bench/README.md) run N text
// calls that this process (the coordinator) puts on the queue. workers are started and ready
// before the clock starts (steady state). done when: 2 workers ≥ 1.8×, 4 workers ≥ 3× the
// 1-worker throughput, 0 lost ids.
//   node scripts/build.mjs && npx tsx bench/queue-throughput.ts [calls=300] [latencyMs=100] [perWorkerConcurrency=2]
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { HumanMessage } from "@langchain/core/messages";
import { parseQueueUrl } from "../core/executor/queue-connection.js";
import { createQueueExecutor } from "../core/executor/queue-executor.js";
import { createModelClient } from "../core/model/model-client.js";
import { startRedisServer } from "../test/redis-server.js";

const [calls = 300, latencyMs = 100, perWorker = 2] = process.argv.slice(2).map(Number);
const repo = join(import.meta.dirname, "..");
const main = join(repo, "dist", "cli", "main.js");
const server = spawn(
  process.execPath,
  ["--import", "tsx", join(repo, "test", "fake-openai-server-process.ts"), "--latency", String(latencyMs)],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const [chunk] = (await once(server.stdout!, "data")) as [Buffer];
const url = String(chunk).trim();
const spec = `openai:fake-model@${url}`;
const redis = await startRedisServer();
const connection = parseQueueUrl(redis.url);

/** a worker process, resolved once it serves */
async function startWorker(queueName: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [main, "worker", "--queue", redis.url, "--model", spec, "--server-kind", "openai", "--concurrency", String(perWorker)],
    {
      env: { ...process.env, DEEPPERSONA_QUEUE_NAME: queueName },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let text = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (d) => {
      text += String(d);
      if (text.includes("serving")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited ${code}: ${text}`)));
  });
  return child;
}

/** CPU seconds a process has used (Linux /proc) */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function measure(workers: number): Promise<{ seconds: number; perSecond: number; lost: number; cpu: string }> {
  const queueName = `bench-${workers}`;
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(queueName)));
  const executor = createQueueExecutor({ connection, queueName });
  const client = await createModelClient({ spec, seed: workers, executor, runId: `bench${workers}` });
  // warm-up: every worker's model and connections (not timed)
  await Promise.all(
    Array.from({ length: workers * perWorker }, (_, i) => client.text({ key: `warm-${i}`, messages: [new HumanMessage(`warm ${i}`)] })),
  );
  const done = new Set<string>();
  let next = 0;
  const t = performance.now();
  const pids = { coordinator: process.pid, server: server.pid as number, redis: redis.pid, workers: children.map((c) => c.pid as number) };
  const before = {
    coordinator: process.cpuUsage(),
    server: cpuSeconds(pids.server),
    redis: cpuSeconds(pids.redis),
    workers: pids.workers.map(cpuSeconds),
  };
  // the coordinator keeps more calls in flight than all workers together can take
  await Promise.all(
    Array.from({ length: Math.max(64, workers * perWorker * 4) }, async () => {
      while (next < calls) {
        const i = next++;
        const r = await client.text({ key: `call-${i}`, messages: [new HumanMessage(`call ${i}: one word`)] });
        if (r.text) done.add(`call-${i}`);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(before.coordinator);
  const workerCpu = pids.workers.map((p, i) => cpuSeconds(p) - (before.workers[i] ?? 0)).reduce((a, b) => a + b, 0);
  const cpu = `coordinator ${((used.user + used.system) / 1e6).toFixed(1)} s, workers ${workerCpu.toFixed(1)} s, fake server ${(cpuSeconds(pids.server) - before.server).toFixed(1)} s, redis ${(cpuSeconds(pids.redis) - before.redis).toFixed(1)} s`;
  await executor.close();
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => once(c, "exit")));
  return { seconds, perSecond: calls / seconds, lost: calls - done.size, cpu };
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${cpus().length} cores`,
);
console.log(
  `${calls} text calls per row, fake server at ${latencyMs} ms, ${perWorker} calls in flight per worker (ideal 1 worker: ${((perWorker * 1000) / latencyMs).toFixed(0)} calls/s)`,
);
console.log("workers  seconds  calls/s  × 1 worker  ideal  lost");
let base = 0;
for (const workers of [1, 2, 4]) {
  const r = await measure(workers);
  if (workers === 1) base = r.perSecond;
  console.log(
    `${String(workers).padStart(7)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.perSecond.toFixed(1).padStart(7)}  ${(r.perSecond / base).toFixed(2).padStart(10)}  ${`${workers}.00`.padStart(5)}  ${String(r.lost).padStart(4)}   CPU: ${r.cpu}`,
  );
}
server.kill("SIGTERM");
await redis.stop();
