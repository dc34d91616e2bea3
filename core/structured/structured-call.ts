// THE helper for structured output, used everywhere: strict JSON-schema mode, our own parse
// (fences stripped) and zod validation, exactly ONE repair call quoting the problems, then a
// typed StructuredOutputError carrying raw text and usage. transient errors are retried and
// every request metered (see invoke-with-retry.ts). a response cache, when the model has one,
// is asked first and gets only accepted results (core/cache/).
import { AIMessage, HumanMessage, type BaseMessageLike } from "@langchain/core/messages";
import type { z } from "zod";
import { openCacheLookup, type CacheLookup } from "../cache/open-cache-lookup.js";
import { serverProfileOf, type ServerProfile } from "../model/server-profile.js";
import { addUsage, ZERO_USAGE, type TokenUsage } from "../usage/token-usage.js";
import { dropOptionalNulls } from "./drop-optional-nulls.js";
import { invokeWithRetry, modelSpecOf, type ModelCallOptions } from "./invoke-with-retry.js";
import { ModelCallError } from "./model-call-error.js";
import { parseJsonOutput } from "./parse-json-output.js";
import { structuredRequest } from "../model/structured-request.js";
import { StructuredOutputError } from "./structured-output-error.js";
import { toStrictJsonSchema, zodToJsonSchema, type JsonObject } from "./to-strict-json-schema.js";

export interface StructuredCallOptions<S extends z.ZodType> extends ModelCallOptions {
  /** zod schema of the answer (an object at the root) */
  schema: S;
  /** schema name sent to the provider (letters, digits, _ and -; others are replaced) */
  name: string;
  /** prompt version id, echoed in the result for records */
  promptVersion?: string;
  /**
   * the strict JSON schema for `schema`, when the caller builds it directly (hot paths with a new
   * schema per call skip the zod → JSON conversion); must describe the same object as `schema`
   */
  jsonSchema?: JsonObject;
  /** told when the one repair request is about to be sent, with the problems it quotes */
  onRepair?: (error: string) => void;
}

export interface StructuredCallResult<T> {
  value: T;
  /** summed over all requests (repair included) */
  usage: TokenUsage;
  /** the raw text the accepted value was parsed from */
  raw: string;
  /** true when the value came from the repair call */
  repaired: boolean;
  /** requests sent, transient retries and the repair included */
  attempts: number;
  /** wall time of the whole call, retries and repair included */
  latencyMs: number;
  modelSpec: string;
  promptVersion?: string;
  /** served from the response cache: usage, attempts and latency are the original call's; nothing was sent or paid */
  cached?: boolean;
}

const schemaCache = new WeakMap<z.ZodType, Map<string, { plain: JsonObject; strict: JsonObject }>>();

/** the plain and the strict schema in the dialect of a server profile (server-profile.ts), cached per schema */
export function structuredSchemas(schema: z.ZodType, profile: ServerProfile): { plain: JsonObject; strict: JsonObject } {
  let byKind = schemaCache.get(schema);
  if (!byKind) schemaCache.set(schema, (byKind = new Map()));
  let s = byKind.get(profile.kind);
  if (!s) {
    s = { plain: zodToJsonSchema(schema), strict: toStrictJsonSchema(schema, profile) };
    byKind.set(profile.kind, s);
  }
  return s;
}

type Check<T> = { ok: true; value: T } | { ok: false; error: string };

function check<S extends z.ZodType>(schema: S, plain: JsonObject, raw: string): Check<z.output<S>> {
  let json: unknown;
  try {
    json = parseJsonOutput(raw);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const parsed = schema.safeParse(dropOptionalNulls(json, plain));
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("\n") };
}

/** the one repair request: the bad output as the assistant turn, then the problems */
export function repairPrompt(name: string, error: string): string {
  return [
    `Your previous reply is not valid for the required JSON schema "${name}".`,
    "Problems:",
    ...error.split("\n").map((l) => `- ${l}`),
    "Reply again with ONLY the corrected JSON object: every required property present, no extra properties, no code fences, no prose.",
  ].join("\n");
}

export async function structuredCall<S extends z.ZodType>(options: StructuredCallOptions<S>): Promise<StructuredCallResult<z.output<S>>> {
  const clock = options.clock ?? (() => performance.now());
  const modelSpec = options.modelSpec ?? modelSpecOf(options.model);
  const { plain, strict } = options.jsonSchema
    ? { plain: options.jsonSchema, strict: options.jsonSchema }
    : structuredSchemas(options.schema, serverProfileOf(options.model));
  // provider adapter: each provider's native structured-output mechanism (see core/model/structured-request.ts)
  const request = structuredRequest(options.model, options.name, strict);
  const callOptions = { ...options.callOptions, ...request.callOptions };
  const cache = await openCacheLookup({
    kind: "structured",
    model: options.model,
    modelSpec,
    messages: options.messages,
    callOptions,
    cache: options.cache,
    meter: options.meter,
  });
  return structuredRounds({
    schema: options.schema,
    plain,
    name: options.name,
    messages: options.messages,
    modelSpec,
    clock,
    cache,
    ...(options.promptVersion === undefined ? {} : { promptVersion: options.promptVersion }),
    ...(options.onRepair ? { onRepair: options.onRepair } : {}),
    send: async (messages) => {
      const res = await invokeWithRetry({ ...options, modelSpec, messages, clock }, callOptions);
      let raw = request.extract(res.message);
      const refusal = (res.message.additional_kwargs as { refusal?: unknown } | undefined)?.refusal;
      if (!raw && typeof refusal === "string") raw = refusal;
      return { raw, usage: res.usage, attempts: res.requests };
    },
  });
}

export interface StructuredRoundsOptions<S extends z.ZodType> {
  schema: S;
  /** the plain JSON schema of `schema` (optional properties' nulls are dropped against it) */
  plain: JsonObject;
  name: string;
  /** the first request's messages (the repair request appends the bad reply and the problems) */
  messages: BaseMessageLike[];
  modelSpec: string;
  clock: () => number;
  promptVersion?: string;
  /** the response cache lookup of the first request (accepted results only are stored) */
  cache?: CacheLookup | undefined;
  onRepair?: (error: string) => void;
  /** sends one request; a ModelCallError with `truncated` asks for the repair request */
  send(messages: BaseMessageLike[], round: number): Promise<{ raw: string; usage: TokenUsage; attempts: number }>;
}

/** the interpretation of a structured call, whoever sends its requests: cache hit, parse and
 *  validate, exactly one repair request quoting the problems, StructuredOutputError */
export async function structuredRounds<S extends z.ZodType>(
  options: StructuredRoundsOptions<S>,
): Promise<StructuredCallResult<z.output<S>>> {
  const { clock, modelSpec, plain, cache } = options;
  const started = clock();
  let usage: TokenUsage = ZERO_USAGE;
  let attempts = 0;
  const rawAttempts: string[] = [];
  let error = "";
  let messages = options.messages;
  const hit = cache?.hit && check(options.schema, plain, cache.hit.raw);
  if (cache?.hit && hit?.ok) {
    cache.accept();
    const h = cache.hit;
    return {
      value: hit.value,
      usage: h.usage,
      raw: h.raw,
      repaired: h.repaired,
      attempts: h.attempts,
      latencyMs: h.latencyMs,
      modelSpec,
      ...(options.promptVersion === undefined ? {} : { promptVersion: options.promptVersion }),
      cached: true,
    };
  }

  for (let round = 0; round < 2; round++) {
    let raw = "";
    try {
      const res = await options.send(messages, round);
      usage = addUsage(usage, res.usage);
      attempts += res.attempts;
      raw = res.raw;
      const result = check(options.schema, plain, raw);
      rawAttempts.push(raw);
      if (result.ok) {
        const latencyMs = clock() - started;
        await cache?.save({ raw, usage, attempts, latencyMs, repaired: round > 0 });
        return {
          value: result.value,
          usage,
          raw,
          repaired: round > 0,
          attempts,
          latencyMs,
          modelSpec,
          ...(options.promptVersion === undefined ? {} : { promptVersion: options.promptVersion }),
        };
      }
      error = result.error;
    } catch (err) {
      if (!(err instanceof ModelCallError && err.truncated)) throw err;
      attempts += err.attempts;
      rawAttempts.push("");
      error = "the reply was cut off at the output token limit; answer more briefly";
    }
    if (round === 0) options.onRepair?.(error);
    messages = [...options.messages, ...(raw ? [new AIMessage(raw)] : []), new HumanMessage(repairPrompt(options.name, error))];
  }
  throw new StructuredOutputError({ name: options.name, rawAttempts, usage, validationError: error, attempts });
}
