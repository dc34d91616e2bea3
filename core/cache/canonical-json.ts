// canonical JSON: object keys sorted, undefined dropped, no whitespace. two values that mean the
// same request serialise to the same bytes, whatever order their keys were built in.

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalise(value)) ?? "null";
}

function canonicalise(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonicalise(v)));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === "function") continue;
    out[key] = canonicalise(v);
  }
  return out;
}
