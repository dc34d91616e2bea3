// token bucket limiting task starts per minute. tokens refill continuously at
// requestsPerMinute / 60 000 per ms up to `burst` (default 1: evenly spaced starts).
// counts TASKS: a task that makes k model calls should get a limit of rpm / k.
import { UsageError } from "../errors.js";
import { systemClock, systemSleep, type Clock, type Sleep } from "./system-time.js";

export interface RateLimiter {
  /** wait for a token; false when `signal` aborted first */
  acquire(signal?: AbortSignal): Promise<boolean>;
}

export interface RateLimiterOptions {
  requestsPerMinute: number;
  burst?: number;
  /** default: the system clock and sleep */
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
}

const EPSILON = 1e-9;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { requestsPerMinute, clock = systemClock, sleep = systemSleep } = options;
  const burst = options.burst ?? 1;
  if (!(requestsPerMinute > 0)) throw new UsageError(`requests per minute must be > 0, got ${requestsPerMinute}`);
  if (!(burst >= 1)) throw new UsageError(`rate limit burst must be >= 1, got ${burst}`);
  const perMs = requestsPerMinute / 60_000;
  let tokens = burst;
  let last = clock();
  return {
    async acquire(signal) {
      for (;;) {
        if (signal?.aborted) return false;
        const now = clock();
        tokens = Math.min(burst, tokens + (now - last) * perMs);
        last = now;
        if (tokens >= 1 - EPSILON) {
          tokens = Math.max(0, tokens - 1);
          return true;
        }
        await sleep(Math.ceil((1 - tokens) / perMs), signal);
      }
    },
  };
}
