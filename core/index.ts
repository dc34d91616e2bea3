// the public API of the core layer: errors, the seeded rng, model specs and LangChain model
// resolution (offline included), the run store and usage metering.
export { createModelClient, callSeed, modelRef, DEFAULT_SAMPLING } from "./model/model-client.js";
export type {
  ModelClient,
  ModelClientEvent,
  ModelRef,
  SamplingParams,
  CreateModelClientOptions,
  RetryPolicy,
  StructuredRequest,
  TextRequest,
  EmbeddingsPort,
} from "./model/model-client.js";
export { DeepPersonaError, UsageError, isDeepPersonaError, ERROR_CODES } from "./errors.js";
export type { ErrorCode, DeepPersonaErrorOptions } from "./errors.js";
export { createRng, hashString32, hashString128 } from "./rng.js";
export type { Rng } from "./rng.js";
export { parseModelSpec, formatModelSpec, providerBaseURL, REMOTE_PROVIDERS, DEFAULT_OPENAI_BASE_URL } from "./model/model-spec.js";
export type { ModelSpec, RemoteModelSpec, RemoteProvider } from "./model/model-spec.js";
export { resolveChatModel } from "./model/resolve-chat-model.js";
export type { ResolveChatModelOptions } from "./model/resolve-chat-model.js";
export { resolveEmbeddings } from "./model/resolve-embeddings.js";
export type { ResolveEmbeddingsOptions } from "./model/resolve-embeddings.js";
export { OfflineChatModel } from "./model/offline-chat-model.js";
export { OfflineEmbeddings } from "./model/offline-embeddings.js";
export { openRunStore } from "./store/open-run-store.js";
export type { OpenRunStoreOptions, RunStoreMode } from "./store/open-run-store.js";
export type { RunStore, KeyedRecord } from "./store/run-store.js";
export type { RunEvent } from "./store/run-event.js";
export { UsageMeter } from "./usage/usage-meter.js";
export type { UsageTotals as MeterTotals } from "./usage/usage-meter.js";
export { DEFAULT_PRICE_TABLE, loadPriceTableFile, mergePriceTable } from "./usage/price-table.js";
export type { PriceTable, ModelPrice } from "./usage/price-table.js";
export { Budget } from "./usage/budget.js";
export { createLocalExecutor } from "./executor/local-executor.js";
export type { LocalExecutor, LocalExecutorOptions } from "./executor/local-executor.js";
export { createBatchExecutor } from "./executor/batch-executor.js";
export type { BatchExecutor, BatchExecutorOptions, BatchKnobs } from "./executor/batch-executor.js";
export { createOpenAIBatchClient } from "./executor/openai-batch-client.js";
export type {
  OpenAIBatchClient,
  OpenAIBatchClientOptions,
  BatchOutcome,
  BatchRequestLine,
  BatchClientEvent,
} from "./executor/openai-batch-client.js";
export type { CallExecutor, ExecutorKind } from "./executor/call-executor.js";
export { CallRequestSchema } from "./executor/call-request.js";
export type { CallRequest, PlainMessage } from "./executor/call-request.js";
export { CallResponseSchema } from "./executor/call-response.js";
export type { CallResponse, CallSuccess, CallErrorData, RequestLog, RetryLog } from "./executor/call-response.js";
export { table } from "./store/record-table.js";
export type { RecordTable } from "./store/record-table.js";
export { CallMetadataSchema, CallUsageSchema, callMetadata, usageRecord } from "./store/call-metadata.js";
export type { CallMetadata, CallUsage } from "./store/call-metadata.js";
