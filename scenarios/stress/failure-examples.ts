// the report's example transcripts: for each failure label the judge gave, the first few
// conversations (in conversation order) with that label, the judge's reason and the transcript.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { ConversationRecord } from "./conversation-record.js";
import type { JudgementRecord } from "./judgement-record.js";
import { personaSegments } from "./persona-segments.js";
import { RUBRIC_DIMENSIONS, DIMENSIONS } from "./rubric-dimensions.js";
import { clipWords } from "./stress-user-prompt.js";

const EXAMPLE_WORDS = 120;

export interface FailureExampleGroup {
  dimension: string;
  label: string;
  /** conversations with the label */
  count: number;
  examples: { judgement: JudgementRecord; who: string; reason: string; turns: { role: "user" | "assistant"; text: string }[] }[];
}

export interface FailureExamplesInput {
  judgements: readonly JudgementRecord[];
  conversations: readonly ConversationRecord[];
  personas: readonly Persona[];
  perLabel?: number;
}

/** per failure label given: its count and the first few conversations (clipped turns, one line each) */
export function failureExampleGroups(input: FailureExamplesInput): FailureExampleGroup[] {
  const perLabel = input.perLabel ?? 2;
  const conversations = new Map(input.conversations.map((c) => [`${c.persona_id}/${c.probe_id}`, c]));
  const personas = new Map(input.personas.map((p) => [p.id, p]));
  const out: FailureExampleGroup[] = [];
  for (const dim of RUBRIC_DIMENSIONS) {
    for (const label of DIMENSIONS[dim].failures) {
      const tag = `${dim}=${label}`;
      const hits = input.judgements.filter((j) => j.status === "ok" && j.failures.includes(tag));
      if (hits.length === 0) continue;
      out.push({
        dimension: dim,
        label,
        count: hits.length,
        examples: spread(hits, perLabel).map((j) => {
          const persona = personas.get(j.persona_id);
          const s = persona ? personaSegments(persona) : undefined;
          const who = s ? `${s.country}, ${s.sex}, ${s.age_group}, ${s.religion}, education ${s.education_level}` : j.country;
          const turns = (conversations.get(`${j.persona_id}/${j.probe_id}`)?.turns ?? []).map((t) => ({
            role: t.role === "user" ? ("user" as const) : ("assistant" as const),
            text: clipWords(t.text, EXAMPLE_WORDS).text.replace(/\s*\n\s*/g, " "),
          }));
          return { judgement: j, who, reason: j.reasons?.[dim] || "(no reason given)", turns };
        }),
      });
    }
  }
  return out;
}

export function failureExamples(input: FailureExamplesInput): string[] {
  const out: string[] = [];
  for (const g of failureExampleGroups(input)) {
    out.push(`### ${g.dimension} = ${g.label} (${g.count} conversation${g.count === 1 ? "" : "s"})`, "");
    for (const e of g.examples) {
      const j = e.judgement;
      out.push(`**${j.persona_id}** (${e.who}) · probe \`${j.probe_id}\` (${j.category})`, "", `Judge: ${e.reason}`, "");
      for (const t of e.turns) out.push(`> **${t.role === "user" ? "User" : "Assistant"}:** ${t.text || "(empty)"}`, ">");
      if (out.at(-1) === ">") out.pop();
      out.push("");
    }
  }
  return out.length > 0 ? out : ["No failure labels were given.", ""];
}

/** up to `n` hits, preferring personas and categories not shown yet (deterministic: in hit order) */
function spread(hits: readonly JudgementRecord[], n: number): JudgementRecord[] {
  const picked: JudgementRecord[] = [];
  for (const j of hits) {
    if (picked.length >= n) break;
    if (picked.every((p) => p.persona_id !== j.persona_id && p.category !== j.category)) picked.push(j);
  }
  for (const j of hits) {
    if (picked.length >= n) break;
    if (!picked.includes(j)) picked.push(j);
  }
  return picked;
}
