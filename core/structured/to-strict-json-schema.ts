// zod schema → the JSON schema OpenAI "strict" structured outputs accept: every object lists all
// its properties in `required` and has `additionalProperties: false`; optional properties become
// nullable (`dropOptionalNulls` turns the nulls back into absent keys before zod validation);
// keywords strict mode rejects are dropped (length limits are kept as words in the description).
// constructs strict mode cannot express (records, tuples, any/unknown, intersections) throw.
// with a server profile (core/model/server-profile.ts), the keywords that server's decoder
// enforces are SENT instead (llama.cpp/vLLM/Ollama grammars keep minLength/maxLength), so the
// server can keep them; zod still validates every answer after.
import { z } from "zod";
import { OPENAI_STRICT, type ServerProfile } from "../model/server-profile.js";

export type JsonObject = { [key: string]: unknown };

/** the keywords kept without a profile (OpenAI strict) */
const KEEP: ReadonlySet<string> = new Set(OPENAI_STRICT);
const FORMATS = new Set(["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"]);

/** the plain JSON schema of a zod schema, as the model is expected to produce it (input side) */
export function zodToJsonSchema(schema: z.ZodType): JsonObject {
  const json = z.toJSONSchema(schema, { io: "input" }) as JsonObject;
  delete json.$schema;
  return json;
}

/** OpenAI-strict JSON schema for a zod schema (or for a plain JSON schema object), in the dialect of `profile` when given */
export function toStrictJsonSchema(schema: z.ZodType | JsonObject, profile?: Pick<ServerProfile, "schemaKeywords">): JsonObject {
  const keep = profile?.schemaKeywords ?? KEEP;
  const json = schema instanceof z.ZodType ? zodToJsonSchema(schema) : schema;
  if (json.type !== "object") {
    throw new TypeError("strict structured output needs an object at the root; wrap the value: z.object({ value: … })");
  }
  const out = strictNode(json, "$", keep);
  if (json.$defs && typeof json.$defs === "object") {
    out.$defs = Object.fromEntries(
      Object.entries(json.$defs as JsonObject).map(([k, v]) => [k, strictNode(v as JsonObject, `$defs.${k}`, keep)]),
    );
  }
  return out;
}

function unsupported(path: string, what: string, fix: string): never {
  throw new TypeError(`strict JSON schema cannot express ${what} at ${path}; ${fix}`);
}

function strictNode(node: unknown, path: string, keep: ReadonlySet<string>): JsonObject {
  if (typeof node !== "object" || node === null || Object.keys(node).length === 0) {
    unsupported(path, "an unconstrained value (z.any/z.unknown)", "give it a concrete type");
  }
  const n = node as JsonObject;
  if (n.allOf || n.not) unsupported(path, "allOf/not (intersections)", "merge the objects into one z.object");
  if (n.prefixItems) unsupported(path, "a tuple", "use an object with named fields");
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(n)) if (keep.has(k)) out[k] = v;
  if (typeof n.format === "string" && FORMATS.has(n.format)) out.format = n.format;
  const notes: string[] = [];
  if (typeof n.minLength === "number" && !keep.has("minLength")) notes.push(`at least ${n.minLength} characters`);
  if (typeof n.maxLength === "number" && !keep.has("maxLength")) notes.push(`at most ${n.maxLength} characters`);
  if (notes.length) out.description = [n.description, `(${notes.join(", ")})`].filter(Boolean).join(" ");

  const branches = (n.anyOf ?? n.oneOf) as unknown[] | undefined;
  if (Array.isArray(branches)) out.anyOf = branches.map((b, i) => strictNode(b, `${path}.anyOf[${i}]`, keep));
  if (Array.isArray(n.type) && n.type.filter((t) => t !== "null").length > 1) {
    delete out.type;
    out.anyOf = (n.type as string[]).map((t) => ({ type: t }));
  }
  const types = Array.isArray(n.type) ? n.type : [n.type];
  if (types.includes("object")) {
    const props = (n.properties ?? {}) as JsonObject;
    if (Object.keys(props).length === 0 && n.additionalProperties && typeof n.additionalProperties === "object") {
      unsupported(path, "a record (free keys)", "use an array of { key, value } objects");
    }
    const required = new Set((n.required as string[] | undefined) ?? []);
    out.properties = Object.fromEntries(
      Object.entries(props).map(([k, v]) => {
        const strict = strictNode(v, `${path}.${k}`, keep);
        return [k, required.has(k) ? strict : makeNullable(strict)];
      }),
    );
    out.required = Object.keys(props);
    out.additionalProperties = false;
  }
  if (types.includes("array") && n.items !== undefined) out.items = strictNode(n.items, `${path}[]`, keep);
  return out;
}

function acceptsNull(s: JsonObject): boolean {
  if (s.type === "null") return true;
  if (Array.isArray(s.type) && s.type.includes("null")) return true;
  return Array.isArray(s.anyOf) && s.anyOf.some((b) => acceptsNull(b as JsonObject));
}

function makeNullable(s: JsonObject): JsonObject {
  if (acceptsNull(s)) return s;
  if (Array.isArray(s.anyOf)) return { ...s, anyOf: [...s.anyOf, { type: "null" }] };
  if (typeof s.type === "string" && s.enum === undefined && s.const === undefined && s.type !== "object" && s.type !== "array") {
    return { ...s, type: [s.type, "null"] };
  }
  const { description, ...rest } = s;
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: "null" }] };
}
