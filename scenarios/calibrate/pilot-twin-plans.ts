// one persona plan per pilot respondent: a census-grounded record of the respondent's country drawn
// with quotas that pin the pilot's anchors (sex, the exact age, and education level / settlement
// when given), so the twin shares them and the remaining fields follow the population tables.
// twin i always gets seed `<seed>/twin/<line>` and id `twin-<line>` (stable whatever the order).
import { planPersonas, type PersonaPlan } from "../../persona-engine/engine/plan-personas.js";
import type { PilotRow } from "./read-pilot-csv.js";

export function pilotTwinPlans(rows: readonly PilotRow[], seed: number | string): PersonaPlan[] {
  return rows.map((row) => {
    const quotas = [`sex=${row.sex}:1`, `age=${row.age}-${row.age}:1`];
    if (row.education_level) quotas.push(`education_level=${row.education_level}:1`);
    if (row.settlement) quotas.push(`settlement=${row.settlement}:1`);
    const [plan] = planPersonas({
      countries: [row.country],
      perCountry: 1,
      design: "equal",
      seed: `${String(seed)}/twin/${row.line}`,
      quotas,
    });
    if (!plan) throw new Error(`no twin record for pilot line ${row.line}`);
    return { id: `twin-${String(row.line).padStart(4, "0")}`, record: { ...plan.record, index: row.line - 2 } };
  });
}
