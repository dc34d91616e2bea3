// memoised, batched embeddings of short texts as unit vectors (cosine = dot product).
// every text is embedded at most once per run; `calls` counts embedding requests.
import type { EmbeddingsPort } from "../../../core/model/model-client.js";

export interface TextEmbedder {
  /** unit vectors of the texts, in order (one request per batch of texts not yet seen) */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  readonly calls: number;
}

export function createTextEmbedder(embeddings: EmbeddingsPort, options: { batchSize?: number } = {}): TextEmbedder {
  const memo = new Map<string, Float32Array>();
  const batch = options.batchSize ?? 256;
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async embed(texts) {
      const missing = [...new Set(texts.filter((t) => !memo.has(t)))];
      for (let i = 0; i < missing.length; i += batch) {
        const chunk = missing.slice(i, i + batch);
        const rows = await embeddings.embedDocuments(chunk);
        calls++;
        chunk.forEach((t, j) => memo.set(t, unit(rows[j] ?? [])));
      }
      return texts.map((t) => memo.get(t) as Float32Array);
    },
  };
}

export function unit(row: readonly number[]): Float32Array {
  const v = Float32Array.from(row);
  let s = 0;
  for (const x of v) s += x * x;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
  return v;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
