// what one executed CallRequest comes back as, plain JSON (a queue job's return value, a batch
// output line): the raw output (the model client parses and validates it), usage, and — when
// the executor did not report them live — every request sent and every transient retry, so the
// coordinator's meter and events see them. a failure is a value too (ok: false), so it crosses
// process boundaries; the model client turns it back into the typed error (call-error-data.ts).
import { z } from "zod";
import { tokenUsageSchema } from "../usage/token-usage.js";

/** one HTTP request sent for the call (retries included): what the meter records */
export const RequestLogSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  latencyMs: z.number().nonnegative(),
  ok: z.boolean(),
  cachedInputTokens: z.number().int().nonnegative().optional(),
  /** "batch": sent through a provider batch API, metered at the batch rate (price-table.ts) */
  tier: z.literal("batch").optional(),
});
export type RequestLog = z.infer<typeof RequestLogSchema>;

/** one transient failure that was retried (core/structured/invoke-with-retry.ts RetryInfo) */
export const RetryLogSchema = z.object({
  reason: z.string(),
  attempt: z.number().int().positive(),
  status: z.number().int().optional(),
  waitMs: z.number().nonnegative(),
});
export type RetryLog = z.infer<typeof RetryLogSchema>;

/** a call that failed for good, as data */
export const CallErrorDataSchema = z.object({
  /** "model-call": ModelCallError; "deeppersona": another DeepPersonaError; "other": anything else */
  kind: z.enum(["model-call", "deeppersona", "other"]),
  code: z.string(),
  message: z.string(),
  exitCode: z.number().int(),
  status: z.number().int().optional(),
  transient: z.boolean().optional(),
  truncated: z.boolean().optional(),
  /** a 429's Retry-After, ms (a queue worker pauses the queue that long) */
  retryAfterMs: z.number().nonnegative().optional(),
});
export type CallErrorData = z.infer<typeof CallErrorDataSchema>;

const common = {
  id: z.string(),
  /** the model spec that answered */
  model: z.string(),
  /** requests sent (transient retries included) */
  attempts: z.number().int().nonnegative(),
  /** empty when the executor reported them live (the in-process local executor) */
  requests: z.array(RequestLogSchema),
  retries: z.array(RetryLogSchema),
};

export const CallResponseSchema = z.discriminatedUnion("ok", [
  z.object({
    ...common,
    ok: z.literal(true),
    /** the reply's text (structured: the JSON text — tool input, refusal — the client parses) */
    text: z.string(),
    usage: tokenUsageSchema,
    /** the provider's finish reason when it gave one ("stop", "length", "tool_calls"…) */
    finishReason: z.string().optional(),
    /** OpenAI-format logprobs (response_metadata.logprobs) when asked for */
    logprobs: z.unknown().optional(),
  }),
  z.object({ ...common, ok: z.literal(false), error: CallErrorDataSchema }),
]);
export type CallResponse = z.infer<typeof CallResponseSchema>;
export type CallSuccess = Extract<CallResponse, { ok: true }>;
