// the executor contract (executor-contract.ts) for the local executor and the queue executor
// (BullMQ on a private redis-server with an in-process worker; skipped without redis-server).
import { afterAll, beforeAll } from "vitest";
import { createLocalExecutor } from "../core/executor/local-executor.js";
import { parseQueueUrl } from "../core/executor/queue-connection.js";
import { createQueueExecutor } from "../core/executor/queue-executor.js";
import { startQueueWorker } from "../core/executor/queue-worker.js";
import { executorContract } from "./executor-contract.js";
import { REDIS_SERVER, startRedisServer, type RedisServer } from "./redis-server.js";

executorContract("local", async ({ spec }) => {
  const executor = createLocalExecutor({ spec });
  return { executor, close: () => executor.close() };
});

let redis: RedisServer | undefined;
beforeAll(async () => {
  if (REDIS_SERVER) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

let queues = 0;
executorContract(
  "queue",
  async ({ spec }) => {
    if (!redis) throw new Error("no redis");
    const connection = parseQueueUrl(redis.url);
    const queueName = `contract-${++queues}`;
    const worker = await startQueueWorker({
      connection,
      queueName,
      executor: createLocalExecutor({ spec, retry: { maxRetryAfterMs: 0 } }),
      concurrency: 4,
      lockDurationMs: 2000,
    });
    const executor = createQueueExecutor({ connection, queueName, idleCloseMs: 100 });
    return {
      executor,
      async close() {
        await executor.close();
        await worker.close();
      },
    };
  },
  { skip: !REDIS_SERVER },
);
