// a queue worker (`deeppersona worker`): takes CallRequest jobs from the Redis queue and sends
// them through a LOCAL executor built from this process's own model flags and keys (job data
// carries no secret). model failures come back as `ok: false` responses (the coordinator throws
// the typed error); a 429 pauses the whole queue for its Retry-After (BullMQ's rate limiter) and
// puts the job back; a job for another model fails at once (UnrecoverableError).
//   const worker = await startQueueWorker({ connection, executor: createLocalExecutor({ spec, retry: { maxRetryAfterMs: 0 } }), concurrency: 8 });
//   …; await worker.close();   // waits for the jobs in flight
import { CallRequestSchema } from "./call-request.js";
import type { CallResponse } from "./call-response.js";
import type { LocalExecutor } from "./local-executor.js";
import { DEFAULT_QUEUE_NAME, redisOptions, type QueueConnection } from "./queue-connection.js";

export interface QueueWorkerOptions {
  connection: QueueConnection;
  queueName?: string;
  /** built WITHOUT live hooks, so responses carry every request and retry */
  executor: LocalExecutor;
  /** jobs processed at once */
  concurrency: number;
  /** a job's lock; a worker silent this long (killed) has its jobs queued again (default 30 000 ms) */
  lockDurationMs?: number;
  /** how often stalled jobs are looked for (default: half the lock duration) */
  stalledIntervalMs?: number;
  /** every finished job (the cli counts them) */
  onJob?: (event: { id: string; ok: boolean; rateLimitedMs?: number }) => void;
}

export interface QueueWorker {
  /** jobs completed by this worker */
  processed(): number;
  /** stop taking jobs; waits for the ones in flight */
  close(): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { Worker, UnrecoverableError } = await import("bullmq");
  const { executor } = options;
  const lockDuration = options.lockDurationMs ?? 30_000;
  let processed = 0;
  const worker: import("bullmq").Worker = new Worker(
    options.queueName ?? DEFAULT_QUEUE_NAME,
    async (job): Promise<CallResponse> => {
      const parsed = CallRequestSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`job ${job.id} is not a call request: ${parsed.error.issues[0]?.message ?? ""}`);
      const request = parsed.data;
      if (request.model !== executor.ref.spec) {
        throw new UnrecoverableError(
          `this worker serves ${executor.ref.spec}, job '${request.key}' asks for ${request.model}; start a worker with --model ${request.model}`,
        );
      }
      const response = await executor.execute(request);
      if (!response.ok && response.error.status === 429) {
        // the server asks everyone to wait: pause the queue (all workers), put the job back
        const wait = Math.max(response.error.retryAfterMs ?? 1000, 1);
        options.onJob?.({ id: request.id, ok: false, rateLimitedMs: wait });
        await worker.rateLimit(wait);
        throw Worker.RateLimitError();
      }
      processed++;
      options.onJob?.({ id: request.id, ok: response.ok });
      return response;
    },
    {
      connection: redisOptions(options.connection),
      concurrency: options.concurrency,
      lockDuration,
      stalledInterval: options.stalledIntervalMs ?? Math.max(250, Math.round(lockDuration / 2)),
      // a job whose workers keep dying fails after this many stalls (then the coordinator reports it)
      maxStalledCount: 5,
    },
  );
  worker.on("error", () => undefined); // connection errors: ioredis reconnects
  await worker.waitUntilReady();
  return {
    processed: () => processed,
    close: () => worker.close(),
  };
}
