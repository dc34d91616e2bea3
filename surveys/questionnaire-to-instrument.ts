// a validated questionnaire → an Instrument the survey machinery runs: single → single-choice
// (ordinal when reversible), likert → likert, scale → numeric-scale (every code min..max, anchors
// from minLabel/maxLabel or options), multi → a battery whose options are recorded as items
// <id>_<code> (1 = mentioned, 2 = not mentioned), open → open (shown, not asked).
import { createHash } from "node:crypto";
import type { Battery, InstrumentInput } from "./instrument-schema.js";
import type { Questionnaire, QuestionnaireItem } from "./questionnaire-schema.js";

export const MENTIONED = { code: 1, label: "Mentioned" };
export const NOT_MENTIONED = { code: 2, label: "Not mentioned" };

function scaleOptions(item: QuestionnaireItem): { code: number; label: string }[] {
  const min = item.min as number;
  const max = item.max as number;
  return Array.from({ length: max - min + 1 }, (_, i) => {
    const code = min + i;
    const given = item.options?.find((o) => o.code === code)?.label;
    const anchor = code === min ? item.minLabel : code === max ? item.maxLabel : undefined;
    return { code, label: given ?? anchor ?? String(code) };
  });
}

export function questionnaireToInstrument(q: Questionnaire, source: { file: string; text: string }): InstrumentInput {
  const items: InstrumentInput["items"] = [];
  const batteries: Battery[] = [];
  for (const item of q.items) {
    const base = {
      id: item.id,
      title: item.title ?? item.id,
      wording: item.text,
      ...(item.instruction ? { instruction: item.instruction } : {}),
      category: "custom",
      ...(item.mirrors ? { mirrors: item.mirrors } : {}),
    };
    const options = item.options ?? [];
    if (item.type === "single") items.push({ ...base, kind: "single-choice", options, ordinal: item.reversible === true });
    else if (item.type === "likert")
      items.push({ ...base, kind: "likert", options, ...(item.reversible === false ? { reversible: false } : {}) });
    else if (item.type === "scale")
      items.push({
        ...base,
        kind: "numeric-scale",
        min: item.min as number,
        max: item.max as number,
        options: scaleOptions(item),
        ...(item.reversible === false ? { reversible: false } : {}),
      });
    else if (item.type === "open") items.push({ ...base, kind: "open" });
    else {
      const members = options.map((o) => ({ item: `${item.id}_${o.code}`, label: o.label }));
      for (const [j, m] of members.entries()) {
        items.push({
          ...base,
          id: m.item,
          title: `${base.title}: ${m.label}`,
          wording: `${item.text} — ${m.label}`,
          kind: "single-choice",
          options: [MENTIONED, NOT_MENTIONED],
          ordinal: false,
          note: `option ${options[j]?.code} of multi item ${item.id}`,
        });
      }
      batteries.push({
        id: item.id,
        kind: item.maxChoices !== undefined ? "choose-up-to" : "mention-any",
        wording: item.text,
        ...(item.maxChoices !== undefined ? { maxChoices: item.maxChoices } : {}),
        mentionedCode: MENTIONED.code,
        notMentionedCode: NOT_MENTIONED.code,
        members,
      });
    }
  }
  const hash = createHash("sha256").update(source.text).digest("hex").slice(0, 12);
  return {
    id: q.id,
    name: q.title,
    version: q.version !== undefined ? String(q.version) : `sha256-${hash}`,
    description: q.description ?? q.title,
    ...(q.preamble ? { preamble: q.preamble } : {}),
    provenance: {
      source: `questionnaire file ${source.file} (sha256 ${hash})`,
      year: "n/a",
      licence: "supplied by the user",
      note: "converted by surveys/questionnaire-to-instrument.ts",
    },
    scoring: { kind: "item-distributions", note: "compared with the --reference CSV when one is given" },
    items,
    batteries,
  };
}
