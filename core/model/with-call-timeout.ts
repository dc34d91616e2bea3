// a per-request timeout for chat models whose integration has no usable one (ChatGoogleGenerativeAI:
// the SDK's `timeout` leaves an uncleared 60 s timer behind, which holds the process open). wraps
// the instance's `_generate` and `_streamResponseChunks` so each request's signal also aborts after
// `ms` (AbortSignal.timeout: unref'd). the caller's own signal still cancels.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

type WithSignal = { signal?: AbortSignal };

function withTimeout<O extends WithSignal>(options: O, ms: number): O {
  const timeout = AbortSignal.timeout(ms);
  return { ...options, signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout };
}

/** mutates and returns `model` */
export function withCallTimeout<M extends BaseChatModel>(model: M, ms: number): M {
  const m = model as unknown as {
    _generate: (messages: unknown, options: WithSignal, runManager?: unknown) => Promise<unknown>;
    _streamResponseChunks: (messages: unknown, options: WithSignal, runManager?: unknown) => AsyncGenerator<unknown>;
  };
  const generate = m._generate.bind(model);
  const stream = m._streamResponseChunks.bind(model);
  m._generate = (messages, options, runManager) => generate(messages, withTimeout(options ?? {}, ms), runManager);
  m._streamResponseChunks = (messages, options, runManager) => stream(messages, withTimeout(options ?? {}, ms), runManager);
  return model;
}
