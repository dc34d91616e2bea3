// persona → profile text for agent prompts: identity first, then values and story, then
// attributes in order of informativeness (core, near, mid, far; long-tail leaves of small
// facets before generic ones), cut to a token budget (≈ 4 characters per token).
import type { Persona } from "./persona-schema.js";

export interface RenderPersonaOptions {
  /** budget in tokens (≈ chars / 4); default 1500 */
  maxTokens?: number;
  /** include the first-person summary (default true) */
  summary?: boolean;
}

const TIER_ORDER = { core: 0, near: 1, mid: 2, far: 3 } as const;

export function renderPersona(persona: Persona, options: RenderPersonaOptions = {}): string {
  const budget = (options.maxTokens ?? 1500) * 4;
  const anchor = (field: string) => persona.anchors.find((a) => a.field === field)?.value;
  const lines: string[] = [];
  const head = [
    persona.name,
    anchor("age") !== undefined ? `${String(anchor("age"))} years old` : undefined,
    anchor("sex"),
    anchor("country"),
  ]
    .filter((x) => x !== undefined && x !== null)
    .join(", ");
  lines.push(`You are ${head}.`);
  const ls = persona.life_story;
  lines.push(`Values: ${ls.core_values.join("; ")}.`);
  lines.push(`Attitudes: ${ls.life_attitudes.join("; ")}.`);
  for (const v of ls.vignettes) lines.push(`${v.year} — ${v.title}: ${v.story}`);
  lines.push(`Interests: ${ls.interests.join(", ")}. Hobbies: ${ls.hobbies.join(", ")}.`);
  if (options.summary !== false && persona.summary) lines.push(`In your own words: ${persona.summary}`);
  const attrs = persona.attributes
    .filter((a) => a.status === "filled")
    .map((a, i) => ({ a, i }))
    .sort((x, y) => TIER_ORDER[x.a.tier] - TIER_ORDER[y.a.tier] || x.i - y.i);
  const header = "About you:";
  let used = lines.reduce((n, l) => n + l.length + 1, 0);
  const attrLines: string[] = [];
  for (const { a } of attrs) {
    const line = `- ${a.path.split(" > ").slice(-2).join(" > ")}: ${String(a.value)}`;
    if (used + header.length + line.length + 1 > budget) break;
    attrLines.push(line);
    used += line.length + 1;
  }
  let text = lines.join("\n");
  if (text.length > budget) text = text.slice(0, budget);
  return attrLines.length ? `${text}\n${header}\n${attrLines.join("\n")}` : text;
}
