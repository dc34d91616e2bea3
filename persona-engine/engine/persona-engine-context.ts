import type { ModelClient } from "../../core/model/model-client.js";
import type { FlatTaxonomy } from "../taxonomy/flatten-taxonomy.js";
import type { LeafEmbeddings } from "../taxonomy/taxonomy-embeddings.js";
import type { LeafSimilarity } from "./leaf-similarity.js";
import type { ApplicabilityRule } from "./attribute-applicability.js";
import type { MirrorExclusion } from "./mirror-exclusion.js";

/** everything one persona generation needs; built once per run by createPersonaEngine */
export interface PersonaEngineContext {
  taxonomy: FlatTaxonomy;
  leafEmbeddings: LeafEmbeddings;
  /** walk weight per node (long-tail-walk.ts branchWeights) */
  branchWeights: Float64Array;
  /** leaves that can be sampled (not filled from anchors or identity): node indices … */
  candidates: Int32Array;
  /** leaves restricted by sex or age (attribute-applicability.ts) */
  restricted: Map<number, ApplicabilityRule[]>;
  /** leaves that mirror the run's survey items: never sampled (mirror-exclusion.ts) */
  excludedMirrors?: MirrorExclusion;
  /** … and their similarity to a core profile vector */
  similarity: LeafSimilarity;
  /** every chat and embedding call (seeds, limiter, retries, metering live there) */
  client: ModelClient;
  modelSpec: string;
  embeddingsSpec: string;
  /** the embeddings server, for error messages (undefined: offline or unknown) */
  embeddingsBaseURL?: string;
  /** total attributes per persona, core included (default 220) */
  attributes: number;
  /** near : mid : far (default 5:3:2) */
  tierRatio: [number, number, number];
  /** at most this many attributes per fill call */
  batchSize: number;
  /** the year personas live in (ages are as drawn; story years end here) */
  referenceYear: number;
  signal?: AbortSignal;
}
