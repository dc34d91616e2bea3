import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Embeddings } from "@langchain/core/embeddings";
import type { UsageMeter } from "../../core/usage/usage-meter.js";
import type { CallLimiter } from "../../core/scheduler/call-limiter.js";
import type { Sleep } from "../../core/structured/invoke-with-retry.js";
import type { FlatTaxonomy } from "../taxonomy/flatten-taxonomy.js";
import type { LeafEmbeddings } from "../taxonomy/taxonomy-embeddings.js";
import type { LeafSimilarity } from "./leaf-similarity.js";
import type { ApplicabilityRule } from "./attribute-applicability.js";

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
  /** … and their similarity to a core profile vector */
  similarity: LeafSimilarity;
  chat: BaseChatModel;
  embeddings: Embeddings;
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
  meter?: UsageMeter;
  /** run-wide cap on model requests in flight (--concurrency) */
  limiter?: CallLimiter;
  signal?: AbortSignal;
  sleep?: Sleep;
}
