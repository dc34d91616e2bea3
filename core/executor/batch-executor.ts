// the batch executor: sends calls through a provider's Batch API (OpenAI-compatible /v1/files +
// /v1/batches) at the batch price. it IS the local executor — same chat models, same request
// bodies, same reply parsing — with one difference: the chat models' HTTP transport does not
// send a chat request, it hands the body to a collector (batch-collector.ts) that submits every
// request waiting at a flush as ONE batch and answers each from its custom_id (the CallRequest
// id). a run that puts a whole stage in flight (--executor batch raises the in-flight limit)
// thus sends one batch per stage — one per round for multi-call persona generation.
// retries are the batch client's rounds (missing and 5xx ids resubmitted), reported as retries of
// the call; a failure that outlasts them (or a 400) fails the call with the batch's reason. every
// request is metered at the batch rate (tier "batch").
//   const executor = createBatchExecutor({ spec: "openai:gpt-4.1-mini", apiKey });
//   const client = await createModelClient({ spec, seed, executor });
import { AsyncLocalStorage } from "node:async_hooks";
import { UsageError } from "../errors.js";
import { modelRef } from "../model/model-ref.js";
import type { Sleep } from "../scheduler/system-time.js";
import { createCallLimiter } from "../scheduler/call-limiter.js";
import { ModelCallError } from "../structured/model-call-error.js";
import { createBatchCollector, type CollectorTimer } from "./batch-collector.js";
import { failureResponse } from "./call-error-data.js";
import type { CallExecutor } from "./call-executor.js";
import { createLocalExecutor, type LocalExecutorOptions } from "./local-executor.js";
import { createOpenAIBatchClient, type BatchClientEvent, type OpenAIBatchClient } from "./openai-batch-client.js";
import type { BatchFileLimits } from "./split-batch-files.js";

import { BATCH_IN_FLIGHT } from "./batch-in-flight.js";
export { BATCH_IN_FLIGHT };
/** a batch may take its whole 24 h window (+1 h before it is cancelled) in each of its rounds:
 *  a chat request waits that long before the SDK's timeout */
export const batchRequestTimeoutMs = (maxRounds: number): number => Math.min(2 ** 31 - 1, maxRounds * 26 * 60 * 60 * 1000); // setTimeout's limit

export interface BatchKnobs {
  /** flush when this many requests wait (default BATCH_IN_FLIGHT) */
  flushAt?: number;
  /** flush after this long without a new request (default 2,000 ms) */
  idleMs?: number;
  timer?: CollectorTimer;
  /** between polls of a batch (default 30 s) */
  pollIntervalMs?: number;
  /** batch rounds per request before it fails with its last reason (default 3) */
  maxRounds?: number;
  limits?: BatchFileLimits;
  sleep?: Sleep;
  /** the Batch API's HTTP transport (default global fetch) */
  fetch?: typeof fetch;
  onEvent?: (event: BatchClientEvent) => void;
}

export interface BatchExecutorOptions extends Omit<LocalExecutorOptions, "live" | "limiter" | "timeoutMs" | "fetch"> {
  /** a ready Batch API client (default: one for the model's server and key, with `batch` knobs) */
  client?: OpenAIBatchClient;
  batch?: BatchKnobs;
}

export interface BatchExecutor extends CallExecutor {
  readonly kind: "batch";
  /** build the chat model now (a missing key surfaces here) */
  warm(): Promise<void>;
}

interface CallContext {
  id: string;
  /** why earlier batch rounds did not answer this call */
  earlier: string[];
  /** the batch's final failure, when it gave up */
  failure?: { reason: string; status?: number };
}

const JSON_HEADERS = { "content-type": "application/json" };

export function createBatchExecutor(options: BatchExecutorOptions): BatchExecutor {
  const ref = options.ref ?? modelRef(options.spec, options.baseURL === undefined ? {} : { baseURL: options.baseURL });
  if (ref.provider !== "openai" || !ref.baseURL) {
    throw new UsageError(
      `--executor batch needs an OpenAI-compatible server (--model openai:<model>[@<url>]); ${ref.spec} has no Batch API`,
      { code: "E_MODEL_CONFIG" },
    );
  }
  const knobs = options.batch ?? {};
  const client =
    options.client ??
    // the knobs of the client (fetch, sleep, pollIntervalMs, maxRounds, limits, onEvent) and of the collector (idleMs, timer)
    createOpenAIBatchClient({ ...knobs, baseURL: ref.baseURL, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
  const collector = createBatchCollector({ ...knobs, client, flushAt: knobs.flushAt ?? BATCH_IN_FLIGHT });
  const calls = new AsyncLocalStorage<CallContext>();
  const passthrough = knobs.fetch ?? fetch;

  /** the chat models' transport: a chat request of a call joins the next batch */
  const transport: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const call = calls.getStore();
    const isChat = (init?.method ?? "GET").toUpperCase() === "POST" && new URL(url).pathname.endsWith("/chat/completions");
    if (!call || !isChat || typeof init?.body !== "string") return passthrough(input, init);
    const body = JSON.parse(init.body) as Record<string, unknown>;
    const outcome = await collector.submit({ customId: call.id, body }, init.signal ?? undefined);
    call.earlier.push(...outcome.earlier);
    if (outcome.ok) return new Response(JSON.stringify(outcome.body), { status: 200, headers: JSON_HEADERS });
    call.failure = { reason: outcome.reason, ...(outcome.status === undefined ? {} : { status: outcome.status }) };
    const status = outcome.status !== undefined && outcome.status >= 400 ? outcome.status : 502;
    return new Response(
      JSON.stringify({
        error: {
          message: `batch: ${outcome.reason}`,
          type: status >= 500 ? "server_error" : "invalid_request_error",
          code: outcome.code ?? null,
        },
      }),
      { status, headers: JSON_HEADERS },
    );
  };

  const local = createLocalExecutor({
    ...options,
    ref,
    fetch: transport,
    timeoutMs: batchRequestTimeoutMs(knobs.maxRounds ?? 3),
    // the whole stage in flight; the batch rounds are the retry policy
    limiter: createCallLimiter(BATCH_IN_FLIGHT),
    retry: { ...options.retry, maxTransientRetries: 0 },
  });

  return {
    kind: "batch",
    warm: () => local.warm(),
    async execute(request, signal) {
      const call: CallContext = { id: request.id, earlier: [] };
      const response = await calls.run(call, () => local.execute(request, signal));
      for (const r of response.requests) r.tier = "batch";
      response.retries.unshift(...call.earlier.map((reason, i) => ({ reason: `batch: ${reason}`, attempt: i + 1, waitMs: 0 })));
      if (response.ok || !call.failure) return response;
      // the batch's own reason, not the status the transport had to pick
      const { failure } = call;
      const error = new ModelCallError(`model call to ${ref.spec} failed in batch: ${failure.reason}`, {
        ...(failure.status === undefined ? {} : { status: failure.status }),
        transient: failure.status === undefined || failure.status >= 500 || failure.status === 429,
        attempts: response.attempts,
      });
      return failureResponse(
        { id: response.id, model: response.model, attempts: response.attempts, requests: response.requests, retries: response.retries },
        error,
      );
    },
    cacheFor: async (request) => local.cacheFor?.(request),
    async close() {
      await collector.close();
      await local.close();
    },
  };
}
