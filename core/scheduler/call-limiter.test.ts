import { describe, expect, it } from "vitest";
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
});
