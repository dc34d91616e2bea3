// events.jsonl: the only thing the dashboard and reports fold. every event carries `seq`
// (0, 1, 2… across resumes) and `ts` (epoch ms from the injected clock). objects are loose:
// callers may add fields (e.g. `country` on persona-done) and folds keep them. every field added
// after the first release is optional, so runs written before it still parse (and resume).
// usage: any event may carry the session's usage totals so far (`tokens`, `cost_usd`), added by
// the store's `eventFields` hook (the cli adds them to tasks-start, persona-done, budget,
// cancelled, run-end and every 25th event); they restart at 0 in each session (run-start).
import { z } from "zod";
import { runStatusSchema } from "./run-manifest.js";

const base = {
  seq: z.number().int().nonnegative(),
  ts: z.number(),
};

/** optional on every event (after its own fields) */
const usage = {
  /** tokens (input + output) metered in this session so far */
  tokens: z.number().nonnegative().optional(),
  /** estimated USD spent in this session so far */
  cost_usd: z.number().nonnegative().optional(),
};

const eventSchemas = [
  /** the store opened (fresh or resumed) */
  z.object({ ...base, type: z.literal("run-start"), run_id: z.string(), command: z.string(), resumed: z.boolean() }),
  /** a batch of keyed tasks is about to run into `file` */
  z.object({
    ...base,
    type: z.literal("tasks-start"),
    file: z.string(),
    total: z.number().int(),
    already_done: z.number().int(),
    pending: z.number().int(),
  }),
  /** one keyed record was appended (generic) */
  z.object({ ...base, type: z.literal("task-done"), file: z.string(), key: z.string() }),
  z.object({ ...base, type: z.literal("persona-done"), key: z.string(), persona_id: z.string(), country: z.string().optional() }),
  /** one answer was recorded; the survey adds what a dashboard needs to fold distributions */
  z.object({
    ...base,
    type: z.literal("response"),
    key: z.string(),
    persona_id: z.string().optional(),
    /** the item (older runs only have `item_id`, same value) */
    item_id: z.string().optional(),
    item: z.string().optional(),
    status: z.string().optional(),
    arm: z.string().optional(),
    country: z.string().optional(),
    /** the answer code; null when refused or invalid */
    value: z.number().nullable().optional(),
    /** logprob answering: code → probability */
    probs: z.record(z.string(), z.number()).optional(),
  }),
  /** a task failed (no record was written for its key; resume retries it) */
  z.object({ ...base, type: z.literal("error"), key: z.string().optional(), code: z.string().optional(), message: z.string() }),
  /** scheduling stopped because the next task could not be afforded */
  z.object({
    ...base,
    type: z.literal("budget"),
    message: z.string(),
    key: z.string().optional(),
    estimate_usd: z.number().optional(),
  }),
  z.object({ ...base, type: z.literal("cancelled"), message: z.string() }),
  /** a model request failed transiently and is retried after `wait_ms` (the model client) */
  z.object({
    ...base,
    type: z.literal("retry"),
    /** the call's key (the seed key: a record key, or a record key + "/<step>") */
    key: z.string(),
    /** "429 rate limited", "503 server error", "timeout", "ECONNRESET", … */
    reason: z.string(),
    /** 1 for the first retry of this request */
    attempt: z.number().int().positive(),
    model: z.string(),
    status: z.number().int().optional(),
    wait_ms: z.number().nonnegative().optional(),
  }),
  /** a structured reply was invalid: the one repair request is sent (the model client) */
  z.object({
    ...base,
    type: z.literal("repair"),
    key: z.string(),
    model: z.string(),
    /** the first problem the repair request quotes */
    error: z.string().optional(),
  }),
  /** progress of the OpenAI batch executor (--executor batch): created, polled, ended, resubmitted */
  z.object({
    ...base,
    type: z.literal("batch"),
    stage: z.enum(["created", "status", "done", "resubmit"]),
    round: z.number().int().positive().optional(),
    batch: z.string().optional(),
    status: z.string().optional(),
    requests: z.number().int().nonnegative().optional(),
    answered: z.number().int().nonnegative().optional(),
    errored: z.number().int().nonnegative().optional(),
    missing: z.number().int().nonnegative().optional(),
    rejected: z.number().int().nonnegative().optional(),
  }),
  /** a torn or invalid jsonl line found when the run was reopened */
  z.object({
    ...base,
    type: z.literal("recovered"),
    file: z.string(),
    line: z.number().int(),
    reason: z.enum(["torn-tail", "invalid-json", "missing-key", "duplicate-key"]),
    action: z.enum(["truncated", "ignored"]),
  }),
  z.object({
    ...base,
    type: z.literal("run-end"),
    status: runStatusSchema,
    reason: z.string().nullable(),
    counts: z.record(z.string(), z.number()),
  }),
] as const;

/** parses any event; unknown extra fields are kept */
export const runEventSchema = z.discriminatedUnion(
  "type",
  eventSchemas.map((schema) => schema.extend(usage).loose()) as unknown as typeof eventSchemas,
);

type Extra = { [field: string]: unknown };
type StrictRunEvent = z.infer<(typeof eventSchemas)[number]> & { tokens?: number; cost_usd?: number };
export type RunEvent = StrictRunEvent & Extra;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** what callers pass to `store.event`: the store adds seq and ts */
export type RunEventInput = DistributiveOmit<StrictRunEvent, "seq" | "ts"> & Extra;
