// what an OpenAI-compatible backend can do, per server kind: which JSON-schema keywords its
// structured-output decoder ENFORCES (sent; everything else becomes description text and is
// validated after by zod), whether it returns logprobs and how many alternatives, whether it
// honours a request seed, and how many texts one embeddings request should carry.
// a model carries its profile (attachServerProfile, done by the model client for every chat model
// it builds); structuredCall compiles schemas with it.
import { z } from "zod";

export const SERVER_KINDS = ["openai", "vllm", "llamacpp", "ollama"] as const;
export const serverKindSchema = z.enum([...SERVER_KINDS, "offline"]);
export type ServerKind = z.infer<typeof serverKindSchema>;

export interface ServerProfile {
  kind: ServerKind;
  /** JSON-schema keywords the server's constrained decoding enforces (the rest are dropped; length limits become description text) */
  schemaKeywords: ReadonlySet<string>;
  /** per-token logprobs in chat completions */
  logprobs: boolean;
  /** the most `top_logprobs` alternatives a request may ask for */
  topLogprobsMax: number;
  /** a request `seed` makes sampling repeatable (best effort on OpenAI) */
  seed: boolean;
  /** texts per embeddings request (the taxonomy step chunks by this) */
  embeddingBatch: number;
  /**
   * default max_tokens of a request: under a grammar a weak model can write one string until the
   * context is full (measured: a toy model on llama.cpp, minutes per call, retried with the same
   * seed); a cap turns that into finish_reason=length, which structuredCall repairs. 2048 is far
   * above the longest legitimate answer (a 55-attribute fill batch ≈ 1,100 tokens)
   */
  maxOutputTokens?: number;
  /**
   * request-body fields that restrict a logprob answer to one label character, when the server
   * can (llama.cpp `grammar`): the sampled answer is always a label, while the reported logprobs
   * stay the raw model's (measured: llama.cpp reports pre-grammar probabilities), so valid_mass
   * still says how much the model wanted to answer
   */
  labelAnswerBody?: Record<string, unknown>;
  /** one line for manifests and README tables */
  note: string;
}

/** what OpenAI strict structured outputs accept (no minLength/maxLength: rejected or ignored) */
export const OPENAI_STRICT: readonly string[] = [
  "type",
  "description",
  "title",
  "enum",
  "const",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "$ref",
];
/** grammar-based decoders (llama.cpp json-schema-to-grammar, vLLM xgrammar/outlines, Ollama) also enforce string lengths */
const GRAMMAR = [...OPENAI_STRICT, "minLength", "maxLength"];

export const SERVER_PROFILES: Record<ServerKind, ServerProfile> = {
  openai: {
    kind: "openai",
    schemaKeywords: new Set(OPENAI_STRICT),
    logprobs: true,
    topLogprobsMax: 20,
    seed: true,
    embeddingBatch: 512,
    note: "OpenAI strict json_schema (string lengths as text, checked after), logprobs ≤ 20, best-effort seed",
  },
  vllm: {
    kind: "vllm",
    schemaKeywords: new Set(GRAMMAR),
    maxOutputTokens: 2048,
    logprobs: true,
    topLogprobsMax: 20,
    seed: true,
    embeddingBatch: 256,
    note: "guided decoding enforces string lengths, enums, patterns, bounds; logprobs ≤ 20 (--max-logprobs); seed honoured",
  },
  llamacpp: {
    kind: "llamacpp",
    schemaKeywords: new Set(GRAMMAR),
    maxOutputTokens: 2048,
    labelAnswerBody: { grammar: "root ::= [1-9A-Za-z]" },
    logprobs: true,
    topLogprobsMax: 20,
    seed: true,
    embeddingBatch: 64,
    note: "GBNF grammar from the schema enforces string lengths, enums, integer bounds, simple patterns; logprobs; seed honoured",
  },
  ollama: {
    kind: "ollama",
    schemaKeywords: new Set(GRAMMAR),
    maxOutputTokens: 2048,
    logprobs: true,
    topLogprobsMax: 20,
    seed: true,
    embeddingBatch: 32,
    note: "format=json_schema via llama.cpp grammars (string lengths, enums); logprobs only on recent versions; seed honoured",
  },
  offline: {
    kind: "offline",
    schemaKeywords: new Set(OPENAI_STRICT),
    logprobs: true,
    topLogprobsMax: 20,
    seed: true,
    embeddingBatch: 4096,
    note: "built-in offline model",
  },
};

const attached = new WeakMap<object, ServerProfile>();

/** remember which server a model object talks to (returns the model) */
export function attachServerProfile<M extends object>(model: M, profile: ServerProfile): M {
  attached.set(model, profile);
  return model;
}

/** the profile attached to a model, else the OpenAI one (the conservative schema dialect) */
export function serverProfileOf(model: object | undefined): ServerProfile {
  return (model && attached.get(model)) || SERVER_PROFILES.openai;
}
