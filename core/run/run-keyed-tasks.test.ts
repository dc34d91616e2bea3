import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "../../test/fake-clock.js";
import { readJson } from "../../test/read-json.js";
import { readJsonl } from "../../test/read-jsonl.js";
import type { BudgetGuard } from "../scheduler/budget-guard.js";
import { openRunStore, type RunStoreMode } from "../store/open-run-store.js";
import { runManifestSchema } from "../store/run-manifest.js";
import { Budget } from "../usage/budget.js";
import { estimateCostUsd } from "../usage/estimate-cost-usd.js";
import { UsageMeter } from "../usage/usage-meter.js";
import { runKeyedTasks, type KeyedTask } from "./run-keyed-tasks.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "dp-keyed-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const open = (dir: string, mode: RunStoreMode, config: Record<string, unknown> = {}) =>
  openRunStore({
    dir,
    mode,
    manifest: { command: "test", config: { n: 50, ...config }, seed: 3, models: { chat: "offline" } },
    clock: createFakeClock().now,
  });

/** deterministic tasks: the record depends only on the index */
function makeTasks(
  n: number,
  hooks: { onRun?: (i: number) => void; fail?: (i: number) => boolean } = {},
): KeyedTask<{ index: number; square: number; text: string }>[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `item-${String(i).padStart(3, "0")}`,
    estimateUsd: 1,
    run: async () => {
      hooks.onRun?.(i);
      for (let k = 0; k < (i % 3) + 1; k++) await tick();
      if (hooks.fail?.(i)) throw new Error(`task ${i} failed`);
      return { index: i, square: i * i, text: `answer ${i}` };
    },
  }));
}
const manifestOf = async (dir: string) => runManifestSchema.parse(readJson(dir, "manifest.json"));
const eventsOf = async (dir: string) => readJsonl<Record<string, unknown>>(dir, "events.jsonl");
const byKey = (records: Record<string, unknown>[]) => [...records].sort((a, b) => String(a.key).localeCompare(String(b.key)));

async function uninterrupted(n: number) {
  const dir = join(root, "reference");
  const summary = await runKeyedTasks({ store: await open(dir, "create"), file: "responses.jsonl", tasks: makeTasks(n), concurrency: 4 });
  expect(summary).toMatchObject({ status: "complete", reason: null, total: n, completed: n });
  return readJsonl<Record<string, unknown>>(dir, "responses.jsonl");
}

describe("runKeyedTasks", () => {
  it("ordered: appends in task order whatever the completion order, failures leave no gap", async () => {
    const dir = join(root, "ordered");
    const n = 12;
    const tasks: KeyedTask<{ index: number }>[] = Array.from({ length: n }, (_, i) => ({
      key: `k-${String(i).padStart(2, "0")}`,
      run: async () => {
        // later tasks finish first
        for (let k = 0; k < (n - i) * 2; k++) await tick();
        if (i === 5) throw new Error("task 5 failed");
        return { index: i };
      },
    }));
    const summary = await runKeyedTasks({ store: await open(dir, "create"), file: "rows.jsonl", tasks, concurrency: 6, ordered: true });
    expect(summary.completed).toBe(n - 1);
    const lines = readJsonl(dir, "rows.jsonl");
    expect(lines.map((l) => l.index)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
    // the same tasks unordered land in completion order (so the option is what orders them)
    const dir2 = join(root, "unordered");
    await runKeyedTasks({ store: await open(dir2, "create"), file: "rows.jsonl", tasks, concurrency: 6 });
    const lines2 = readJsonl(dir2, "rows.jsonl");
    expect(lines2.map((l) => l.index)).not.toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
  });

  it("resumes a cancelled run with no duplicates and no losses", async () => {
    const dir = join(root, "run");
    const controller = new AbortController();
    let runs = 0;
    const first = await runKeyedTasks({
      store: await open(dir, "create"),
      file: "responses.jsonl",
      tasks: makeTasks(50, { onRun: () => ++runs === 20 && controller.abort() }),
      concurrency: 4,
      signal: controller.signal,
    });
    expect(first).toMatchObject({ status: "incomplete", stoppedBy: "cancelled", completed: runs, skipped: 50 - runs });
    expect(runs).toBeGreaterThanOrEqual(20);
    expect(runs).toBeLessThan(50);
    expect((await manifestOf(dir)).status).toBe("incomplete");
    expect((await manifestOf(dir)).reason).toMatch(/^cancelled: \d+ of 50 done; pass --resume to continue$/);
    // every started task was written, including those in flight at the abort
    expect(readJsonl(dir, "responses.jsonl")).toHaveLength(runs);

    let rerun = 0;
    const second = await runKeyedTasks({
      store: await open(dir, "resume"),
      file: "responses.jsonl",
      tasks: makeTasks(50, { onRun: () => rerun++ }),
      concurrency: 4,
    });
    expect(second).toMatchObject({ status: "complete", alreadyDone: runs, completed: 50 - runs, stoppedBy: null });
    expect(rerun).toBe(50 - runs);

    const lines = readJsonl(dir, "responses.jsonl");
    expect(new Set(lines.map((l) => l.key)).size).toBe(50);
    expect(lines).toHaveLength(50);
    expect(byKey(lines)).toEqual(byKey(await uninterrupted(50)));
    const manifest = await manifestOf(dir);
    expect(manifest).toMatchObject({ status: "complete", reason: null, counts: { "responses.jsonl": 50 } });
    const types = (await eventsOf(dir)).map((e) => e.type);
    expect(types.filter((t) => t === "task-done")).toHaveLength(50);
    expect(types.filter((t) => t === "cancelled")).toHaveLength(1);
    expect(types.filter((t) => t === "run-start")).toHaveLength(2);
  });

  it("ctrl-c that aborts every call in flight is an interruption, not a failure (incomplete, resumable)", async () => {
    // concurrency 8: every task is in flight when ctrl-c comes (no scheduling is stopped);
    // concurrency 4: some tasks never start
    for (const concurrency of [8, 4]) {
      const dir = join(root, `aborted-${concurrency}`);
      const controller = new AbortController();
      // every task waits on the signal and rejects when it aborts (as model calls in flight do)
      const tasks: KeyedTask<{ index: number }>[] = Array.from({ length: 8 }, (_, i) => ({
        key: `k-${i}`,
        run: (signal) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener("abort", () => reject(new Error(`call ${i} aborted`)), { once: true });
            if (i === 3) setImmediate(() => controller.abort());
          }),
      }));
      const summary = await runKeyedTasks({
        store: await open(dir, "create"),
        file: "rows.jsonl",
        tasks,
        concurrency,
        signal: controller.signal,
        hardSignal: controller.signal,
      });
      expect(summary).toMatchObject({ status: "incomplete", stoppedBy: "cancelled", completed: 0, failed: 0 });
      expect(summary.reason).toMatch(/^cancelled: 0 of 8 done; pass --resume to continue$/);
      expect((await manifestOf(dir)).status).toBe("incomplete");
      expect((await eventsOf(dir)).filter((e) => e.type === "cancelled")).toHaveLength(1);
    }
    // a real failure before the cancel still counts
    const dir2 = join(root, "failed-then-aborted");
    const c2 = new AbortController();
    const tasks2: KeyedTask<{ index: number }>[] = Array.from({ length: 6 }, (_, i) => ({
      key: `k-${i}`,
      run: async () => {
        await tick();
        if (i === 5) c2.abort();
        throw new Error(`task ${i} failed`);
      },
    }));
    const failed = await runKeyedTasks({
      store: await open(dir2, "create"),
      file: "rows.jsonl",
      tasks: tasks2,
      concurrency: 1,
      signal: c2.signal,
    });
    expect(failed.status).toBe("failed");
    expect(failed.failed).toBe(5);
  });

  it("stops at the budget cap, ends incomplete and resumes with a larger budget", async () => {
    const dir = join(root, "run");
    let spent = 0;
    const budgetOf = (cap: number): BudgetGuard => ({ canAfford: (estimate) => spent + estimate <= cap });
    const tasks = makeTasks(20, { onRun: () => (spent += 1) });
    const first = await runKeyedTasks({
      store: await open(dir, "create", { budgetUsd: 7 }),
      file: "responses.jsonl",
      tasks,
      concurrency: 3,
      budget: budgetOf(7),
    });
    expect(first).toMatchObject({ status: "incomplete", stoppedBy: "budget", completed: 7, skipped: 13 });
    const manifest = await manifestOf(dir);
    expect(manifest.status).toBe("incomplete");
    expect(manifest.reason).toBe("budget cap reached: 7 of 20 done; pass --resume (with a larger --budget-usd) to continue");
    expect(await eventsOf(dir)).toContainEqual(expect.objectContaining({ type: "budget", key: "item-007", estimate_usd: 1 }));

    const second = await runKeyedTasks({
      store: await open(dir, "resume", { budgetUsd: 100 }),
      file: "responses.jsonl",
      tasks,
      concurrency: 3,
      budget: budgetOf(100),
    });
    expect(second).toMatchObject({ status: "complete", alreadyDone: 7, completed: 13 });
    expect(spent).toBe(20);
    expect(new Set(readJsonl(dir, "responses.jsonl").map((l) => l.key)).size).toBe(20);
  });

  it("records a failing task as an error event, ends incomplete, and retries it on resume", async () => {
    const dir = join(root, "run");
    const first = await runKeyedTasks({
      store: await open(dir, "create"),
      file: "responses.jsonl",
      tasks: makeTasks(10, { fail: (i) => i === 4 }),
      concurrency: 2,
    });
    expect(first).toMatchObject({ status: "incomplete", completed: 9, failed: 1 });
    expect(first.reason).toBe("1 of 10 tasks failed (first: task 4 failed); pass --resume to retry them");
    expect(await eventsOf(dir)).toContainEqual(expect.objectContaining({ type: "error", key: "item-004", message: "task 4 failed" }));
    expect((await manifestOf(dir)).counts).toMatchObject({ "responses.jsonl": 9, completed: 9, failed: 1 });

    const second = await runKeyedTasks({ store: await open(dir, "resume"), file: "responses.jsonl", tasks: makeTasks(10), concurrency: 2 });
    expect(second).toMatchObject({ status: "complete", alreadyDone: 9, completed: 1 });
  });

  it("marks a run where most tasks failed as failed", async () => {
    const dir = join(root, "run");
    const summary = await runKeyedTasks({
      store: await open(dir, "create"),
      file: "responses.jsonl",
      tasks: makeTasks(10, { fail: (i) => i >= 3 }),
      concurrency: 3,
    });
    expect(summary).toMatchObject({ status: "failed", completed: 3, failed: 7 });
    expect(summary.reason).toMatch(/^7 of 10 tasks failed \(first: task \d failed\)$/);
    expect((await manifestOf(dir)).status).toBe("failed");
    expect((await eventsOf(dir)).filter((e) => e.type === "error")).toHaveLength(7);
    expect((await eventsOf(dir)).at(-1)).toMatchObject({ type: "run-end", status: "failed" });
  });

  it("runs duplicate keys once, emits custom events and can leave the store open for another phase", async () => {
    const dir = join(root, "run");
    const store = await open(dir, "create");
    const tasks = [...makeTasks(3), ...makeTasks(3)];
    const summary = await runKeyedTasks({
      store,
      file: "personas.jsonl",
      tasks,
      concurrency: 2,
      finish: false,
      eventFor: (key, record) => ({ type: "persona-done", key, persona_id: `p${record.index}` }),
    });
    expect(summary).toMatchObject({ status: "complete", total: 3, completed: 3 });
    expect(store.manifest.status).toBe("running");
    await store.finish(summary.status);
    const events = await eventsOf(dir);
    expect(
      events
        .filter((e) => e.type === "persona-done")
        .map((e) => e.persona_id)
        .sort(),
    ).toEqual(["p0", "p1", "p2"]);
    expect(events.find((e) => e.type === "tasks-start")).toMatchObject({ file: "personas.jsonl", total: 3, already_done: 0, pending: 3 });
    expect(readJsonl(dir, "personas.jsonl")).toHaveLength(3);
  });
});

describe("runKeyedTasks with core/usage's Budget and UsageMeter", () => {
  it("stops before the metered spend would cross --budget-usd and resumes with a larger cap", async () => {
    const prices = { source: "test", as_of: "2025-01-01", models: { "test-model": { inputPerMillion: 1_000_000, outputPerMillion: 0 } } };
    const meter = new UsageMeter({ prices });
    const estimateUsd = estimateCostUsd({ modelSpec: "openai:test-model", inputTokens: 1, outputTokens: 0 }, prices);
    expect(estimateUsd).toBe(1);
    const tasks = makeTasks(12).map((task) => ({
      ...task,
      estimateUsd,
      run: async (signal: AbortSignal) => {
        const record = await task.run(signal);
        meter.record({ modelSpec: "openai:test-model", inputTokens: 1, outputTokens: 0, latencyMs: 1 });
        return record;
      },
    }));
    const dir = join(root, "run");
    const first = await runKeyedTasks({
      store: await open(dir, "create"),
      file: "r.jsonl",
      tasks,
      concurrency: 3,
      budget: new Budget({ capUsd: 5, meter }),
    });
    expect(first).toMatchObject({ status: "incomplete", stoppedBy: "budget", completed: 5 });
    expect(meter.totalCostUsd()).toBe(5);
    const second = await runKeyedTasks({
      store: await open(dir, "resume"),
      file: "r.jsonl",
      tasks,
      concurrency: 3,
      budget: new Budget({ capUsd: 20, meter }),
    });
    expect(second).toMatchObject({ status: "complete", alreadyDone: 5, completed: 7 });
    expect(meter.totalCostUsd()).toBe(12);
  });
});
