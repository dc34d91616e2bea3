// the real clock and timer, the defaults for injectable `clock` / `sleep` options.
// logic takes these as parameters; tests pass a fake (test/fake-clock.ts).
import { setTimeout as delay } from "node:timers/promises";

/** epoch milliseconds */
export type Clock = () => number;
/** wait `ms`; resolves early (never rejects) when `signal` aborts */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = () => Date.now();

export const systemSleep: Sleep = (ms, signal) =>
  delay(ms, undefined, { signal }).then(
    () => undefined,
    () => undefined,
  );
