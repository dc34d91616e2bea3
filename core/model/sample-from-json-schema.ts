// a seeded generator of values valid for a JSON schema (the subset zod and OpenAI strict mode
// emit): objects (every property), arrays (minItems/maxItems, prefixItems), strings (enum,
// const, formats, min/maxLength, description hints), numbers/integers (bounds, multipleOf),
// booleans, null, anyOf/oneOf/allOf, type lists, $ref into $defs. shared by the offline model and
// the fake OpenAI server. nullable values are always filled (non-null) when a branch allows it.
import type { Rng } from "../rng.js";
import { descriptionLabel, parseDescriptionHints } from "./description-hints.js";
import { sampleKindValue, syntheticPhrase } from "./sample-kind-value.js";
import { sampleNumber } from "./sample-number.js";

export type JsonSchema = { [key: string]: unknown } | boolean;
type Node = { [key: string]: unknown };

const MAX_DEPTH = 16;

/** a value valid for `schema`; the same (schema, rng state) always gives the same value */
export function sampleFromJsonSchema(schema: JsonSchema, rng: Rng, name = "value"): unknown {
  return sample(schema, { rng, root: schema }, name, 0);
}

interface Ctx {
  rng: Rng;
  root: JsonSchema;
}

function isNullSchema(s: unknown): boolean {
  return typeof s === "object" && s !== null && ((s as Node).type === "null" || (s as Node).const === null);
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  if (ref === "#") return root;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const target =
    m && typeof root === "object" ? (root[m[1] as string] as Node | undefined)?.[decodeURIComponent(m[2] as string)] : undefined;
  if (target === undefined) throw new Error(`sampleFromJsonSchema: unresolvable $ref '${ref}'`);
  return target as JsonSchema;
}

function mergeAllOf(node: Node): Node {
  const parts = (node.allOf as Node[]).map((p) => p);
  const out: Node = { ...node };
  delete out.allOf;
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (k === "properties") out.properties = { ...(out.properties as Node | undefined), ...(v as Node) };
      else if (k === "required") out.required = [...new Set([...((out.required as string[]) ?? []), ...(v as string[])])];
      else if (!(k in out)) out[k] = v;
    }
  }
  return out;
}

function sample(schema: JsonSchema, ctx: Ctx, name: string, depth: number): unknown {
  if (schema === true) return syntheticPhrase(ctx.rng, name);
  if (schema === false) return null;
  let node = schema as Node;
  if (typeof node.$ref === "string") {
    if (depth > MAX_DEPTH) return null;
    return sample(resolveRef(node.$ref, ctx.root), ctx, name, depth + 1);
  }
  if (Array.isArray(node.allOf)) node = mergeAllOf(node);
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum)) {
    const nonNull = node.enum.filter((v) => v !== null);
    if (nonNull.length === 0) return null;
    // values hinted `rare:` (e.g. a refusal) get 2% of the mass between them
    const rare = new Set(parseDescriptionHints(typeof node.description === "string" ? node.description : undefined).rare ?? []);
    const common = nonNull.filter((v) => !rare.has(String(v)));
    if (rare.size === 0 || common.length === 0 || common.length === nonNull.length) return ctx.rng.pick(nonNull);
    return ctx.rng.next() < 0.02 ? ctx.rng.pick(nonNull.filter((v) => rare.has(String(v)))) : ctx.rng.pick(common);
  }
  const branches = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) {
    const nonNull = branches.filter((b) => !isNullSchema(b));
    if (nonNull.length === 0) return null;
    const { anyOf: _a, oneOf: _o, ...rest } = node;
    const branch = ctx.rng.pick(nonNull);
    const merged = typeof branch === "object" ? { ...rest, ...branch } : branch;
    return sample(merged, ctx, name, depth + 1);
  }
  let type = node.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== "null");
    type = nonNull.length > 0 ? ctx.rng.pick(nonNull) : "null";
  }
  if (type === undefined) type = node.properties ? "object" : node.items || node.prefixItems ? "array" : "string";
  switch (type) {
    case "object":
      return sampleObject(node, ctx, name, depth);
    case "array":
      return sampleArray(node, ctx, name, depth);
    case "number":
    case "integer":
      return sampleNumber(node, ctx.rng, type === "integer");
    case "boolean":
      return ctx.rng.next() < 0.5;
    case "null":
      return null;
    default:
      return sampleString(node, ctx.rng, name);
  }
}

function sampleObject(node: Node, ctx: Ctx, name: string, depth: number): unknown {
  const out: Record<string, unknown> = {};
  if (depth > MAX_DEPTH) return out;
  const props = (node.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, prop] of Object.entries(props)) out[key] = sample(prop, ctx, key, depth + 1);
  const extra = node.additionalProperties;
  if (Object.keys(props).length === 0 && extra && typeof extra === "object") {
    for (let i = 1; i <= 2; i++) out[`${name}_${i}`] = sample(extra as JsonSchema, ctx, `${name} ${i}`, depth + 1);
  }
  return out;
}

function sampleArray(node: Node, ctx: Ctx, name: string, depth: number): unknown[] {
  if (Array.isArray(node.prefixItems)) {
    return (node.prefixItems as JsonSchema[]).map((s, i) => sample(s, ctx, `${name} ${i + 1}`, depth + 1));
  }
  const min = typeof node.minItems === "number" ? node.minItems : depth > MAX_DEPTH ? 0 : 1;
  const max = Math.min(typeof node.maxItems === "number" ? node.maxItems : Math.max(min, 3), min + 5);
  const n = ctx.rng.intBetween(min, Math.max(min, max));
  const items = (node.items ?? true) as JsonSchema;
  if (node.uniqueItems && typeof items === "object" && Array.isArray(items.enum)) {
    return ctx.rng.shuffle(items.enum as unknown[]).slice(0, n);
  }
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(sample(items, ctx, name, depth + 1));
  return out;
}

const FORMATS: Record<string, (rng: Rng) => string> = {
  "date-time": (r) => `${r.intBetween(2000, 2024)}-0${r.intBetween(1, 9)}-1${r.intBetween(0, 9)}T1${r.intBetween(0, 9)}:00:00Z`,
  date: (r) => `${r.intBetween(1950, 2024)}-0${r.intBetween(1, 9)}-1${r.intBetween(0, 9)}`,
  time: (r) => `1${r.intBetween(0, 9)}:${r.intBetween(10, 59)}:00`,
  email: (r) => `synthetic.person${r.int(10000)}@example.org`,
  uuid: (r) => {
    const h = () => r.int(16).toString(16);
    const s = (n: number) => Array.from({ length: n }, h).join("");
    return `${s(8)}-${s(4)}-4${s(3)}-a${s(3)}-${s(12)}`;
  },
  uri: (r) => `https://example.org/synthetic/${r.int(10000)}`,
  url: (r) => `https://example.org/synthetic/${r.int(10000)}`,
  hostname: (r) => `synthetic-${r.int(1000)}.example.org`,
  ipv4: (r) => `192.0.2.${r.intBetween(1, 254)}`,
};

function sampleString(node: Node, rng: Rng, name: string): string {
  const format = typeof node.format === "string" ? FORMATS[node.format] : undefined;
  if (format) return format(rng);
  const description = typeof node.description === "string" ? node.description : undefined;
  const hints = parseDescriptionHints(description);
  const label = typeof node.title === "string" ? node.title : (descriptionLabel(description) ?? name);
  let value: string;
  if (hints.options) value = rng.pick(hints.options);
  else if (hints.kind) value = sampleKindValue(hints.kind, rng, label, hints.unit);
  else value = syntheticPhrase(rng, label);
  // strict schemas carry length limits as words: "(at least 3 characters, at most 40 characters)"
  const minNote = description && /\bat least (\d+) characters\b/.exec(description)?.[1];
  const maxNote = description && /\bat most (\d+) characters\b/.exec(description)?.[1];
  const minLength = typeof node.minLength === "number" ? node.minLength : minNote ? Number(minNote) : 0;
  const maxLength = typeof node.maxLength === "number" ? node.maxLength : maxNote ? Number(maxNote) : Infinity;
  while (value.length < minLength) value += value.length === 0 ? "synthetic" : " synthetic";
  return value.length > maxLength ? value.slice(0, maxLength) : value;
}
