// a per-request timeout for ChatGoogleGenerativeAI, whose integration has no usable one: the
// Google SDK's `timeout` leaves an uncleared timer behind (it holds the process open for the
// whole timeout after the last call), and the integration's non-streaming path drops the call's
// signal (`_generate` calls `completionWithRetry(request)` without options). so the instance's
// `completionWithRetry` gets a signal that aborts after `ms` (AbortSignal.timeout: unref'd), and
// its streaming path the same, combined with the caller's signal there.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

type WithSignal = { signal?: AbortSignal };

function withTimeout<O extends WithSignal>(options: O | undefined, ms: number): O {
  const timeout = AbortSignal.timeout(ms);
  return { ...(options as O), signal: options?.signal ? AbortSignal.any([options.signal, timeout]) : timeout };
}

/** mutates and returns `model` (a ChatGoogleGenerativeAI; other models are returned unchanged) */
export function withCallTimeout<M extends BaseChatModel>(model: M, ms: number): M {
  const m = model as unknown as {
    completionWithRetry?: (request: unknown, options?: WithSignal) => Promise<unknown>;
    _streamResponseChunks: (messages: unknown, options: WithSignal, runManager?: unknown) => AsyncGenerator<unknown>;
  };
  if (typeof m.completionWithRetry !== "function") return model;
  const complete = m.completionWithRetry.bind(model);
  const stream = m._streamResponseChunks.bind(model);
  m.completionWithRetry = (request, options) => complete(request, withTimeout(options, ms));
  m._streamResponseChunks = (messages, options, runManager) => stream(messages, withTimeout(options, ms), runManager);
  return model;
}
