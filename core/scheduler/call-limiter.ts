// THE model-request limiter of a run (`--concurrency`, `--rpm`): at most `max` requests in flight
// and, with `requestsPerMinute`, request starts spaced by a token bucket. the model client holds
// one and every chat request goes through it (one limiter per run, shared by a run's clients).
// tasks may be more numerous than the cap (a persona makes several sequential calls): keeping
// more tasks in flight than request slots lets every slot stay busy while any task waits on its
// next call. fifo, so no call starves.
import { createRateLimiter, type RateLimiter } from "./create-rate-limiter.js";
import type { Clock, Sleep } from "./system-time.js";

export interface CallLimiter {
  /** runs `fn` when a slot (and, with an rpm, a start token) is free; the slot is held until it settles */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  inFlight(): number;
  /** the most requests that were ever in flight at once */
  peak(): number;
  /** the cap on requests in flight */
  readonly max: number;
}

export interface CallLimiterOptions {
  /** request starts per minute (token bucket, burst 1); undefined = no pace */
  requestsPerMinute?: number | undefined;
  clock?: Clock;
  sleep?: Sleep;
}

export function createCallLimiter(max: number, options: CallLimiterOptions = {}): CallLimiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`call limiter needs a positive integer, got ${max}`);
  const pace: RateLimiter | undefined =
    options.requestsPerMinute === undefined
      ? undefined
      : createRateLimiter({ requestsPerMinute: options.requestsPerMinute, clock: options.clock, sleep: options.sleep });
  // one acquirer at a time: tokens go out in slot order and waits do not overlap
  let paceQueue: Promise<unknown> = Promise.resolve();
  const paced = (signal: AbortSignal | undefined): Promise<unknown> => {
    const turn = paceQueue.then(() => pace?.acquire(signal));
    paceQueue = turn.catch(() => undefined);
    return turn;
  };
  let active = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) next();
  };
  return {
    max,
    async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      peak = Math.max(peak, active);
      try {
        // the pace is taken inside the slot, so starts stay in fifo order; an abort falls through
        // to fn, which sees the aborted signal
        if (pace) await paced(signal);
        return await fn();
      } finally {
        release();
      }
    },
    inFlight: () => active,
    peak: () => peak,
  };
}
