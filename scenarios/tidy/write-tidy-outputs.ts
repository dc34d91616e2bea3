// the tidy outputs of a finished run, written at finalize by one line in each scenario:
// personas.csv and attributes.csv (when the run has personas.jsonl), responses.csv (survey;
// long, with covariates) or measures.csv (discuss), metrics.csv (metrics.json flattened), and
// with `format: parquet` in the manifest's config (--format parquet) their Parquet twins.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunStore } from "../../core/store/run-store.js";
import { PersonaSchema, type Persona } from "../../persona-engine/persona/persona-schema.js";
import { PERSONAS_FILE } from "../../persona-engine/engine/run-persona-generation.js";
import { MeasureRecordSchema, MEASURES_FILE } from "../discussion/measure-record.js";
import { ResponseRecordSchema, RESPONSES_FILE } from "../survey/response-record.js";
import { metricsTable } from "./metrics-table.js";
import { attributesTable, personasTable } from "./personas-table.js";
import { responsesTable } from "./responses-table.js";
import { tidyCsv } from "./tidy-csv.js";
import type { TidyTable } from "./tidy-table.js";

/** the tidy files by base name (personas, attributes, responses | measures, metrics) → paths written */
export async function writeTidyOutputs(store: RunStore, kind: "survey" | "discuss" | "stress"): Promise<Record<string, string>> {
  const tables: Record<string, TidyTable> = {};
  const personas: Persona[] = existsSync(join(store.dir, PERSONAS_FILE)) ? await store.read(PERSONAS_FILE, PersonaSchema) : [];
  if (personas.length > 0) {
    tables.personas = personasTable(personas);
    tables.attributes = attributesTable(personas);
  }
  if (kind === "survey") tables.responses = responsesTable(await store.read(RESPONSES_FILE, ResponseRecordSchema), personas, "survey");
  if (kind === "discuss") tables.measures = responsesTable(await store.read(MEASURES_FILE, MeasureRecordSchema), personas, "discuss");
  const metrics = await readFile(join(store.dir, "metrics.json"), "utf8")
    .then((t) => JSON.parse(t) as unknown)
    .catch(() => undefined);
  if (metrics !== undefined) tables.metrics = metricsTable(metrics);
  const parquet = store.manifest.config.format === "parquet";
  const written: Record<string, string> = {};
  for (const [name, table] of Object.entries(tables)) {
    const csv = join(store.dir, `${name}.csv`);
    await writeFile(csv, tidyCsv(table), "utf8");
    written[name] = csv;
    if (parquet) {
      const { tidyParquet } = await import("./tidy-parquet.js");
      const file = join(store.dir, `${name}.parquet`);
      await writeFile(file, await tidyParquet(table));
      written[`${name}.parquet`] = file;
    }
  }
  return written;
}
