import { defineConfig } from "vitest/config";

// four projects, all run by `npm test` (which builds dist/ first):
// - "unit": in-process tests (offline and scripted models, the cli through runCli). One worker
//   keeps its modules between files (isolate: false), so the taxonomy, population tables and
//   langchain load once per worker, not once per file.
// - "e2e": what crosses a process or socket boundary: spawned cli processes (signals, exit codes,
//   locks), fake provider servers on 127.0.0.1, regenerated data, the packed tarball. Not isolated
//   either (a test closes its servers and kills its children). Its global setup checks that dist/
//   is built (builds once if stale; never in a test).
// - "isolated": the files listed in ISOLATED, which vi.mock a module (e.g. node:fs/promises) and
//   so need a module graph of their own.
// - "llama": contract tests against the real llama.cpp server in ../shared/tools/llama-server;
//   they skip cleanly when it is missing or its binary does not run here.
// unit, e2e and isolated may `inject("personasFixture")`: offline personas generated once per run
// (test/global-setup-personas.ts). A new test file lands in "unit" unless listed in E2E below.
// `npx vitest run --project unit` runs the fast tests alone.
export const E2E = [
  "test/anthropic-survey-fake-server.test.ts",
  "test/batch-executor.test.ts",
  "test/chat-model-contract.test.ts",
  "test/dashboard-cli.test.ts",
  "test/discuss-fake-server.test.ts",
  "test/dry-run-cli.test.ts",
  "test/evaluate-personas-fake-server.test.ts",
  "test/executor-contract-batch.test.ts",
  "test/executor-contract.test.ts",
  "test/faulted-run.test.ts",
  "test/generated-data.test.ts",
  "test/logprob-any-tokenizer.test.ts",
  "test/model-client-fake-server.test.ts",
  "test/model-seam.test.ts",
  "test/newcomer-path.test.ts",
  "test/openai-batch-client.test.ts",
  "test/packed-library.test.ts",
  "test/persona-fill-kinds.test.ts",
  "test/personas-generate.test.ts",
  "test/provider-wire.test.ts",
  "test/queue-workers.test.ts",
  "test/reliability-defects.test.ts",
  "test/report-command.test.ts",
  "test/response-cache-cli.test.ts",
  "test/run-lock-processes.test.ts",
  "test/server-lost-exits.test.ts",
  "test/store-crash.test.ts",
  "test/stress-fake-server.test.ts",
  "test/structured-call-resilience.test.ts",
  "test/survey-batch-executor.test.ts",
  "test/survey-crash.test.ts",
  "test/survey-fake-server.test.ts",
  "test/taxonomy-embeddings-slow.test.ts",
  "test/taxonomy-mine.test.ts",
];
/** files that replace modules with vi.mock: each needs its own module graph */
export const ISOLATED = ["test/disk-full.test.ts"];

const common = { exclude: ["node_modules/**", "dist/**"], testTimeout: 120_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // vitest's default is one worker per core minus one: ONE on the 2-core machine, so files ran
    // strictly one after another while most e2e files wait (fake-server latency, child
    // processes, kill-and-resume). three workers keep both cores busy.
    maxWorkers: 3,
    projects: [
      {
        test: {
          ...common,
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: [...common.exclude, "test/llama/**", ...E2E, ...ISOLATED],
          globalSetup: ["test/global-setup-personas.ts"],
          isolate: false,
        },
      },
      {
        test: {
          ...common,
          name: "e2e",
          include: E2E,
          globalSetup: ["test/global-setup-build.ts", "test/global-setup-personas.ts"],
          isolate: false,
        },
      },
      {
        test: {
          ...common,
          name: "isolated",
          include: ISOLATED,
          globalSetup: ["test/global-setup-personas.ts"],
        },
      },
      {
        test: {
          name: "llama",
          include: ["test/llama/**/*.test.ts"],
          exclude: ["node_modules/**", "dist/**"],
          // generous: on a quiet 2-core machine the file takes ~1–4 min; shared machines are slower
          testTimeout: 600_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
