import { describe, expect, it } from "vitest";
import { createFakeClock } from "../../test/fake-clock.js";
import { UsageError } from "../errors.js";
import type { BudgetGuard } from "./budget-guard.js";
import { createRateLimiter } from "./create-rate-limiter.js";
import { runTasks, type SchedulerTask } from "./run-tasks.js";

/** a promise the test resolves or rejects by hand */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const instant = (n: number): SchedulerTask<number>[] => Array.from({ length: n }, (_, i) => ({ key: `t${i}`, run: async () => i }));

describe("runTasks", () => {
  it("runs everything and returns results in task order", async () => {
    const tasks = Array.from({ length: 10 }, (_, i) => ({
      key: `t${i}`,
      run: async () => {
        for (let k = 0; k < 10 - i; k++) await tick();
        return i * i;
      },
    }));
    const summary = await runTasks({ tasks, concurrency: 4 });
    expect(summary).toMatchObject({ completed: 10, failed: 0, skipped: 0, stoppedBy: null, stoppedAtKey: null });
    expect(summary.results.map((r) => r.value)).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
  });

  it("never has more than `concurrency` tasks in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const tasks = Array.from({ length: 25 }, (_, i) => ({
      key: `t${i}`,
      run: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        for (let k = 0; k < (i % 4) + 1; k++) await tick();
        inFlight--;
        return i;
      },
    }));
    const summary = await runTasks({ tasks, concurrency: 3 });
    expect(summary.completed).toBe(25);
    expect(peak).toBe(3);
  });

  it("pulls lazily from an async iterable", async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 5; i++) {
        pulled++;
        yield { key: `t${i}`, run: async () => i };
      }
    }
    const summary = await runTasks({ tasks: source(), concurrency: 2 });
    expect(summary.results.map((r) => r.key)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    expect(pulled).toBe(5);
  });

  it("rejects a bad concurrency as a usage error", async () => {
    await expect(runTasks({ tasks: instant(1), concurrency: 0 })).rejects.toBeInstanceOf(UsageError);
  });

  it("limits starts per minute with an injected clock", async () => {
    const clock = createFakeClock(0);
    const starts: number[] = [];
    const tasks = Array.from({ length: 5 }, (_, i) => ({ key: `t${i}`, run: async () => starts.push(clock.now()) }));
    const summary = await runTasks({ tasks, concurrency: 5, requestsPerMinute: 60, clock: clock.now, sleep: clock.sleep });
    expect(summary.completed).toBe(5);
    expect(starts).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000]);
  });

  it("lets a rate limiter burst, then refills continuously", async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter({ requestsPerMinute: 120, burst: 3, clock: clock.now, sleep: clock.sleep });
    const grants: number[] = [];
    for (let i = 0; i < 5; i++) {
      await limiter.acquire();
      grants.push(clock.now());
    }
    expect(grants).toEqual([0, 0, 0, 500, 1000]);
    const aborted = AbortSignal.abort();
    expect(await limiter.acquire(aborted)).toBe(false);
  });

  it("on cancel starts nothing new, lets in-flight tasks finish and records their results", async () => {
    const controller = new AbortController();
    const gates = Array.from({ length: 10 }, () => deferred<number>());
    const started: string[] = [];
    const recorded: string[] = [];
    const signals: AbortSignal[] = [];
    const tasks = gates.map((gate, i) => ({
      key: `t${i}`,
      run: (signal: AbortSignal) => {
        started.push(`t${i}`);
        signals.push(signal);
        return gate.promise;
      },
    }));
    const running = runTasks({
      tasks,
      concurrency: 3,
      signal: controller.signal,
      onResult: async (key) => {
        await tick();
        recorded.push(key);
      },
    });
    await tick();
    expect(started).toEqual(["t0", "t1", "t2"]);
    controller.abort();
    gates[1]?.resolve(1);
    gates[0]?.resolve(0);
    await tick();
    gates[2]?.resolve(2);
    const summary = await running;
    expect(started).toEqual(["t0", "t1", "t2"]);
    expect(recorded.sort()).toEqual(["t0", "t1", "t2"]);
    expect(summary).toMatchObject({ completed: 3, failed: 0, skipped: 7, stoppedBy: "cancelled" });
    expect(signals.every((s) => !s.aborted)).toBe(true);
  });

  it("passes the hard signal to tasks so a second ctrl-c can abort in-flight work", async () => {
    const soft = new AbortController();
    const hard = new AbortController();
    const tasks = [
      {
        key: "t0",
        run: (signal: AbortSignal) =>
          new Promise<number>((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted")))),
      },
    ];
    const running = runTasks({ tasks, concurrency: 1, signal: soft.signal, hardSignal: hard.signal });
    await tick();
    soft.abort();
    hard.abort();
    const summary = await running;
    expect(summary).toMatchObject({ completed: 0, failed: 1, stoppedBy: "cancelled" });
  });

  it("more than 10 tasks in flight each listening to the task signal: no MaxListenersExceededWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      for (const hardSignal of [new AbortController().signal, undefined]) {
        const gate = deferred<void>();
        const tasks = Array.from({ length: 16 }, (_, i) => ({
          key: `t${i}`,
          run: async (signal: AbortSignal) => {
            const listener = () => undefined;
            signal.addEventListener("abort", listener); // as every model call in flight does
            await gate.promise;
            signal.removeEventListener("abort", listener);
            return i;
          },
        }));
        const running = runTasks({ tasks, concurrency: 16, ...(hardSignal ? { hardSignal } : {}) });
        for (let k = 0; k < 5; k++) await tick();
        gate.resolve();
        expect((await running).completed).toBe(16);
      }
      await tick(); // warnings are emitted on the next tick
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("a cancel after the last task started still stops by 'cancelled'; the tasks it cut off are interrupted", async () => {
    const controller = new AbortController();
    const gates = [deferred<number>(), deferred<number>()];
    const tasks = [
      { key: "early-failure", run: async () => Promise.reject(new Error("a real failure before the cancel")) },
      ...gates.map((g, i) => ({ key: `cut-${i}`, run: () => g.promise })),
    ];
    const running = runTasks({ tasks, concurrency: 3, signal: controller.signal });
    await tick();
    // everything has started: nothing is left to schedule when the cancel comes
    controller.abort();
    for (const g of gates) g.reject(new Error("aborted"));
    const summary = await running;
    expect(summary).toMatchObject({ completed: 0, failed: 3, interrupted: 2, stoppedBy: "cancelled", skipped: 0 });
    // no cancel: failures are failures, nothing stops the run
    const plain = await runTasks({ tasks: [{ key: "x", run: async () => Promise.reject(new Error("x")) }], concurrency: 1 });
    expect(plain).toMatchObject({ failed: 1, interrupted: 0, stoppedBy: null });
  });

  it("records a failing task through onError and keeps going", async () => {
    const failures: Array<[string, string]> = [];
    const tasks = instant(6).map((task, i) => (i === 2 ? { ...task, run: async () => Promise.reject(new Error("boom")) } : task));
    const summary = await runTasks({
      tasks,
      concurrency: 2,
      onError: (key, error) => {
        failures.push([key, (error as Error).message]);
      },
    });
    expect(failures).toEqual([["t2", "boom"]]);
    expect(summary).toMatchObject({ completed: 5, failed: 1, stoppedBy: null });
    expect(summary.errors.map((e) => e.key)).toEqual(["t2"]);
  });

  it("treats a failing onResult (e.g. a write error) as a task failure", async () => {
    const keys: string[] = [];
    const summary = await runTasks({
      tasks: instant(3),
      concurrency: 1,
      onResult: (key) => {
        if (key === "t1") throw new Error("disk full");
      },
      onError: (key) => {
        keys.push(key);
      },
    });
    expect(summary).toMatchObject({ completed: 2, failed: 1 });
    expect(keys).toEqual(["t1"]);
  });

  it("stops and rejects when onError itself throws, after in-flight tasks settle", async () => {
    let finished = 0;
    const tasks = Array.from({ length: 6 }, (_, i) => ({
      key: `t${i}`,
      run: async () => {
        await tick();
        if (i === 0) throw new Error("boom");
        finished++;
        return i;
      },
    }));
    const running = runTasks({ tasks, concurrency: 2, onError: () => Promise.reject(new Error("cannot record")) });
    await expect(running).rejects.toThrow("cannot record");
    expect(finished).toBeLessThan(5);
  });

  it("stops before the budget cap would be crossed, counting in-flight estimates", async () => {
    let spent = 0;
    const asked: number[] = [];
    const budget: BudgetGuard = {
      canAfford: (estimate) => {
        asked.push(estimate);
        return spent + estimate <= 7.5;
      },
    };
    const tasks = Array.from({ length: 20 }, (_, i) => ({
      key: `t${i}`,
      estimateUsd: 1,
      run: async () => {
        await tick();
        spent += 1;
        return i;
      },
    }));
    const summary = await runTasks({ tasks, concurrency: 3, budget });
    expect(summary).toMatchObject({ completed: 7, skipped: 13, stoppedBy: "budget", stoppedAtKey: "t7" });
    expect(spent).toBe(7);
    expect(Math.max(...asked)).toBe(3);
  });

  it("reports a budget stop even when nothing can be afforded", async () => {
    const summary = await runTasks({ tasks: instant(4), concurrency: 2, budget: { canAfford: () => false } });
    expect(summary).toMatchObject({ completed: 0, skipped: 4, stoppedBy: "budget", stoppedAtKey: "t0" });
  });
});

describe("runTasks with a self-reserving budget guard", () => {
  it("reserves each launched task's estimate and releases it when the task is done", async () => {
    let spent = 0;
    let reserved = 0;
    const asked: number[] = [];
    const budget: BudgetGuard = {
      canAfford: (estimate) => {
        asked.push(estimate);
        return spent + reserved + estimate <= 4;
      },
      reserve: (estimate) => {
        reserved += estimate;
        return () => (reserved -= estimate);
      },
    };
    const tasks = Array.from({ length: 10 }, (_, i) => ({
      key: `t${i}`,
      estimateUsd: 1,
      run: async () => {
        await tick();
        spent += 1;
        return i;
      },
    }));
    const summary = await runTasks({ tasks, concurrency: 3, budget });
    expect(summary).toMatchObject({ completed: 4, stoppedBy: "budget", stoppedAtKey: "t4" });
    expect(new Set(asked)).toEqual(new Set([1]));
    expect(reserved).toBe(0);
  });
});
