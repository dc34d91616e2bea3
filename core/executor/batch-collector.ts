// buffers single requests into batches: a request waits until `flushAt` requests are waiting or
// no new one arrived for `idleMs` (injected timer), then every waiting request goes into ONE
// batch run (openai-batch-client.ts) and each waiter is resolved from its custom_id as soon as
// its outcome is final. a custom_id already waiting or in flight shares that request
// (idempotent); a waiter whose signal aborts before the flush is dropped from it.
import type { BatchOutcome, BatchRequestLine, OpenAIBatchClient } from "./openai-batch-client.js";

/** setTimeout / clearTimeout, injectable (tests drive the idle window by hand) */
export interface CollectorTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const systemTimer: CollectorTimer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface BatchCollectorOptions {
  client: OpenAIBatchClient;
  /** flush as soon as this many requests wait (default 50,000: one input file) */
  flushAt?: number;
  /** flush after this long without a new request (default 2,000 ms) */
  idleMs?: number;
  timer?: CollectorTimer;
  /** told when a flush starts (requests in it) */
  onFlush?: (requests: number) => void;
}

export interface BatchCollector {
  submit(line: BatchRequestLine, signal?: AbortSignal): Promise<BatchOutcome>;
  /** requests waiting for the next flush */
  waiting(): number;
  /** flush what waits now and wait for every batch run to end */
  close(): Promise<void>;
}

interface Waiter {
  line: BatchRequestLine;
  promise: Promise<BatchOutcome>;
  resolve(o: BatchOutcome): void;
  reject(err: unknown): void;
  users: number;
}

export function createBatchCollector(options: BatchCollectorOptions): BatchCollector {
  const flushAt = options.flushAt ?? 50_000;
  const idleMs = options.idleMs ?? 2_000;
  const timer = options.timer ?? systemTimer;
  let waiting = new Map<string, Waiter>();
  const inFlight = new Map<string, Waiter>();
  const runs = new Set<Promise<void>>();
  let idle: unknown;

  const flush = () => {
    if (idle !== undefined) timer.clear(idle);
    idle = undefined;
    if (waiting.size === 0) return;
    const batch = waiting;
    waiting = new Map();
    for (const [id, w] of batch) inFlight.set(id, w);
    options.onFlush?.(batch.size);
    const run = options.client
      .run(
        [...batch.values()].map((w) => w.line),
        {
          onOutcome: (o) => {
            batch.get(o.customId)?.resolve(o);
            inFlight.delete(o.customId);
          },
        },
      )
      .then(
        () => undefined,
        (err: unknown) => {
          for (const [id, w] of batch) {
            if (inFlight.get(id) === w) inFlight.delete(id);
            w.reject(err);
          }
        },
      );
    runs.add(run);
    void run.finally(() => runs.delete(run));
  };

  return {
    submit(line, signal) {
      const shared = waiting.get(line.customId) ?? inFlight.get(line.customId);
      if (shared) {
        shared.users++;
        return shared.promise;
      }
      let resolve!: (o: BatchOutcome) => void;
      let reject!: (err: unknown) => void;
      const promise = new Promise<BatchOutcome>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const w: Waiter = { line, promise, resolve, reject, users: 1 };
      waiting.set(line.customId, w);
      signal?.addEventListener(
        "abort",
        () => {
          if (waiting.get(line.customId) !== w || --w.users > 0) return;
          waiting.delete(line.customId);
          reject(signal.reason ?? new Error("aborted"));
        },
        { once: true },
      );
      if (waiting.size >= flushAt) flush();
      else {
        if (idle !== undefined) timer.clear(idle);
        idle = timer.set(flush, idleMs);
      }
      return promise;
    },
    waiting: () => waiting.size,
    async close() {
      flush();
      while (runs.size) await Promise.all([...runs]);
    },
  };
}
