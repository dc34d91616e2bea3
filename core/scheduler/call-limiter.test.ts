import { describe, expect, it } from "vitest";
import { createFakeClock } from "../../test/fake-clock.js";
import { createCallLimiter } from "./call-limiter.js";

const tick = () => new Promise<void>((r) => setImmediate(r));

describe("call limiter", () => {
  it("never exceeds the cap, serves callers in order, and releases on failure", async () => {
    const limiter = createCallLimiter(3);
    const order: number[] = [];
    const jobs = Array.from({ length: 10 }, (_, i) =>
      limiter.run(async () => {
        order.push(i);
        expect(limiter.inFlight()).toBeLessThanOrEqual(3);
        for (let k = 0; k < 3; k++) await tick();
        if (i === 4) throw new Error("boom");
        return i;
      }),
    );
    const settled = await Promise.allSettled(jobs);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limiter.peak()).toBe(3);
    expect(limiter.inFlight()).toBe(0);
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(1);
  });

  it("with requestsPerMinute, spaces request starts evenly (60 rpm → one a second)", async () => {
    const clock = createFakeClock(0);
    const limiter = createCallLimiter(4, { requestsPerMinute: 60, clock: clock.now, sleep: clock.sleep });
    const done = await Promise.all(Array.from({ length: 5 }, (_, i) => limiter.run(async () => i)));
    expect(done).toEqual([0, 1, 2, 3, 4]);
    // the first start is free, each later one waits for its token: 4 waits of a second, in turn
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000]);
    expect(clock.now()).toBe(4000);
  });
});
