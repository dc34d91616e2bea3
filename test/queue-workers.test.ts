// the queue executor with real worker processes (`node dist/cli/main.js worker`, built by npm
// test) on a private redis-server, against the fake OpenAI server; skipped without redis-server.
// - SIGKILL one of two workers mid-run: every task done, 0 lost, duplicate model calls ≤ that
//   worker's concurrency, no duplicate record;
// - job data carries no secret; the worker sends with its own key;
// - a 429 with Retry-After pauses the queue (BullMQ rate limit) and the job completes after;
// - run commands: a bad --queue URL or an unreachable Redis is one line, exit 2, nothing written.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HumanMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createLocalExecutor } from "../core/executor/local-executor.js";
import { parseQueueUrl, type QueueConnection } from "../core/executor/queue-connection.js";
import { createQueueExecutor } from "../core/executor/queue-executor.js";
import { startQueueWorker } from "../core/executor/queue-worker.js";
import { createModelClient } from "../core/model/model-client.js";
import { runKeyedTasks, type KeyedTask } from "../core/run/run-keyed-tasks.js";
import { openRunStore } from "../core/store/open-run-store.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import { REDIS_SERVER, startRedisServer, type RedisServer } from "./redis-server.js";
import { runCliCaptured } from "./run-cli-captured.js";
import { argv } from "./argv.js";
import { readJsonl } from "./read-jsonl.js";
import { withServer } from "./with-server.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(repo, "dist", "cli", "main.js");
const Answer = z.object({ choice: z.enum(["A", "B", "C"]) });

describe.skipIf(!REDIS_SERVER)("queue executor with worker processes", () => {
  let redis: RedisServer;
  let connection: QueueConnection;
  let root: string;
  beforeAll(async () => {
    redis = await startRedisServer();
    connection = parseQueueUrl(redis.url);
    root = mkdtempSync(join(tmpdir(), "dp-queue-"));
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** n structured calls through a queue executor into `dir`/answers.jsonl */
  async function coordinate(o: {
    spec: string;
    queueName: string;
    n: number;
    dir: string;
    apiKey?: string;
    onRecord?: (count: number) => void;
  }) {
    const executor = createQueueExecutor({ connection, queueName: o.queueName, idleCloseMs: 100 });
    const client = await createModelClient({ spec: o.spec, seed: 9, executor, runId: "fault", ...(o.apiKey ? { apiKey: o.apiKey } : {}) });
    const store = await openRunStore({
      dir: o.dir,
      mode: "create",
      manifest: { command: "fault", config: { n: o.n }, seed: 9, models: { chat: o.spec } },
      clock: () => 0,
    });
    let written = 0;
    const tasks: KeyedTask<{ choice: string }>[] = Array.from({ length: o.n }, (_, i) => {
      const key = `q-${String(i).padStart(3, "0")}`;
      return {
        key,
        run: async (signal) => ({
          choice: (
            await client.structured({
              key,
              schema: Answer,
              name: "answer",
              signal,
              messages: [new HumanMessage(`question ${key}: options: A | B | C`)],
            })
          ).value.choice,
        }),
      };
    });
    const summary = await runKeyedTasks({
      store,
      file: "answers.jsonl",
      tasks,
      concurrency: 32,
      eventFor: (key) => {
        o.onRecord?.(++written);
        return { type: "task-done", file: "answers.jsonl", key };
      },
    });
    await executor.close();
    const records = readJsonl<{ key: string }>(o.dir, "answers.jsonl").map((r) => String(r.key));
    return { summary, records };
  }

  function worker(spec: string, queueName: string, concurrency: number): ChildProcess {
    // the worker's queue name comes from the URL's database: tests isolate by queue name instead
    return spawn(
      process.execPath,
      argv`${main} worker --queue ${redis.url} --model ${spec} --server-kind openai --concurrency ${concurrency} --lock-duration 4000`,
      { cwd: repo, env: { ...process.env, DEEPPERSONA_QUEUE_NAME: queueName }, stdio: ["ignore", "ignore", "pipe"] },
    );
  }

  it("SIGKILL one of two workers mid-run: all tasks done, 0 lost, duplicates ≤ its concurrency, no duplicate record", async () => {
    await withServer(startFakeOpenAIServer({ latencyMs: 150 }), async (srv) => {
      const spec = `openai:fake-model@${srv.url}`;
      const n = 48;
      const concurrency = 4;
      const a = worker(spec, "fault", concurrency);
      const b = worker(spec, "fault", concurrency);
      const aExit = new Promise((resolve) => a.once("exit", resolve));
      const bExit = new Promise((resolve) => b.once("exit", resolve));
      let killed = false;
      const { summary, records } = await coordinate({
        spec,
        queueName: "fault",
        n,
        dir: join(root, "fault"),
        onRecord: (count) => {
          if (count === 12 && !killed) {
            killed = true;
            process.kill(a.pid as number, "SIGKILL");
          }
        },
      });
      expect(killed).toBe(true);
      b.kill("SIGTERM");
      await Promise.all([aExit, bExit]);
      expect(summary.status).toBe("complete");
      expect(records).toHaveLength(n);
      expect(new Set(records).size).toBe(n);
      // one model call per question, plus at most the killed worker's in-flight calls
      const asked = srv.requests
        .filter((r) => r.path === "/v1/chat/completions")
        .map((r) => JSON.stringify((r.body as { messages: unknown }).messages));
      expect(new Set(asked).size).toBe(n);
      expect(asked.length - n, `${asked.length - n} duplicate calls`).toBeLessThanOrEqual(concurrency);
    });
  });

  it("job data carries no key; the worker sends with its own", async () => {
    await withServer(startFakeOpenAIServer(), async (srv) => {
      const spec = `openai:fake-model@${srv.url}`;
      const w = await startQueueWorker({
        connection,
        queueName: "secrets",
        executor: createLocalExecutor({ spec, apiKey: "sk-worker-own-key" }),
        concurrency: 2,
      });
      const { records } = await coordinate({
        spec,
        queueName: "secrets",
        n: 3,
        dir: join(root, "secrets"),
        apiKey: "sk-coordinator-secret",
      });
      await w.close();
      expect(records).toHaveLength(3);
      const { Queue } = await import("bullmq");
      const queue = new Queue("secrets", { connection: { host: connection.host, port: connection.port } });
      const jobs = await queue.getJobs(["completed"]);
      await queue.close();
      expect(jobs).toHaveLength(3);
      for (const job of jobs) expect(JSON.stringify(job.data)).not.toMatch(/sk-|apiKey|api_key|authorization/i);
      expect(srv.requests.every((r) => r.headers.authorization === "Bearer sk-worker-own-key")).toBe(true);
    });
  });

  it("a 429 with Retry-After pauses the queue for that long, then the job completes", async () => {
    await withServer(startFakeOpenAIServer({ failures: [{ status: 429, retryAfter: "1" }] }), async (srv) => {
      const spec = `openai:fake-model@${srv.url}`;
      const limited: number[] = [];
      const w = await startQueueWorker({
        connection,
        queueName: "limited",
        executor: createLocalExecutor({ spec, retry: { maxRetryAfterMs: 0 } }),
        concurrency: 1,
        onJob: (e) => e.rateLimitedMs !== undefined && limited.push(e.rateLimitedMs),
      });
      const { summary, records } = await coordinate({ spec, queueName: "limited", n: 2, dir: join(root, "limited") });
      await w.close();
      expect(summary.status).toBe("complete");
      expect(records).toHaveLength(2);
      expect(limited).toEqual([1000]);
      expect(srv.requestCount("/v1/chat/completions")).toBe(3); // the 429, then one call per question
    });
  });

  it("personas generate --queue: cancelled mid-persona, --resume pays no call twice and ends byte-identical", async () => {
    await withServer(startFakeOpenAIServer({ latencyMs: 30 }), async (srv) => {
      const spec = `openai:fake-model@${srv.url}`;
      const workers = await Promise.all(
        ["whole", "resumed"].map((queueName) =>
          startQueueWorker({ connection, queueName, executor: createLocalExecutor({ spec }), concurrency: 4 }),
        ),
      );
      const args = argv`personas generate --country KEN --count 3 --seed 11 --attributes 40 --concurrency 2 --model ${spec}
        --server-kind openai --no-cache --queue ${redis.url}`;
      const env = (queueName: string) => ({ DEEPPERSONA_CACHE_DIR: join(root, "cache"), DEEPPERSONA_QUEUE_NAME: queueName });
      const whole = await runCliCaptured([...args, "--out", join(root, "p-whole")], { env: env("whole") });
      expect(whole.code, whole.stderr).toBe(0);
      const wholeCalls = srv.requestCount("/v1/chat/completions");
      // the second run: cancelled once a few calls are answered (a persona takes several calls)
      const stop = new AbortController();
      srv.set({ handler: (_req, index) => (index === wholeCalls + 4 ? (stop.abort(), undefined) : undefined) });
      const first = await runCliCaptured([...args, "--out", join(root, "p-run")], { env: env("resumed"), signal: stop.signal });
      // interrupted: 130 and resumable, even when every task of the session was cancelled in flight
      expect(first.code, first.stderr + first.stdout).toBe(130);
      const saved = join(root, "p-run", "personas.jsonl");
      expect(existsSync(saved) ? readFileSync(saved, "utf8").split("\n").filter(Boolean).length : 0).toBeLessThan(3);
      const second = await runCliCaptured([...args, "--out", join(root, "p-run"), "--resume"], { env: env("resumed") });
      expect(second.code, second.stderr).toBe(0);
      await Promise.all(workers.map((w) => w.close()));
      expect(srv.requestCount("/v1/chat/completions") - wholeCalls).toBe(wholeCalls);
      expect(readFileSync(join(root, "p-run", "personas.jsonl"), "utf8")).toBe(
        readFileSync(join(root, "p-whole", "personas.jsonl"), "utf8"),
      );
    });
  });

  it("resubmitting completed ids adds 0 jobs and makes 0 model calls", async () => {
    await withServer(startFakeOpenAIServer(), async (srv) => {
      const spec = `openai:fake-model@${srv.url}`;
      const w = await startQueueWorker({ connection, queueName: "again", executor: createLocalExecutor({ spec }), concurrency: 2 });
      await coordinate({ spec, queueName: "again", n: 4, dir: join(root, "again-1") });
      const calls = srv.requestCount("/v1/chat/completions");
      const { Queue } = await import("bullmq");
      const queue = new Queue("again", { connection: { host: connection.host, port: connection.port } });
      const before = await queue.getJobCounts();
      await coordinate({ spec, queueName: "again", n: 4, dir: join(root, "again-2") }); // a new run directory: every call asked again
      const after = await queue.getJobCounts();
      await queue.close();
      await w.close();
      expect(after).toEqual(before);
      expect(srv.requestCount("/v1/chat/completions")).toBe(calls);
    });
  });

  it("run commands: a bad --queue URL or an unreachable Redis is one line, exit 2, nothing written", async () => {
    for (const [queue, says] of [
      ["http://127.0.0.1:6379", /--queue 'http:\/\/127\.0\.0\.1:6379' is not a redis:\/\/ URL/],
      ["redis://127.0.0.1:1", /cannot reach the queue at redis:\/\/127\.0\.0\.1:1/],
    ] as const) {
      const out = join(root, `bad-${queue.length}`);
      const r = await runCliCaptured(["personas", "generate", "--country", "KEN", "--count", "2", "--queue", queue, "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(says);
      expect(
        r.stderr
          .trim()
          .split("\n")
          .filter((l) => !l.includes("offline model")),
      ).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });
});
