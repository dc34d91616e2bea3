// keep the response cache bounded: drop entries older than a cut-off, then the least recently
// used (oldest mtime; hits refresh it) until the folder fits the size cap. temp files older than
// an hour (a crashed writer's) go too. concurrent runs may keep writing: a pruned entry is a miss.
import { unlink } from "node:fs/promises";
import { listCacheEntries } from "./list-cache-entries.js";

export interface PruneOptions {
  dir: string;
  /** ms clock (the cli passes the system clock) */
  now: number;
  /** keep at most this many bytes of entries */
  maxBytes?: number;
  /** drop entries not used for longer than this */
  olderThanMs?: number;
}

export interface PruneResult {
  removed: number;
  removedBytes: number;
  kept: number;
  keptBytes: number;
}

const STALE_TEMP_MS = 60 * 60 * 1000;

export async function pruneResponseCache(o: PruneOptions): Promise<PruneResult> {
  const { entries, temps } = await listCacheEntries(o.dir);
  for (const t of temps) if (o.now - t.mtimeMs > STALE_TEMP_MS) await unlink(t.path).catch(() => undefined);
  // newest first: what survives the age cut is kept while it fits
  const sorted = [...entries].sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  const result: PruneResult = { removed: 0, removedBytes: 0, kept: 0, keptBytes: 0 };
  for (const e of sorted) {
    const tooOld = o.olderThanMs !== undefined && o.now - e.mtimeMs > o.olderThanMs;
    const tooBig = o.maxBytes !== undefined && result.keptBytes + e.bytes > o.maxBytes;
    if (tooOld || tooBig) {
      await unlink(e.path).catch(() => undefined);
      result.removed += 1;
      result.removedBytes += e.bytes;
    } else {
      result.kept += 1;
      result.keptBytes += e.bytes;
    }
  }
  return result;
}
