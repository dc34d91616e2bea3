// content-addressed responses on disk: <dir>/<2 hex>/<sha256>.json. safe under concurrency and
// crashes: every write goes to a unique temp file in the same shard and is renamed over the
// target (readers see a whole entry or none; two writers of one key store the same content). a
// hit refreshes the file's mtime, so `pruneResponseCache` drops the least recently used first.
import { mkdir, readFile, rename, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cachedResponseSchema, type CachedResponse } from "./cached-response.js";
import { responseCacheKey, type CacheRequest } from "./response-cache-key.js";
import type { ResponseCache } from "./response-cache.js";

/** temp files end with this; prune removes stale ones left by a crash */
export const CACHE_TEMP_SUFFIX = ".tmp";

export interface DirectoryResponseCacheOptions {
  /** the responses folder (e.g. <cache-dir>/responses) */
  dir: string;
  /** true: never write, never touch mtimes (the dry run probes the cache this way) */
  readOnly?: boolean;
  /** ms clock: hits refresh the entry's mtime to it (least recently used first in prune); none = no refresh */
  now?: () => number;
}

/** the entry file of a key */
export function cacheEntryPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key}.json`);
}

let tempCounter = 0;

export function directoryResponseCache(options: DirectoryResponseCacheOptions): ResponseCache & { dir: string } {
  const { dir } = options;
  return {
    dir,
    async get(request: CacheRequest): Promise<CachedResponse | undefined> {
      const file = cacheEntryPath(dir, responseCacheKey(request));
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch {
        return undefined;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return undefined; // a foreign or damaged file: a miss, overwritten by the next put
      }
      const parsed = cachedResponseSchema.safeParse(json);
      if (!parsed.success) return undefined;
      if (!options.readOnly && options.now) {
        const t = new Date(options.now());
        await utimes(file, t, t).catch(() => undefined);
      }
      return parsed.data;
    },
    async put(request: CacheRequest, response: CachedResponse): Promise<void> {
      if (options.readOnly) return;
      const key = responseCacheKey(request);
      const file = cacheEntryPath(dir, key);
      const temp = `${file}.${process.pid}-${++tempCounter}${CACHE_TEMP_SUFFIX}`;
      try {
        await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
        await writeFile(temp, `${JSON.stringify(response)}\n`, "utf8");
        await rename(temp, file);
      } catch {
        await unlink(temp).catch(() => undefined);
      }
    },
  };
}
