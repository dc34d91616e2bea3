// personas.csv: one row per persona — the anchors as typed columns (age an integer, the rest
// text), name, summary and counts; attributes.csv: one row per persona × attribute.
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { ageGroup } from "../stress/persona-segments.js";
import { tidyColumns, tidyValue, type TidyColumn, type TidyTable } from "./tidy-table.js";

/** the anchor fields persona generation writes, in order; any other anchor becomes an extra text column */
const ANCHORS: TidyColumn[] = [
  { name: "sex", type: "string" },
  { name: "age", type: "int" },
  { name: "settlement", type: "string" },
  { name: "region", type: "string" },
  { name: "education", type: "string" },
  { name: "education_level", type: "string" },
  { name: "marital_status", type: "string" },
  { name: "household_size", type: "string" },
  { name: "employment", type: "string" },
  { name: "occupation_group", type: "string" },
  { name: "income_decile", type: "string" },
  { name: "religion", type: "string" },
  { name: "religious_denomination", type: "string" },
];

export function personasTable(personas: readonly Persona[]): TidyTable {
  const known = new Set(["country", ...ANCHORS.map((a) => a.name)]);
  const extra = [...new Set(personas.flatMap((p) => p.anchors.map((a) => a.field)).filter((f) => !known.has(f)))].sort();
  const anchors: TidyColumn[] = [...ANCHORS, ...tidyColumns("string", ...extra)];
  const columns: TidyColumn[] = [
    ...tidyColumns("string", "persona_id", "country", "country_name", "name"),
    ...tidyColumns("float", "weight"),
    ...tidyColumns("string", "age_group"),
    ...anchors,
    ...tidyColumns("string", "summary"),
    ...tidyColumns("int", "attributes", "attributes_filled", "attributes_llm"),
    ...tidyColumns("string", "model"),
    ...tidyColumns("int", "model_calls", "input_tokens", "output_tokens"),
  ];
  const rows = personas.map((p) => {
    const anchor = (field: string) => p.anchors.find((a) => a.field === field)?.value ?? null;
    const age = tidyValue("int", anchor("age"));
    return [
      p.id,
      p.country,
      tidyValue("string", anchor("country")),
      p.name,
      p.weight,
      typeof age === "number" ? ageGroup(age) : null,
      ...anchors.map((c) => tidyValue(c.type, anchor(c.name))),
      p.summary,
      p.attributes.length,
      p.attributes.filter((a) => a.status === "filled").length,
      p.attributes.filter((a) => a.status === "filled" && a.source === "llm").length,
      p.model,
      p.usage.calls,
      p.usage.input_tokens,
      p.usage.output_tokens,
    ];
  });
  return { columns, rows };
}

export function attributesTable(personas: readonly Persona[]): TidyTable {
  const columns = tidyColumns("string", "persona_id", "path", "category", "tier", "status", "value", "source", "table");
  const rows = personas.flatMap((p) =>
    p.attributes.map((a) => [
      p.id,
      a.path,
      a.category,
      a.tier,
      a.status,
      a.value,
      a.source,
      a.status === "filled" ? (a.table ?? null) : null,
    ]),
  );
  return { columns, rows };
}
