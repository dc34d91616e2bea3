// the contract every CallExecutor meets, run by the coordinator the way commands run it (a model
// client over the executor, runKeyedTasks into a run store), against the fake OpenAI server:
// - each id lands exactly once (one record per key, one model call per id);
// - abort + resume finishes only the missing ids;
// - re-running a complete run submits nothing (0 jobs, 0 calls).
// add an executor with one line in a test file:
//   executorContract("queue", async ({ spec, server }) => ({ executor, close }));
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { CallExecutor } from "../core/executor/call-executor.js";
import type { CallRequest } from "../core/executor/call-request.js";
import { createModelClient } from "../core/model/model-client.js";
import { runKeyedTasks, type KeyedTask } from "../core/run/run-keyed-tasks.js";
import { openRunStore, type RunStoreMode } from "../core/store/open-run-store.js";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./fake-openai-server.js";

export interface ExecutorHarness {
  executor: CallExecutor;
  close(): Promise<void>;
}

/** builds the executor under test for a model `spec` served by the fake `server` */
export type MakeExecutor = (ctx: { spec: string; server: FakeOpenAIServer }) => Promise<ExecutorHarness>;

const Answer = z.object({ choice: z.enum(["A", "B", "C"]), reason: z.string() });

/** counts what reaches the executor, by call key */
function counting(executor: CallExecutor): CallExecutor & { keys: string[] } {
  const keys: string[] = [];
  return {
    kind: executor.kind,
    keys,
    execute(request: CallRequest, signal?: AbortSignal) {
      keys.push(request.key);
      return executor.execute(request, signal);
    },
    close: () => executor.close(),
  };
}

export interface ExecutorContractOptions {
  skip?: boolean;
  n?: number;
  /** model calls the server answered (default: synchronous /v1/chat/completions requests; the
   *  batch executor counts batch request lines) */
  modelCalls?: (server: FakeOpenAIServer) => number;
}

export function executorContract(name: string, make: MakeExecutor, options: ExecutorContractOptions = {}): void {
  const n = options.n ?? 12;
  describe.skipIf(options.skip === true)(`executor contract: ${name}`, () => {
    let root: string;
    let server: FakeOpenAIServer;
    let harness: ExecutorHarness;
    let spec: string;
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), `dp-exec-${name}-`));
      server = await startFakeOpenAIServer({ latencyMs: 20 });
      spec = `openai:fake-model@${server.url}`;
      harness = await make({ spec, server });
    });
    afterEach(async () => {
      await harness.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
    });

    const open = (dir: string, mode: RunStoreMode) =>
      openRunStore({ dir, mode, manifest: { command: "contract", config: { n }, seed: 5, models: { chat: spec } }, clock: () => 0 });
    /** one session of the coordinator: n structured calls, one record per key */
    const session = async (dir: string, mode: RunStoreMode, signal?: AbortSignal, onRecord?: (count: number) => void) => {
      const executor = counting(harness.executor);
      const client = await createModelClient({ spec, seed: 5, executor, runId: "contract" });
      const store = await open(dir, mode);
      let written = 0;
      const tasks: KeyedTask<{ choice: string }>[] = Array.from({ length: n }, (_, i) => ({
        key: `item-${String(i).padStart(2, "0")}`,
        run: async (s) => {
          const r = await client.structured({
            key: `item-${String(i).padStart(2, "0")}`,
            schema: Answer,
            name: "answer",
            signal: s,
            messages: [new SystemMessage("You answer surveys."), new HumanMessage(`question ${i}: options: A | B | C`)],
          });
          return { choice: r.value.choice };
        },
      }));
      const summary = await runKeyedTasks({
        store,
        file: "answers.jsonl",
        tasks,
        concurrency: 4,
        ...(signal ? { signal } : {}),
        eventFor: (key) => {
          onRecord?.(++written);
          return { type: "task-done", file: "answers.jsonl", key };
        },
      });
      return { summary, keys: executor.keys };
    };
    const recordKeys = async (dir: string) =>
      (await readFile(join(dir, "answers.jsonl"), "utf8"))
        .split("\n")
        .filter(Boolean)
        .map((l) => String((JSON.parse(l) as { key: string }).key));
    const chatCalls = () => (options.modelCalls ? options.modelCalls(server) : server.requestCount("/v1/chat/completions"));

    it("each id lands exactly once: one record per key, one model call per id", async () => {
      const dir = join(root, "once");
      const { summary, keys } = await session(dir, "create");
      expect(summary.status).toBe("complete");
      const records = await recordKeys(dir);
      expect(records).toHaveLength(n);
      expect(new Set(records).size).toBe(n);
      expect(new Set(keys).size).toBe(n);
      expect(chatCalls()).toBe(n);
    });

    it("abort + resume finishes only the missing ids", async () => {
      const dir = join(root, "resume");
      const stop = new AbortController();
      const first = await session(dir, "create", stop.signal, (count) => {
        if (count === 4) stop.abort();
      });
      expect(first.summary.status).toBe("incomplete");
      const done = new Set(await recordKeys(dir));
      expect(done.size).toBeGreaterThanOrEqual(4);
      expect(done.size).toBeLessThan(n);
      const second = await session(dir, "resume");
      expect(second.summary.status).toBe("complete");
      expect(second.keys.filter((k) => done.has(k))).toEqual([]);
      expect(new Set(second.keys).size).toBe(n - done.size);
      const records = await recordKeys(dir);
      expect(records).toHaveLength(n);
      expect(new Set(records).size).toBe(n);
    });

    it("re-running a complete run submits nothing: 0 requests to the executor, 0 model calls", async () => {
      const dir = join(root, "again");
      await session(dir, "create");
      const calls = chatCalls();
      const again = await session(dir, "resume");
      expect(again.summary).toMatchObject({ status: "complete", alreadyDone: n, completed: 0 });
      expect(again.keys).toEqual([]);
      expect(chatCalls()).toBe(calls);
    });
  });
}
