// ONE model call as plain JSON: what any executor (local, queue worker, provider batch) needs to
// send it, and nothing secret (no key, no server credentials: whoever sends it reads its own).
// built by the model client (core/model/model-client.ts); parsed at every boundary (job data,
// batch lines) with CallRequestSchema.
//   { id: "survey-1a2b3c4d-p1~q3-9f…", kind: "structured", model: "openai:gpt-4o-mini",
//     input: { messages: [{role: "user", content: "…"}], schema: {…}, schemaName: "answer",
//              sampling: {temperature: 1, topP: 1}, seed: 123, runSeed: 7, promptVersion: "answer@3" } }
import { z } from "zod";

/** one chat message (LangChain's message types as roles) */
export const PlainMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  /** a string, or content parts (plain JSON) */
  content: z.union([z.string(), z.array(z.unknown())]),
  name: z.string().optional(),
  tool_calls: z.array(z.object({ id: z.string().optional(), name: z.string(), args: z.record(z.string(), z.unknown()) })).optional(),
  tool_call_id: z.string().optional(),
});
export type PlainMessage = z.infer<typeof PlainMessageSchema>;

export const CallRequestInputSchema = z.object({
  messages: z.array(PlainMessageSchema).min(1),
  /** structured: the strict JSON schema (already in the server's dialect) and its name */
  schema: z.record(z.string(), z.unknown()).optional(),
  schemaName: z.string().optional(),
  sampling: z.object({ temperature: z.number(), topP: z.number() }),
  /** the per-call request seed (model-client.ts callSeed) */
  seed: z.number().int(),
  /** the run seed: the offline model mixes it with the per-call seed */
  runSeed: z.union([z.number(), z.string()]),
  /** text: output token cap and top-k logprob alternatives */
  maxTokens: z.number().int().positive().optional(),
  topLogprobs: z.number().int().nonnegative().optional(),
  promptVersion: z.string().optional(),
});

export const CallRequestSchema = z.object({
  /** stable across sessions: `${runId}-${call key}-${content hash}`; a queue's job id, a batch's custom_id */
  id: z.string().min(1),
  kind: z.enum(["structured", "text"]),
  /** the canonical model spec the call is meant for (ModelRef.spec); executors refuse other models */
  model: z.string().min(1),
  /** the call's key in the run (for events and messages) */
  key: z.string().min(1),
  input: CallRequestInputSchema,
});
export type CallRequest = z.infer<typeof CallRequestSchema>;
