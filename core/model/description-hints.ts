// description hints: the convention by which schema authors (persona engine, surveys) tell the
// offline model and the fake server what a plausible string value looks like. put them in a zod
// `.describe(...)` text, separated by ";" or newlines, e.g.
//   z.string().describe("how often they cook; kind: frequency")
//   z.string().describe("weekly sport; kind: quantity; unit: hours per week")
//   z.string().describe("party preference; options: left | centre | right")
//   z.string().describe("realistic for their country; kind: name")   (a person's full name)
// real models read them as plain guidance, so keep them human-readable.
export const VALUE_KINDS = ["level", "frequency", "yes-no", "quantity", "period", "text", "name"] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export interface DescriptionHints {
  /** `options: A | B | C` → ["A", "B", "C"] */
  options?: string[];
  /** `kind: frequency` */
  kind?: ValueKind;
  /** `unit: hours per week` (for kind quantity) */
  unit?: string;
  /** `rare: refuse` → enum values a synthetic answer should seldom pick */
  rare?: string[];
}

/** read the hints out of a description (unknown kinds are ignored) */
export function parseDescriptionHints(description: string | undefined): DescriptionHints {
  const hints: DescriptionHints = {};
  if (!description) return hints;
  const options = /\boptions:\s*([^;\n]+)/i.exec(description)?.[1];
  if (options) {
    const list = options
      .split("|")
      .map((o) => o.trim().replace(/\.$/, "").trim())
      .filter((o) => o.length > 0);
    if (list.length > 0) hints.options = list;
  }
  const kind = /\bkind:\s*([a-z-]+)/i.exec(description)?.[1]?.toLowerCase();
  if (kind && (VALUE_KINDS as readonly string[]).includes(kind)) hints.kind = kind as ValueKind;
  const unit = /\bunit:\s*([^;\n]+)/i.exec(description)?.[1]?.trim().replace(/\.$/, "");
  if (unit) hints.unit = unit;
  const rare = /\brare:\s*([^;\n]+)/i.exec(description)?.[1];
  if (rare)
    hints.rare = rare
      .split("|")
      .map((r) => r.trim())
      .filter(Boolean);
  return hints;
}

/** the hint text for a description: formatDescriptionHints({kind:"quantity", unit:"hours per week"}) */
export function formatDescriptionHints(hints: DescriptionHints): string {
  const parts: string[] = [];
  if (hints.options?.length) parts.push(`options: ${hints.options.join(" | ")}`);
  if (hints.kind) parts.push(`kind: ${hints.kind}`);
  if (hints.unit) parts.push(`unit: ${hints.unit}`);
  if (hints.rare?.length) parts.push(`rare: ${hints.rare.join(" | ")}`);
  return parts.join("; ");
}

/** the free text of a description without its hints, when short enough to label a value */
export function descriptionLabel(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const free = description
    .replace(/\([^)]*\)/g, "")
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/\b(options|kind|unit):/i.test(s))[0];
  return free && free.length <= 48 ? free.replace(/[.:]$/, "") : undefined;
}
