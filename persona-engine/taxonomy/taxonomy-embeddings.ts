// embeddings of taxonomy leaves (name + description, with their path for context), computed once
// per (embedding model, taxonomy version + content hash) and cached on disk as float32.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmbeddingsPort } from "../../core/model/model-client.js";
import type { FlatTaxonomy, TaxonomyLeaf } from "./flatten-taxonomy.js";

export interface LeafEmbeddings {
  dims: number;
  /** row r is the unit vector of taxonomy.leaves[r] */
  matrix: Float32Array;
  /** true when read from the cache (no embedding calls made) */
  fromCache: boolean;
  /** embedding requests made to build it */
  calls: number;
}

export function leafEmbeddingText(leaf: TaxonomyLeaf): string {
  return `${leaf.parts.join(" > ")}${leaf.description ? `: ${leaf.description}` : ""}`;
}

/** `cacheKey` of an embeddings object that versions its vectors (the offline one does) */
export function embeddingsCacheKey(embeddings: EmbeddingsPort, embeddingsSpec: string): string {
  const version = (embeddings as { cacheKey?: unknown }).cacheKey;
  return typeof version === "string" ? `${embeddingsSpec}-${version}` : embeddingsSpec;
}

export function embeddingCacheFile(cacheDir: string, taxonomy: FlatTaxonomy, embeddingsKey: string): string {
  const model = embeddingsKey.replace(/[^A-Za-z0-9.-]+/g, "_").slice(0, 100);
  return join(cacheDir, `taxonomy-${taxonomy.version}-${taxonomy.contentHash || "nohash"}-${model}.f32`);
}

export function normalizeRows(matrix: Float32Array, dims: number): void {
  for (let off = 0; off < matrix.length; off += dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += (matrix[off + d] as number) ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dims; d++) matrix[off + d] = (matrix[off + d] as number) * inv;
  }
}

export async function loadLeafEmbeddings(opts: {
  taxonomy: FlatTaxonomy;
  embeddings: EmbeddingsPort;
  embeddingsSpec: string;
  /** where the cache lives; undefined = no disk cache */
  cacheDir: string | undefined;
  batchSize?: number;
}): Promise<LeafEmbeddings> {
  const { taxonomy } = opts;
  const count = taxonomy.leaves.length;
  const file = opts.cacheDir ? embeddingCacheFile(opts.cacheDir, taxonomy, embeddingsCacheKey(opts.embeddings, opts.embeddingsSpec)) : undefined;
  if (file && existsSync(file)) {
    const buf = readFileSync(file);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    const dims = all[0] as number;
    if (Number.isInteger(dims) && dims > 0 && all.length === 1 + dims * count) {
      return { dims, matrix: all.slice(1), fromCache: true, calls: 0 };
    }
  }
  const texts = taxonomy.leaves.map(leafEmbeddingText);
  const batch = opts.batchSize ?? 512;
  const rows: number[][] = [];
  let calls = 0;
  for (let i = 0; i < texts.length; i += batch) {
    rows.push(...(await opts.embeddings.embedDocuments(texts.slice(i, i + batch))));
    calls++;
  }
  const dims = rows[0]?.length ?? 0;
  const matrix = new Float32Array(dims * count);
  rows.forEach((r, i) => matrix.set(r, i * dims));
  normalizeRows(matrix, dims);
  if (file && opts.cacheDir) {
    mkdirSync(opts.cacheDir, { recursive: true });
    const out = new Float32Array(1 + matrix.length);
    out[0] = dims;
    out.set(matrix, 1);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(out.buffer));
    renameSync(tmp, file);
  }
  return { dims, matrix, fromCache: false, calls };
}
