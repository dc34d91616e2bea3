// strict mode sends optional properties as nullable; before zod validation, a null for a
// property that the ORIGINAL schema neither requires nor allows to be null becomes "absent".
import type { JsonObject } from "./to-strict-json-schema.js";

/** a copy of `value` without the nulls standing for omitted optional properties */
export function dropOptionalNulls(value: unknown, schema: JsonObject, root: JsonObject = schema, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== "object") return value;
  const node = resolve(schema, root);
  if (Array.isArray(value)) {
    const items = node.items;
    return items && typeof items === "object" ? value.map((v) => dropOptionalNulls(v, items as JsonObject, root, depth + 1)) : value;
  }
  const branches = (node.anyOf ?? node.oneOf) as JsonObject[] | undefined;
  if (Array.isArray(branches)) {
    const objectBranch = branches.find((b) => resolve(b, root).type === "object" || resolve(b, root).properties);
    return objectBranch ? dropOptionalNulls(value, objectBranch, root, depth + 1) : value;
  }
  const props = node.properties as Record<string, JsonObject> | undefined;
  if (!props) return value;
  const required = new Set((node.required as string[] | undefined) ?? []);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const prop = props[k];
    if (v === null && prop && !required.has(k) && !allowsNull(prop, root)) continue;
    out[k] = prop ? dropOptionalNulls(v, prop, root, depth + 1) : v;
  }
  return out;
}

function resolve(node: JsonObject, root: JsonObject): JsonObject {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  if (ref === "#") return root;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const target = m ? (root[m[1] as string] as JsonObject | undefined)?.[m[2] as string] : undefined;
  return (target as JsonObject | undefined) ?? node;
}

function allowsNull(node: JsonObject, root: JsonObject): boolean {
  const n = resolve(node, root);
  if (n.type === "null" || (Array.isArray(n.type) && n.type.includes("null"))) return true;
  if (Array.isArray(n.enum) && n.enum.includes(null)) return true;
  if (n.const === null) return true;
  const branches = (n.anyOf ?? n.oneOf) as JsonObject[] | undefined;
  return Array.isArray(branches) && branches.some((b) => allowsNull(b, root));
}
