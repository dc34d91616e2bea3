import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Embeddings } from "@langchain/core/embeddings";
import type { UsageMeter } from "../../core/usage/usage-meter.js";
import type { Sleep } from "../../core/structured/invoke-with-retry.js";
import type { FlatTaxonomy } from "../taxonomy/flatten-taxonomy.js";
import type { LeafEmbeddings } from "../taxonomy/taxonomy-embeddings.js";

/** everything one persona generation needs; built once per run by createPersonaEngine */
export interface PersonaEngineContext {
  taxonomy: FlatTaxonomy;
  leafEmbeddings: LeafEmbeddings;
  leafCounts: Int32Array;
  chat: BaseChatModel;
  embeddings: Embeddings;
  modelSpec: string;
  embeddingsSpec: string;
  /** total attributes per persona, core included (default 220) */
  attributes: number;
  /** near : mid : far (default 5:3:2) */
  tierRatio: [number, number, number];
  /** at most this many attributes per fill call */
  batchSize: number;
  /** the year personas live in (ages are as drawn; story years end here) */
  referenceYear: number;
  meter?: UsageMeter;
  signal?: AbortSignal;
  sleep?: Sleep;
}
