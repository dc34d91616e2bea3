// reads a questionnaire of your own (.yaml, .yml or .json), validates it (questionnaire-schema.ts)
// and returns it as an Instrument. every problem is listed with its path in one UsageError
// (exit 2), so the user can fix the file in one go; nothing is written.
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse as parseYaml } from "yaml";
import { UsageError } from "../core/errors.js";
import { InstrumentSchema, type Instrument } from "./instrument-schema.js";
import { QuestionnaireItemSchema, QuestionnaireSchema, questionnaireItemIssues } from "./questionnaire-schema.js";
import { questionnaireToInstrument } from "./questionnaire-to-instrument.js";
import { presentItem } from "./present-item.js";
import { stemOptionConflicts } from "./stem-option-conflicts.js";

/** the problems of a questionnaire text, each "path: message" (empty = valid) plus the instrument */
export function checkQuestionnaire(text: string, file: string): { problems: string[]; instrument?: Instrument } {
  let raw: unknown;
  try {
    raw = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    return { problems: [`(file): not valid ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${(err as Error).message.split("\n")[0]}`] };
  }
  const parsed = QuestionnaireSchema.safeParse(raw);
  if (!parsed.success) {
    // the schema stops before the cross-field checks when a field is wrong: run them on every item
    // that is well-formed on its own, so the user sees every problem at once
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    const rawItems =
      raw && typeof raw === "object" && Array.isArray((raw as { items?: unknown }).items) ? (raw as { items: unknown[] }).items : [];
    const entries = rawItems.flatMap((it, index) => {
      const one = QuestionnaireItemSchema.safeParse(it);
      return one.success ? [{ index, item: one.data }] : [];
    });
    for (const i of questionnaireItemIssues(entries)) issues.push(`${i.path.join(".")}: ${i.message}`);
    return { problems: [...new Set(issues)] };
  }
  const inst = InstrumentSchema.safeParse(questionnaireToInstrument(parsed.data, { file: basename(file), text }));
  if (!inst.success) return { problems: inst.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`) };
  const problems: string[] = [];
  parsed.data.items.forEach((q, i) => {
    const item = inst.data.items.find((it) => it.id === q.id);
    if (!item || item.kind === "open") return;
    for (const reverse of [false, true])
      for (const p of stemOptionConflicts(presentItem(item, { reverse })))
        problems.push(`items.${i}.text: ${p}${reverse ? " (reversed)" : ""}`);
  });
  return problems.length ? { problems: [...new Set(problems)] } : { problems, instrument: inst.data };
}

export function loadQuestionnaireFile(file: string): Instrument {
  if (!existsSync(file))
    throw new UsageError(`questionnaire file '${file}' not found; pass wvs, bigfive, bfi44 or a .yaml/.json questionnaire`);
  if (!/\.(ya?ml|json)$/i.test(file)) throw new UsageError(`questionnaire file '${file}' must end in .yaml, .yml or .json`);
  const { problems, instrument } = checkQuestionnaire(readFileSync(file, "utf8"), file);
  if (!instrument) {
    throw new UsageError(
      `questionnaire '${file}' has ${problems.length} problem${problems.length === 1 ? "" : "s"} (schema: surveys/questionnaire-schema.ts): ${problems.join("; ")}`,
      { details: { problems } },
    );
  }
  return instrument;
}
