// what `deeppersona cache stats` reports: entries, bytes, oldest and newest use.
import { listCacheEntries } from "./list-cache-entries.js";

export interface ResponseCacheStats {
  dir: string;
  entries: number;
  bytes: number;
  /** ms since the epoch; null when empty */
  oldestMs: number | null;
  newestMs: number | null;
  /** temp files (a writer in progress, or one that crashed) */
  temps: number;
}

export async function responseCacheStats(dir: string): Promise<ResponseCacheStats> {
  const { entries, temps } = await listCacheEntries(dir);
  const times = entries.map((e) => e.mtimeMs);
  return {
    dir,
    entries: entries.length,
    bytes: entries.reduce((a, e) => a + e.bytes, 0),
    oldestMs: times.length ? Math.min(...times) : null,
    newestMs: times.length ? Math.max(...times) : null,
    temps: temps.length,
  };
}
