// a chat model whose every invoke carries a request `seed` call option (OpenAI-compatible servers
// and the offline model honour it). survey rows get a seed derived from their key, so repeated
// samples and identical baseline prompts are independent draws, yet reproducible.
// note: a seed set in ChatOpenAI's modelKwargs overrides this one (see dropFixedRequestSeed).
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

export function withCallSeed(model: BaseChatModel, seed: number): BaseChatModel {
  return new Proxy(model, {
    get(target, prop) {
      if (prop === "invoke") {
        return (input: unknown, options?: Record<string, unknown>) =>
          (target.invoke as (i: unknown, o: Record<string, unknown>) => unknown).call(target, input, { ...(options ?? {}), seed });
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** removes a fixed `seed` from a ChatOpenAI's modelKwargs so per-call seeds take effect */
export function dropFixedRequestSeed(model: BaseChatModel): BaseChatModel {
  const m = model as unknown as { modelKwargs?: Record<string, unknown> };
  if (m.modelKwargs && "seed" in m.modelKwargs) {
    const { seed: _seed, ...rest } = m.modelKwargs;
    m.modelKwargs = rest;
  }
  return model;
}
