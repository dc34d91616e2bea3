// the executor contract (executor-contract.ts) for the batch executor against the fake server's
// Batch API: a model call is a request line in a batch input file.
import { createBatchExecutor } from "../core/executor/batch-executor.js";
import { executorContract } from "./executor-contract.js";

executorContract(
  "batch",
  async ({ spec }) => {
    const executor = createBatchExecutor({ spec, batch: { idleMs: 5, pollIntervalMs: 1 } });
    return { executor, close: () => executor.close() };
  },
  { modelCalls: (server) => server.batch.batches.reduce((sum, b) => sum + b.requests, 0) },
);
