// responses.csv (survey) and measures.csv (discuss) in long format: one row per answer with the
// persona's covariates and the arm, so `df.groupby(["arm", "country", "item"])` and weighted
// estimates work without joining personas.jsonl.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { COVARIATE_COLUMNS, personaCovariates } from "./persona-covariates.js";
import { tidyColumns, tidyValue, type TidyColumn, type TidyTable } from "./tidy-table.js";

/** the answer fields of a survey response or discussion measure row (both records carry these) */
export interface AnswerRow {
  run_id: string;
  arm: string;
  persona_id: string;
  country: string;
  instrument: string;
  item: string;
  value: number | null;
  status: string;
  reason: string | null;
  answer_key: string | null;
  reversed: boolean;
  model: string;
  /** survey */
  sample?: number;
  /** discuss */
  group?: string;
  phase?: string;
}

export function responsesTable(rows: readonly AnswerRow[], personas: readonly Persona[], kind: "survey" | "discuss"): TidyTable {
  const byId = new Map(personas.map((p) => [p.id, p]));
  const columns: TidyColumn[] = [
    ...tidyColumns("string", "run_id", "arm", ...(kind === "discuss" ? ["group", "phase"] : []), "persona_id", "country"),
    ...COVARIATE_COLUMNS,
    ...tidyColumns("string", "instrument", "item"),
    ...tidyColumns("int", ...(kind === "survey" ? ["sample"] : []), "value"),
    ...tidyColumns("string", "status", "reason", "answer_key"),
    ...tidyColumns("bool", "reversed"),
    ...tidyColumns("string", "model"),
  ];
  const out = rows.map((r) => [
    r.run_id,
    r.arm,
    ...(kind === "discuss" ? [r.group ?? null, r.phase ?? null] : []),
    r.persona_id,
    r.country,
    ...personaCovariates(byId.get(r.persona_id)),
    r.instrument,
    r.item,
    ...(kind === "survey" ? [tidyValue("int", r.sample)] : []),
    tidyValue("int", r.value),
    r.status,
    r.reason,
    r.answer_key,
    r.reversed,
    r.model,
  ]);
  return { columns, rows: out };
}
