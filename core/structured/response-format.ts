// the `response_format` call option for strict JSON-schema output. ChatOpenAI 1.5.8 sends any
// json_schema response_format through the openai SDK's `chat.completions.parse`, which
// JSON.parses the content and throws a bare SyntaxError on malformed output (losing the raw
// text). the SDK skips that parse when the format carries a non-enumerable `$parseRaw` (its own
// "auto-parseable" mechanism, never serialized into the request), so we attach one that never
// throws; the raw text stays in `message.content` and structuredCall parses it itself.
// other models (offline, scripted) read the plain `type/json_schema` fields.
import type { JsonObject } from "./to-strict-json-schema.js";

export interface JsonSchemaResponseFormat {
  type: "json_schema";
  json_schema: { name: string; strict: true; schema: JsonObject; description?: string };
}

/** OpenAI's name rule for json_schema: ^[a-zA-Z0-9_-]{1,64}$ */
export function schemaName(name: string): string {
  const clean = name.replace(/[^a-zA-Z0-9_-]+/g, "_").slice(0, 64);
  return clean.length > 0 ? clean : "output";
}

export function jsonSchemaResponseFormat(name: string, schema: JsonObject, description?: string): JsonSchemaResponseFormat {
  const format: JsonSchemaResponseFormat = {
    type: "json_schema",
    json_schema: { name: schemaName(name), strict: true, schema, ...(description ? { description } : {}) },
  };
  Object.defineProperty(format, "$parseRaw", { value: () => null, enumerable: false });
  return format;
}
