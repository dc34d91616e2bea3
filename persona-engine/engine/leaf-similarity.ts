// cosine similarity of a query to every candidate leaf, built once per run. sparse leaf vectors
// (the offline lexical embedding leaves ~2/3 of dimensions empty) are stored as CSR rows, which
// halves the work of the per-persona tier split; dense ones (provider embeddings) stay dense.
import type { LeafEmbeddings } from "../taxonomy/taxonomy-embeddings.js";
import { cosineToRows } from "./split-tiers.js";

export interface LeafSimilarity {
  /** similarity of the unit query to candidate i, for i in 0..rows.length */
  score(query: Float32Array): Float32Array;
}

export function buildLeafSimilarity(leaves: LeafEmbeddings, rows: Int32Array): LeafSimilarity {
  const { dims, matrix } = leaves;
  let nnz = 0;
  for (const r of rows) for (let d = 0, off = r * dims; d < dims; d++) if (matrix[off + d] !== 0) nnz++;
  if (nnz > 0.5 * rows.length * dims) return { score: (query) => cosineToRows(query, matrix, dims, rows) };
  const ptr = new Int32Array(rows.length + 1);
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    ptr[i] = k;
    for (let d = 0, off = r * dims; d < dims; d++) {
      const x = matrix[off + d] as number;
      if (x !== 0) {
        idx[k] = d;
        val[k++] = x;
      }
    }
  });
  ptr[rows.length] = k;
  return {
    score(query) {
      const q = Float64Array.from(query);
      const out = new Float32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        let s = 0;
        const end = ptr[i + 1] as number;
        for (let j = ptr[i] as number; j < end; j++) s += (q[idx[j] as number] as number) * (val[j] as number);
        out[i] = s;
      }
      return out;
    },
  };
}
