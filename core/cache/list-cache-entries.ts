// the entry files of a responses folder (<dir>/<2 hex>/<sha256>.json) with size and mtime;
// temp files left by a crash are listed apart.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { CACHE_TEMP_SUFFIX } from "./directory-response-cache.js";

export interface CacheFile {
  path: string;
  bytes: number;
  /** ms since the epoch */
  mtimeMs: number;
}

export interface CacheListing {
  entries: CacheFile[];
  temps: CacheFile[];
}

export async function listCacheEntries(dir: string): Promise<CacheListing> {
  const out: CacheListing = { entries: [], temps: [] };
  let shards: string[];
  try {
    shards = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
      .map((d) => d.name);
  } catch {
    return out; // no cache yet
  }
  for (const shard of shards.sort()) {
    for (const name of (await readdir(join(dir, shard))).sort()) {
      const path = join(dir, shard, name);
      const s = await stat(path).catch(() => undefined);
      if (!s?.isFile()) continue;
      const file = { path, bytes: s.size, mtimeMs: s.mtimeMs };
      if (name.endsWith(CACHE_TEMP_SUFFIX)) out.temps.push(file);
      else if (name.endsWith(".json")) out.entries.push(file);
    }
  }
  return out;
}
