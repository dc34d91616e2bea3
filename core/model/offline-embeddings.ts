// the built-in lexical embedding: hashed character n-grams (3–5, over " text ") plus word
// unigrams, signed feature hashing into `dimensions` (default 512), L2-normalised. deterministic,
// no network; good enough for near-duplicate detection and rough topical similarity.
import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { hashString32 } from "../rng.js";

export interface OfflineEmbeddingsFields extends EmbeddingsParams {
  dimensions?: number;
}

export class OfflineEmbeddings extends Embeddings {
  readonly dimensions: number;

  constructor(fields: OfflineEmbeddingsFields = {}) {
    super(fields);
    this.dimensions = fields.dimensions ?? 512;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 8) {
      throw new RangeError(`offline embeddings need an integer dimension ≥ 8, got ${fields.dimensions}`);
    }
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
    const add = (feature: string, weight: number) => {
      const h = hashString32(feature);
      v[h % this.dimensions] = (v[h % this.dimensions] as number) + (h & 0x80000000 ? -weight : weight);
    };
    const padded = ` ${norm} `;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`c${n}:${padded.slice(i, i + n)}`, 1);
    }
    for (const w of norm.match(/[\p{L}\p{N}]+/gu) ?? []) add(`w:${w}`, 2);
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
