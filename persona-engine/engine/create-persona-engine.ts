import type { ModelClient } from "../../core/model/model-client.js";
import { loadTaxonomy } from "../taxonomy/load-taxonomy.js";
import { loadLeafEmbeddings, type LoadLeafEmbeddingsOptions } from "../taxonomy/taxonomy-embeddings.js";
import { branchWeights } from "./long-tail-walk.js";
import { buildLeafSimilarity } from "./leaf-similarity.js";
import { applicabilityIndex } from "./attribute-applicability.js";
import { ANCHOR_PATHS, IDENTITY_PATHS } from "./anchors-from-record.js";
import type { PersonaEngineContext } from "./persona-engine-context.js";

export const DEFAULT_ATTRIBUTES = 220;
export const DEFAULT_TIER_RATIO: [number, number, number] = [5, 3, 2];
export const DEFAULT_BATCH_SIZE = 55;
/** personas live in this year unless told otherwise (fixed, so output never depends on the wall clock) */
export const DEFAULT_REFERENCE_YEAR = 2025;

export interface CreatePersonaEngineOptions {
  /** the chat model and embeddings (created with an `embeddings` spec) */
  client: ModelClient;
  attributes?: number;
  tierRatio?: [number, number, number];
  batchSize?: number;
  referenceYear?: number;
  /** disk cache for taxonomy embeddings (undefined = compute in memory) */
  cacheDir?: string;
  /** the taxonomy embedding step: server, chunking, timeouts and progress (taxonomy-embeddings.ts) */
  taxonomyEmbeddings?: Pick<
    LoadLeafEmbeddingsOptions,
    "baseURL" | "chunkSize" | "parallel" | "chunkTimeoutMs" | "chunkAttempts" | "onProgress"
  >;
  /** taxonomy folder (default: the shipped one) */
  taxonomyDir?: string;
  signal?: AbortSignal;
}

/** loads the taxonomy and its leaf embeddings (cached) once per run */
export async function createPersonaEngine(opts: CreatePersonaEngineOptions): Promise<PersonaEngineContext> {
  const taxonomy = loadTaxonomy(opts.taxonomyDir ? { dir: opts.taxonomyDir } : {});
  const embeddingsSpec = opts.client.embeddingsSpec;
  if (embeddingsSpec === undefined) throw new Error("the persona engine needs a model client with embeddings");
  const leafEmbeddings = await loadLeafEmbeddings({
    ...opts.taxonomyEmbeddings,
    taxonomy,
    embeddings: opts.client.embeddings,
    embeddingsSpec,
    cacheDir: opts.cacheDir,
    signal: opts.signal,
  });
  // anchors and identity fill their paths as core attributes: never sampled
  const fixed = new Set<string>([...Object.values(ANCHOR_PATHS), ...Object.values(IDENTITY_PATHS)]);
  const candidates: number[] = [];
  const candidateRows: number[] = [];
  taxonomy.leaves.forEach((leaf, row) => {
    if (fixed.has(leaf.path)) return;
    candidates.push(leaf.index);
    candidateRows.push(row);
  });
  return {
    taxonomy,
    leafEmbeddings,
    branchWeights: branchWeights(taxonomy),
    candidates: Int32Array.from(candidates),
    restricted: applicabilityIndex(taxonomy),
    similarity: buildLeafSimilarity(leafEmbeddings, Int32Array.from(candidateRows)),
    client: opts.client,
    modelSpec: opts.client.spec,
    embeddingsSpec,
    ...(opts.taxonomyEmbeddings?.baseURL ? { embeddingsBaseURL: opts.taxonomyEmbeddings.baseURL } : {}),
    attributes: opts.attributes ?? DEFAULT_ATTRIBUTES,
    tierRatio: opts.tierRatio ?? DEFAULT_TIER_RATIO,
    batchSize: opts.batchSize ?? DEFAULT_BATCH_SIZE,
    referenceYear: opts.referenceYear ?? DEFAULT_REFERENCE_YEAR,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}
