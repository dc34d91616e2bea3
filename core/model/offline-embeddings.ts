// the built-in lexical embedding: hashed character n-grams (3–5, over " text ") plus word
// unigrams, signed feature hashing (FNV-1a, no string allocation per feature) into `dimensions`
// (default 512), L2-normalised. deterministic, no network; good enough for near-duplicate
// detection and rough topical similarity.
import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";

/** changes whenever the vectors change: part of every on-disk embedding cache key */
export const OFFLINE_EMBEDDINGS_VERSION = "offline-lexical-2";

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a feature tag and text.slice(start, end), as an unsigned 32-bit integer */
function featureHash(tag: number, text: string, start: number, end: number): number {
  let h = Math.imul(FNV_OFFSET ^ tag, FNV_PRIME);
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  // final avalanche so low bits (the bucket) depend on every character
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export interface OfflineEmbeddingsFields extends EmbeddingsParams {
  dimensions?: number;
}

export class OfflineEmbeddings extends Embeddings {
  readonly dimensions: number;
  /** identifies the vectors for caches (algorithm version + dimensions) */
  readonly cacheKey: string;

  constructor(fields: OfflineEmbeddingsFields = {}) {
    super(fields);
    this.dimensions = fields.dimensions ?? 512;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 8) {
      throw new RangeError(`offline embeddings need an integer dimension ≥ 8, got ${fields.dimensions}`);
    }
    this.cacheKey = `${OFFLINE_EMBEDDINGS_VERSION}-${this.dimensions}`;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedSync(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedSync(document);
  }

  /** the vector of one text (empty text → the unit vector e0) */
  embedSync(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    const norm = text.toLowerCase().normalize("NFKC").replace(/\s+/g, " ").trim();
    const dims = this.dimensions;
    const add = (h: number, weight: number) => {
      const b = h % dims;
      v[b] = (v[b] as number) + (h & 0x80000000 ? -weight : weight);
    };
    const padded = ` ${norm} `;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(featureHash(n, padded, i, i + n), 1);
    }
    for (const m of norm.matchAll(/[\p{L}\p{N}]+/gu)) add(featureHash(0, m[0], 0, m[0].length), 2);
    let sum = 0;
    for (const x of v) sum += x * x;
    if (sum === 0) {
      const unit = new Array<number>(this.dimensions).fill(0);
      unit[0] = 1;
      return unit;
    }
    const scale = 1 / Math.sqrt(sum);
    return Array.from(v, (x) => x * scale);
  }
}
