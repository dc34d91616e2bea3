// a manual clock for tests: `sleep` advances time instantly and records each wait.
import type { Clock, Sleep } from "../core/scheduler/system-time.js";

export interface FakeClock {
  now: Clock;
  sleep: Sleep;
  advance(ms: number): void;
  /** every sleep duration asked for, in order */
  readonly sleeps: number[];
}

export function createFakeClock(start = Date.UTC(2025, 0, 1)): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (!signal?.aborted) now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
    sleeps,
  };
}
