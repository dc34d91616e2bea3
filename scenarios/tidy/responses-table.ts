// responses.csv (survey) and measures.csv (discuss) in long format: one row per answer with the
// persona's covariates and the arm, so `df.groupby(["arm", "country", "item"])` and weighted
// estimates work without joining personas.jsonl.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { COVARIATE_COLUMNS, personaCovariates } from "./persona-covariates.js";
import { tidyValue, type TidyColumn, type TidyTable } from "./tidy-table.js";

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
  const design: TidyColumn[] =
    kind === "discuss"
      ? [
          { name: "group", type: "string" },
          { name: "phase", type: "string" },
        ]
      : [];
  const columns: TidyColumn[] = [
    { name: "run_id", type: "string" },
    { name: "arm", type: "string" },
    ...design,
    { name: "persona_id", type: "string" },
    { name: "country", type: "string" },
    ...COVARIATE_COLUMNS,
    { name: "instrument", type: "string" },
    { name: "item", type: "string" },
    ...(kind === "survey" ? [{ name: "sample", type: "int" as const }] : []),
    { name: "value", type: "int" },
    { name: "status", type: "string" },
    { name: "reason", type: "string" },
    { name: "answer_key", type: "string" },
    { name: "reversed", type: "bool" },
    { name: "model", type: "string" },
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
