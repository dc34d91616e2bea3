// the country-stratified survey as a Scenario for runScenario:
//   phase "personas"  — generate personas per country (persona engine) or copy them from a file
//                       into personas.jsonl, keyed by persona id (personasPhase);
//   phase "responses" — every arm × persona × sample × item answered by a persona agent into
//                       responses.jsonl, keyed, in task order (surveyTasks);
//   finalize          — metrics.json, responses.csv, report.md and report.html from the records.
import { writeTextAtomic } from "../../core/store/write-text-atomic.js";
import { join } from "node:path";
import type { ModelClient } from "../../core/model/model-client.js";
import type { RunStore } from "../../core/store/run-store.js";
import { writeJsonAtomic } from "../../core/store/write-json-atomic.js";
import { readPersonas } from "../../persona-engine/engine/run-persona-generation.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { Instrument, SurveyItem } from "../../surveys/instrument-schema.js";
import { personasPhase, type PersonaScenarioOptions } from "../personas-phase.js";
import { runPhaseTasks } from "../run-phase-tasks.js";
import type { FinalizeResult, Scenario } from "../scenario.js";
import { RESPONSES_FILE, ResponseRecordSchema, type ResponseRecord } from "./response-record.js";
import { responseEvent } from "./response-event.js";
import { responsesCsv } from "./responses-csv.js";
import { writeTidyOutputs } from "../tidy/write-tidy-outputs.js";
import { surveyMetrics, type SurveyMetrics } from "./survey-metrics.js";
import { REPORT_HTML_FILE } from "./survey-report-html.js";
import { writeRunReport } from "../report/write-run-report.js";
import { usageManifestBlock } from "../../core/usage/usage-manifest-block.js";
import type { SurveySpec } from "./survey-spec.js";
import type { ReferenceDistribution } from "../../surveys/references/load-reference.js";
import { surveyTasks, type ResponseRow } from "./survey-tasks.js";
import { personaCountryName } from "./arm-profile.js";
import { surveyCost, type SurveyCost } from "./survey-cost.js";

export interface SurveyScenarioOptions extends PersonaScenarioOptions {
  spec: SurveySpec;
  instrument: Instrument;
  items: readonly SurveyItem[];
  /** the answering model (records name `client.spec`) */
  client: ModelClient;
  /** answers come from the offline model: label outputs as synthetic */
  synthetic: boolean;
  onResponse?(row: ResponseRecord): void;
  /** `--reference FILE`: the user's own answers as the reference (else the WVS-7 references) */
  reference?: (country: string, item: string) => ReferenceDistribution | undefined;
}

export interface SurveyOutputs {
  metrics: SurveyMetrics;
  rows: number;
  files: { responses: string; csv: string; metrics: string; report: string; html: string };
  /** this session's calls and cost, with the cost per valid respondent (when metered) */
  cost?: SurveyCost;
}

export const METRICS_FILE = "metrics.json";
/** the wide responses table (one column per item); responses.csv is the long, tidy one */
export const CSV_FILE = "responses-wide.csv";
export const REPORT_FILE = "report.md";

export function surveyScenario(options: SurveyScenarioOptions): Scenario & { outputs(): SurveyOutputs | undefined } {
  const { spec } = options;
  let outputs: SurveyOutputs | undefined;
  return {
    name: "survey",
    outputs: () => outputs,
    phases: [
      personasPhase({
        ...options,
        seed: spec.seed,
        // survey progress counts generated personas only: copied ones are not reported
        ...(options.personas.kind === "file" ? { onPersona: undefined } : {}),
      }),
      {
        name: "responses",
        run: async (ctx) => {
          const personas = await readPersonas(ctx.store);
          const { tasks, taskConcurrency } = surveyTasks({
            spec,
            runId: options.runId,
            instrument: options.instrument,
            items: options.items,
            personas,
            client: options.client,
            concurrency: options.concurrency,
            ...(options.prices ? { prices: options.prices } : {}),
          });
          return runPhaseTasks<ResponseRow>(ctx, {
            file: RESPONSES_FILE,
            concurrency: taskConcurrency,
            tasks,
            eventFor: (key, record) => {
              options.onResponse?.(record as ResponseRecord);
              return responseEvent(key, record as ResponseRecord);
            },
          });
        },
      },
    ],
    async finalize(store: RunStore): Promise<FinalizeResult> {
      const personas = await readPersonas(store);
      const rows = await store.read(RESPONSES_FILE, ResponseRecordSchema);
      const countries = countryOrder(personas, spec.countries);
      const perCountry: Record<string, number> = {};
      for (const c of countries) perCountry[c] = personas.filter((p) => p.country === c).length;
      const metrics = surveyMetrics({
        runId: options.runId,
        spec,
        instrument: options.instrument,
        items: options.items,
        rows,
        countries,
        personasPerCountry: perCountry,
        model: options.client.spec,
        synthetic: options.synthetic,
        personas,
        personasGenerated: options.personas.kind === "generate",
        ...(options.reference ? { reference: options.reference } : {}),
      });
      const files = {
        responses: join(store.dir, RESPONSES_FILE),
        csv: join(store.dir, CSV_FILE),
        metrics: join(store.dir, METRICS_FILE),
        report: join(store.dir, REPORT_FILE),
        html: join(store.dir, REPORT_HTML_FILE),
      };
      await writeJsonAtomic(files.metrics, metrics);
      await writeTextAtomic(files.csv, responsesCsv(rows, options.items.map((i) => i.id)));
      await writeTidyOutputs(store, "survey");
      const cost = surveyCost(options.client.meter.totals(), rows);
      // report.md + report.html through the one builder `deeppersona report DIR` uses, with the usage block finish will write
      await writeRunReport(store.dir, { usage: usageManifestBlock(options.client.meter, store.manifest.usage), items: options.items });
      outputs = { metrics, rows: rows.length, files, ...(cost ? { cost } : {}) };
      const invalid = rows.filter((r) => r.status === "invalid").length;
      if (rows.length === 0) return { status: "failed", reason: "no responses were recorded" };
      if (invalid / rows.length > 0.5) {
        const first = rows.find((r) => r.status === "invalid")?.reason ?? "";
        return { status: "failed", reason: `${invalid} of ${rows.length} answers were invalid (first: ${first}); ${spec.answer === "logprob" ? "the model puts little probability on the options (see valid_mass; --min-valid-mass sets the gate)" : "the model may not support structured output"}` };
      }
      return {};
    },
  };
}

/** the personas' countries in the order the spec names them (ISO3 or name), others after, as met */
export function countryOrder(personas: readonly Persona[], named: readonly string[]): string[] {
  const seen = [...new Set(personas.map((p) => p.country))];
  const rank = (iso3: string) => {
    const name = personaCountryName(personas.find((p) => p.country === iso3) as Persona).toLowerCase();
    const i = named.findIndex((n) => n.toUpperCase() === iso3 || n.toLowerCase() === name);
    return i < 0 ? named.length : i;
  };
  return seen.map((c, i) => ({ c, r: rank(c), i })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.c);
}
