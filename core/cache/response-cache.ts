// the response cache seam: look a request up before it is sent, store the validated result
// after. `directoryResponseCache` is the on-disk implementation; the dry run wraps it.
import type { CachedResponse } from "./cached-response.js";
import type { CacheRequest } from "./response-cache-key.js";

export interface ResponseCache {
  /** the stored response for this exact request, or undefined (a miss) */
  get(request: CacheRequest): Promise<CachedResponse | undefined>;
  /** store a successful, validated response (never throws: a cache that cannot write just misses next time) */
  put(request: CacheRequest, response: CachedResponse): Promise<void>;
}
