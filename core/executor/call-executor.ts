// THE executor seam: who sends a model call. the model client (core/model/model-client.ts) builds
// a CallRequest, hands it to its executor and interprets the CallResponse (parse, validate,
// repair — a repair is just another request —, metering, events). the coordinator (the command
// the user started) stays the only writer of the run's files and the only place budgets are
// enforced, whatever the executor.
//   local: sends in this process (local-executor.ts; the default: today's behaviour)
//   queue: a BullMQ job per request, run by `deeppersona worker` processes (core/executor/queue/)
//   batch: provider batch APIs (/v1/files + /v1/batches)
// contract (test/executor-contract.ts): a request id is executed at most once per success
// (re-executing a completed id returns its stored response without a new model call where the
// executor can), failures come back as `ok: false` responses, infrastructure problems (queue
// unreachable) and cancellation (signal) throw.
import type { CallRequest } from "./call-request.js";
import type { CallResponse } from "./call-response.js";
import type { CacheLookup } from "../cache/open-cache-lookup.js";

export type ExecutorKind = "local" | "queue" | "batch";

export interface CallExecutor {
  readonly kind: ExecutorKind;
  execute(request: CallRequest, signal?: AbortSignal): Promise<CallResponse>;
  /** the response cache for a request, when the executor has one (local: the model's; core/cache/) */
  cacheFor?(request: CallRequest): Promise<CacheLookup | undefined>;
  close(): Promise<void>;
}
