// the queue executor (BullMQ on Redis): one job per CallRequest, job id = request id, run by any
// number of `deeppersona worker` processes (queue-worker.ts), each with its own model and keys.
// - re-adding an id is a no-op; an id already completed is answered from its stored return value
//   (a restarted or resumed coordinator does not pay twice, e.g. mid-persona); a completed
//   FAILURE is dropped and queued again (resume retries failed calls);
// - job options: retries with exponential backoff after worker errors, completed jobs kept
//   `keepCompletedSeconds` (default 7 days) for resume;
// - a killed worker's jobs stall and BullMQ queues them again (at-least-once); the coordinator's
//   runKeyedTasks writes each key once;
// - connections open on the first call and close after `idleCloseMs` without calls, so a
//   finished command exits on its own.
//   const executor = createQueueExecutor({ connection: parseQueueUrl("redis://127.0.0.1:6379") });
import { randomUUID } from "node:crypto";
import { DeepPersonaError, ERROR_CODES } from "../errors.js";
import { cancelled } from "../structured/invoke-with-retry.js";
import type { CallExecutor } from "./call-executor.js";
import type { CallRequest } from "./call-request.js";
import { CallResponseSchema, type CallResponse } from "./call-response.js";
import { DEFAULT_QUEUE_NAME, redisOptions, type QueueConnection } from "./queue-connection.js";

export interface QueueExecutorOptions {
  connection: QueueConnection;
  queueName?: string;
  /** tries of a job whose worker threw (default 5; a killed worker's job is a stall, not a try) */
  attempts?: number;
  /** first retry delay, doubled each try (default 1000 ms) */
  backoffMs?: number;
  /** how long completed jobs are kept for resume (default 7 days) */
  keepCompletedSeconds?: number;
  /** connections close after this long without a call in flight (default 2000 ms) */
  idleCloseMs?: number;
}

export interface QueueExecutor extends CallExecutor {
  readonly kind: "queue";
}

type Open = { queue: import("bullmq").Queue; events: import("bullmq").QueueEvents };

export function createQueueExecutor(options: QueueExecutorOptions): QueueExecutor {
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const keep = options.keepCompletedSeconds ?? 7 * 24 * 3600;
  const jobOptions = {
    attempts: options.attempts ?? 5,
    backoff: { type: "exponential", delay: options.backoffMs ?? 1000 },
    removeOnComplete: { age: keep },
    removeOnFail: { age: keep },
  };
  let opened: Promise<Open> | undefined;
  let inFlight = 0;
  let idle: NodeJS.Timeout | undefined;
  // the job name marks which session added a job (a job added by another session is a resume)
  const session = `call-${randomUUID()}`;
  /** ids whose stored failure was already asked again in this session */
  const retried = new Set<string>();

  const open = (): Promise<Open> =>
    (opened ??= (async () => {
      const { Queue, QueueEvents } = await import("bullmq");
      const connection = redisOptions(options.connection);
      const queue = new Queue(name, { connection });
      const events = new QueueEvents(name, { connection });
      // every waiting call listens on both (hundreds at a high --concurrency)
      queue.setMaxListeners(0);
      events.setMaxListeners(0);
      queue.on("error", () => undefined); // surfaced by the calls that fail
      events.on("error", () => undefined);
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      return { queue, events };
    })());
  const shut = async () => {
    const o = opened;
    opened = undefined;
    if (!o) return;
    const { queue, events } = await o.catch(() => ({ queue: undefined, events: undefined }));
    await Promise.all([events?.close(), queue?.close()]);
  };

  /** the job's outcome: its return value, or the reason it failed for good */
  const wait = async (
    job: import("bullmq").Job,
    events: Open["events"],
    signal: AbortSignal | undefined,
  ): Promise<{ value: unknown } | { failed: string }> => {
    const finished = job.waitUntilFinished(events);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      if (!signal) return;
      onAbort = () => reject(cancelled());
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return { value: (await Promise.race([finished, aborted])) as unknown };
    } catch (err) {
      if (signal?.aborted) throw cancelled();
      if (err instanceof DeepPersonaError) throw err;
      return { failed: err instanceof Error ? err.message : String(err) };
    } finally {
      finished.catch(() => undefined);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    }
  };

  const run = async (request: CallRequest, signal: AbortSignal | undefined): Promise<CallResponse> => {
    const { queue, events } = await open();
    const add = () => queue.add(session, request, { ...jobOptions, jobId: request.id });
    // an id already in the queue: add is a no-op returning it, and a finished job answers at once
    let job = await add();
    let outcome = await wait(job, events, signal);
    const stored = "value" in outcome ? CallResponseSchema.safeParse(outcome.value) : undefined;
    if (stored?.success && stored.data.ok) return stored.data;
    if (stored?.success || "failed" in outcome) {
      // a failure stored by an earlier session (the job has another session's name): resume asks
      // again, once; a failure of this session is reported as it is
      if (job.name !== session && !retried.has(request.id)) {
        retried.add(request.id);
        const state = await job.getState();
        if (state === "failed") await job.retry();
        else {
          await job.remove();
          job = await add();
        }
        outcome = await wait(job, events, signal);
      }
    }
    if ("failed" in outcome) {
      // the job failed for good (its worker threw every try): a failure response
      return {
        id: request.id,
        model: request.model,
        ok: false,
        attempts: 0,
        requests: [],
        retries: [],
        error: { kind: "other", code: "E_QUEUE_JOB", message: `queue job ${request.id} failed: ${outcome.failed}`, exitCode: 1 },
      };
    }
    const parsed = CallResponseSchema.safeParse(outcome.value);
    if (!parsed.success) throw new Error(`queue job ${request.id} returned no call response`);
    return parsed.data;
  };

  return {
    kind: "queue",
    async execute(request, signal) {
      if (signal?.aborted) throw cancelled();
      inFlight++;
      if (idle) clearTimeout(idle);
      idle = undefined;
      try {
        return await run(request, signal);
      } catch (err) {
        if (err instanceof DeepPersonaError) throw err;
        throw new DeepPersonaError(
          ERROR_CODES.queueUnreachable,
          `queue ${options.connection.display}: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      } finally {
        inFlight--;
        if (inFlight === 0) idle = setTimeout(() => void shut(), options.idleCloseMs ?? 2000);
      }
    },
    async close() {
      if (idle) clearTimeout(idle);
      idle = undefined;
      await shut();
    },
  };
}
