// embeddings of taxonomy leaves (name + description, with their path for context), computed once
// per (embedding model, base URL, probe fingerprint, taxonomy version + content hash) and cached
// on disk as float32. built for slow servers: the texts go in chunks (`chunkSize`, per server
// kind), `parallel` chunks in flight, each with its own timeout and retries, with progress; every
// finished prefix of rows is appended to `<cache>.partial` at once, so a killed run resumes the
// fill where it stopped. the probe fingerprint (the vector of one fixed text) makes another model
// served under the same name a different cache entry instead of stale vectors.
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmbeddingsPort } from "../../core/model/model-client.js";
import { DeepPersonaError } from "../../core/errors.js";
import { hashString128 } from "../../core/rng.js";
import { embeddingsCallError, isServerLost } from "../../core/model/server-lost.js";
import type { FlatTaxonomy, TaxonomyLeaf } from "./flatten-taxonomy.js";
import { makeDirectory } from "../../core/store/make-directory.js";

export interface LeafEmbeddings {
  dims: number;
  /** row r is the unit vector of taxonomy.leaves[r] */
  matrix: Float32Array;
  /** true when read from the cache (no embedding calls made for the leaves) */
  fromCache: boolean;
  /** embedding requests made to build it (the probe and retries included) */
  calls: number;
  /** rows taken from a partial cache left by an interrupted fill */
  resumedRows: number;
}

/** the fixed text whose vector fingerprints an embeddings model */
export const EMBEDDING_PROBE_TEXT = "deeppersona embedding probe: a teacher in Nakuru sings in the church choir";

export function leafEmbeddingText(leaf: TaxonomyLeaf): string {
  return `${leaf.parts.join(" > ")}${leaf.description ? `: ${leaf.description}` : ""}`;
}

/** `cacheKey` of an embeddings object that versions its vectors (the offline one does) */
export function embeddingsCacheKey(embeddings: EmbeddingsPort, embeddingsSpec: string): string {
  const version = (embeddings as { cacheKey?: unknown }).cacheKey;
  return typeof version === "string" ? `${embeddingsSpec}-${version}` : embeddingsSpec;
}

/** 8 hex digits from a probe vector (dims + values rounded to 1e-3, so float noise does not matter) */
export function vectorFingerprint(vector: readonly number[]): string {
  const rounded = vector.slice(0, 64).map((x) => Math.round(x * 1000));
  return hashString128(`${vector.length}:${rounded.join(",")}`)[0]
    .toString(16)
    .padStart(8, "0");
}

export function embeddingCacheFile(cacheDir: string, taxonomy: FlatTaxonomy, embeddingsKey: string): string {
  const readable = embeddingsKey.replace(/[^A-Za-z0-9.-]+/g, "_").slice(0, 80);
  const digest = hashString128(embeddingsKey)[1].toString(16).padStart(8, "0");
  return join(cacheDir, `taxonomy-${taxonomy.version}-${taxonomy.contentHash || "nohash"}-${readable}-${digest}.f32`);
}

export function normalizeRows(matrix: Float32Array, dims: number): void {
  for (let off = 0; off < matrix.length; off += dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += (matrix[off + d] as number) ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dims; d++) matrix[off + d] = (matrix[off + d] as number) * inv;
  }
}

export interface EmbeddingProgress {
  /** leaves embedded so far (resumed rows included) */
  done: number;
  total: number;
  /** chunks sent this session / chunks this session needs */
  chunk: number;
  chunks: number;
  resumed: number;
}

export interface LoadLeafEmbeddingsOptions {
  taxonomy: FlatTaxonomy;
  embeddings: EmbeddingsPort;
  embeddingsSpec: string;
  /** the server behind a spec without "@url" (part of the cache key) */
  baseURL?: string | undefined;
  /** where the cache lives; undefined = no disk cache */
  cacheDir: string | undefined;
  /** texts per request (default 64; the cli passes the embeddings server's profile size) */
  chunkSize?: number | undefined;
  /** chunks in flight at once (default 4) */
  parallel?: number | undefined;
  /** per chunk request (default 60 000 ms) */
  chunkTimeoutMs?: number | undefined;
  /** tries per chunk after a chunk timeout (default 3); transient errors are retried by the
   *  model client's embeddings (its retry policy and retry events), so they are not tried again here */
  chunkAttempts?: number | undefined;
  onProgress?: ((p: EmbeddingProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

class ChunkTimeoutError extends Error {}

/** one request with a timeout of its own; resolves or rejects, never hangs */
async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChunkTimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function readCache(file: string, count: number): { dims: number; matrix: Float32Array } | undefined {
  if (!existsSync(file)) return undefined;
  const buf = readFileSync(file);
  const all = new Float32Array(buf.buffer, buf.byteOffset, Math.floor(buf.byteLength / 4));
  const dims = all[0] as number;
  if (Number.isInteger(dims) && dims > 0 && all.length === 1 + dims * count) return { dims, matrix: all.slice(1) };
  return undefined;
}

/** the whole rows of a partial cache (a torn last write is cut off) */
function readPartial(file: string, count: number): { dims: number; rows: Float32Array } | undefined {
  if (!existsSync(file)) return undefined;
  const bytes = statSync(file).size;
  if (bytes < 4) return undefined;
  const buf = readFileSync(file);
  const all = new Float32Array(buf.buffer, buf.byteOffset, Math.floor(buf.byteLength / 4));
  const dims = all[0] as number;
  if (!Number.isInteger(dims) || dims <= 0) return undefined;
  const whole = Math.min(count, Math.floor((all.length - 1) / dims));
  if ((1 + whole * dims) * 4 !== bytes) truncateSync(file, (1 + whole * dims) * 4);
  return { dims, rows: all.slice(1, 1 + whole * dims) };
}

export async function loadLeafEmbeddings(opts: LoadLeafEmbeddingsOptions): Promise<LeafEmbeddings> {
  const { taxonomy } = opts;
  const count = taxonomy.leaves.length;
  const chunkSize = Math.max(1, opts.chunkSize ?? 64);
  const parallel = Math.max(1, opts.parallel ?? 4);
  const timeoutMs = opts.chunkTimeoutMs ?? 60_000;
  const attempts = Math.max(1, opts.chunkAttempts ?? 3);
  const where = opts.baseURL ? `${opts.embeddingsSpec} at ${opts.baseURL}` : opts.embeddingsSpec;
  let calls = 0;

  const embedChunk = async (texts: string[], what: string): Promise<number[][]> => {
    let last: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      opts.signal?.throwIfAborted();
      calls++;
      try {
        const rows = await withTimeout(opts.embeddings.embedDocuments(texts), timeoutMs, what);
        if (rows.length !== texts.length) throw new Error(`${what}: ${rows.length} vectors for ${texts.length} texts`);
        return rows;
      } catch (err) {
        last = err;
        if (!(err instanceof ChunkTimeoutError)) break; // the client's retry policy already ran
      }
    }
    const named = embeddingsCallError(last, opts.baseURL ?? opts.embeddingsSpec);
    if (isServerLost(named)) throw named; // E_MODEL_UNREACHABLE naming the server
    const why = last instanceof Error ? last.message : String(last);
    throw new DeepPersonaError("E_MODEL_CALL", `taxonomy embeddings from ${where} failed: ${why}`, {
      exitCode: 1,
      cause: last,
      details: { embeddingsSpec: opts.embeddingsSpec, ...(opts.baseURL ? { baseURL: opts.baseURL } : {}) },
    });
  };

  // the cache key: spec + base URL + the embeddings' own version (offline) or a probe fingerprint
  let key = embeddingsCacheKey(opts.embeddings, opts.embeddingsSpec);
  if (opts.cacheDir && key === opts.embeddingsSpec) {
    const [probe] = await embedChunk([EMBEDDING_PROBE_TEXT], "embedding probe");
    key = `${opts.embeddingsSpec}|${opts.baseURL ?? ""}|${vectorFingerprint(probe ?? [])}`;
  }
  const file = opts.cacheDir ? embeddingCacheFile(opts.cacheDir, taxonomy, key) : undefined;
  const cached = file ? readCache(file, count) : undefined;
  if (cached) return { ...cached, fromCache: true, calls, resumedRows: 0 };

  const texts = taxonomy.leaves.map(leafEmbeddingText);
  const partialFile = file ? `${file}.partial` : undefined;
  const partial = partialFile ? readPartial(partialFile, count) : undefined;
  let dims = partial?.dims ?? 0;
  const rows: Float32Array[] = partial && partial.rows.length > 0 ? [partial.rows] : [];
  const resumed = partial ? partial.rows.length / partial.dims : 0;
  let done = resumed;
  if (file && opts.cacheDir) makeDirectory(opts.cacheDir);
  const starts: number[] = [];
  for (let i = resumed; i < count; i += chunkSize) starts.push(i);
  let sent = 0;
  opts.onProgress?.({ done, total: count, chunk: 0, chunks: starts.length, resumed });
  for (let w = 0; w < starts.length; w += parallel) {
    const window = starts.slice(w, w + parallel);
    const results = await Promise.all(
      window.map((s, j) => embedChunk(texts.slice(s, s + chunkSize), `embedding chunk ${w + j + 1}/${starts.length}`)),
    );
    for (const chunkRows of results) {
      if (dims === 0) dims = chunkRows[0]?.length ?? 0;
      const block = new Float32Array(dims * chunkRows.length);
      chunkRows.forEach((r, i) => {
        if (r.length !== dims)
          throw new DeepPersonaError("E_MODEL_CALL", `taxonomy embeddings from ${where}: vectors of ${r.length} and ${dims} dimensions`, {
            exitCode: 1,
          });
        block.set(r, i * dims);
      });
      if (partialFile) {
        if (!existsSync(partialFile) || statSync(partialFile).size === 0)
          writeFileSync(partialFile, Buffer.from(new Float32Array([dims]).buffer));
        appendFileSync(partialFile, Buffer.from(block.buffer));
      }
      rows.push(block);
      done += chunkRows.length;
      sent++;
      opts.onProgress?.({ done, total: count, chunk: sent, chunks: starts.length, resumed });
    }
  }
  const matrix = new Float32Array(dims * count);
  let off = 0;
  for (const block of rows) {
    matrix.set(block, off);
    off += block.length;
  }
  normalizeRows(matrix, dims);
  if (file) {
    const out = new Float32Array(1 + matrix.length);
    out[0] = dims;
    out.set(matrix, 1);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(out.buffer));
    renameSync(tmp, file);
    if (partialFile) rmSync(partialFile, { force: true });
  }
  return { dims, matrix, fromCache: false, calls, resumedRows: resumed };
}
