// a strict JSON schema (to-strict-json-schema.ts) → the OpenAPI-subset `responseSchema` Gemini's
// generateContent accepts: $refs inlined, nullability as `nullable: true`, `const` as a one-value
// enum, keywords Gemini rejects dropped (additionalProperties, $defs, title, pattern, exclusive
// bounds, non-string enums), `propertyOrdering` set so the model writes fields in schema order.
import type { JsonObject } from "../structured/to-strict-json-schema.js";

const KEEP = new Set(["type", "description", "enum", "minimum", "maximum", "minItems", "maxItems", "required", "format"]);
const FORMATS = new Set(["date-time", "enum"]);
const MAX_DEPTH = 32;

export function geminiResponseSchema(schema: JsonObject): JsonObject {
  return convert(schema, schema, 0);
}

function resolveRef(ref: string, root: JsonObject): JsonObject {
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const target = m
    ? ((root[m[1] as string] as JsonObject | undefined)?.[decodeURIComponent(m[2] as string)] as JsonObject | undefined)
    : undefined;
  if (!target) throw new TypeError(`Gemini responseSchema: unresolvable $ref '${ref}'`);
  return target;
}

const isNull = (s: unknown): boolean => typeof s === "object" && s !== null && (s as JsonObject).type === "null";

function convert(node: JsonObject, root: JsonObject, depth: number): JsonObject {
  if (depth > MAX_DEPTH) throw new TypeError("Gemini responseSchema: schema nested too deeply (recursive $ref?)");
  if (typeof node.$ref === "string") {
    const { $ref, ...rest } = node;
    return convert({ ...resolveRef($ref, root), ...rest }, root, depth + 1);
  }
  const branches = (node.anyOf ?? node.oneOf) as JsonObject[] | undefined;
  if (Array.isArray(branches)) {
    const nonNull = branches.filter((b) => !isNull(b));
    const nullable = nonNull.length < branches.length;
    const desc = typeof node.description === "string" ? { description: node.description } : {};
    if (nonNull.length === 1) {
      const one = convert(nonNull[0] as JsonObject, root, depth + 1);
      return { ...one, ...desc, ...(nullable ? { nullable: true } : {}) };
    }
    return { ...desc, anyOf: nonNull.map((b) => convert(b, root, depth + 1)), ...(nullable ? { nullable: true } : {}) };
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) if (KEEP.has(k)) out[k] = v;
  if (typeof out.format === "string" && !FORMATS.has(out.format)) delete out.format;
  if (Array.isArray(node.type)) {
    const types = (node.type as string[]).filter((t) => t !== "null");
    out.type = types[0] ?? "string";
    if (types.length < (node.type as string[]).length) out.nullable = true;
  }
  if (node.const !== undefined) out.enum = [node.const];
  if (Array.isArray(out.enum) && !out.enum.every((v) => typeof v === "string")) {
    const strings = (out.enum as unknown[]).filter((v) => typeof v === "string");
    if (strings.length > 0 && (out.enum as unknown[]).every((v) => typeof v === "string" || v === null)) {
      out.enum = strings;
      out.nullable = true;
    } else delete out.enum;
  }
  if (Array.isArray(out.enum) && out.type === undefined) out.type = "string";
  if (node.properties && typeof node.properties === "object") {
    const props = node.properties as Record<string, JsonObject>;
    out.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, convert(v, root, depth + 1)]));
    out.propertyOrdering = Object.keys(props);
  }
  if (node.items && typeof node.items === "object") out.items = convert(node.items as JsonObject, root, depth + 1);
  return out;
}
