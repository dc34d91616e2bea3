// which response cache a chat model's calls go through: set once where models are resolved
// (the cli), read by structuredCall/textCall. a WeakMap keeps the model objects untouched.
import type { ResponseCache } from "./response-cache.js";

const attached = new WeakMap<object, ResponseCache>();

/** route this model's structuredCall/textCall requests through `cache`; returns the model */
export function attachResponseCache<M extends object>(model: M, cache: ResponseCache | undefined): M {
  if (cache) attached.set(model, cache);
  return model;
}

/** the cache attached to a model, if any */
export function responseCacheOf(model: object): ResponseCache | undefined {
  return attached.get(model);
}
