// a run-wide cap on model requests in flight (`--concurrency`). tasks may be more numerous than
// the cap (a persona makes several sequential calls): keeping more tasks in flight than request
// slots lets every slot stay busy while any task waits on its next call. fifo, so no call starves.

export interface CallLimiter {
  /** runs `fn` when a slot is free; the slot is held until it settles */
  run<T>(fn: () => Promise<T>): Promise<T>;
  inFlight(): number;
  /** the most requests that were ever in flight at once */
  peak(): number;
}

export function createCallLimiter(max: number): CallLimiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`call limiter needs a positive integer, got ${max}`);
  let active = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) next();
  };
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      peak = Math.max(peak, active);
      try {
        return await fn();
      } finally {
        release();
      }
    },
    inFlight: () => active,
    peak: () => peak,
  };
}
