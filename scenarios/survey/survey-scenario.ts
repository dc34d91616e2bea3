// the country-stratified survey, defined once for `survey run` and runSurvey:
//   prepare           — the instrument and its items (a list question's id stands for its
//                       members; closed items only), the --reference answers, the personas;
//   phase "personas"  — generate personas per country (persona engine) or copy them from a file
//                       into personas.jsonl, keyed by persona id (personasPhase);
//   phase "responses" — every arm × persona × sample × item answered by a persona agent into
//                       responses.jsonl, keyed, in task order (surveyTasks);
//   finalize          — metrics.json, responses.csv, report.md and report.html from the records;
//   failure           — more than half the answers invalid (runScenario's one policy).
import { resolve } from "node:path";
import { usageManifestBlock } from "../../core/usage/usage-manifest-block.js";
import { RUN_REPORT_HTML, writeRunReport } from "../report/write-run-report.js";
import { UsageError } from "../../core/errors.js";
import { writeTextAtomic } from "../../core/store/write-text-atomic.js";
import { join } from "node:path";
import { writeJsonAtomic } from "../../core/store/write-json-atomic.js";
import { mirrorExclusion } from "../../persona-engine/engine/mirror-exclusion.js";
import { readPersonas } from "../../persona-engine/engine/run-persona-generation.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { Instrument, SurveyItem } from "../../surveys/instrument-schema.js";
import { isClosedItem } from "../../surveys/item-codes.js";
import { getItem } from "../../surveys/load-instrument.js";
import { mirrorsFor, mirrorsVersion } from "../../surveys/load-mirrors.js";
import { resolveInstrument } from "../../surveys/resolve-instrument.js";
import { readUserReference } from "../../surveys/user-reference.js";
import { defineScenario, type ScenarioPlanBase } from "../define-scenario.js";
import { personasPhase } from "../personas-phase.js";
import { runPhaseTasks } from "../run-phase-tasks.js";
import { withSpecFields } from "../run-settings-spec.js";
import { selectPersonas } from "../select-personas.js";
import { RESPONSES_FILE, responsesTable } from "./response-record.js";
import { responseEvent } from "./response-event.js";
import { responsesCsv } from "./responses-csv.js";
import { writeTidyOutputs } from "../tidy/write-tidy-outputs.js";
import { surveyMetrics, type SurveyMetrics } from "./survey-metrics.js";
import { SurveySpecSchema, type SurveySpec } from "./survey-spec.js";
import type { ReferenceDistribution } from "../../surveys/references/load-reference.js";
import { surveyTasks } from "./survey-tasks.js";
import { personaCountryName } from "./arm-profile.js";
import { surveyCost, costPerRespondentLine, type SurveyCost } from "./survey-cost.js";
import { SURVEY_OPTIONS, surveySpecFromFlags } from "./survey-flags.js";
import { summaryTable } from "./summary-table.js";
import { populationRakeTargets } from "../calibrate/population-rake-targets.js";

export interface SurveyPlan extends ScenarioPlanBase<SurveySpec> {
  instrument: Instrument;
  items: SurveyItem[];
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

export const surveyScenario = defineScenario({
  name: "survey",
  command: "survey run",
  spec: SurveySpecSchema,
  flags: SURVEY_OPTIONS,
  fromFlags: surveySpecFromFlags,
  analysisOnly: ["weights"],
  prepare(spec, env): SurveyPlan {
    const instrument = resolveInstrument(env.cwd, spec.instrument);
    const userReference = spec.reference ? readUserReference(resolve(env.cwd, spec.reference), instrument) : undefined;
    if (userReference && instrument.scoring.kind === "trait-means")
      throw new UsageError(`--reference scores answer distributions; '${instrument.id}' is scored by traits — drop --reference`);
    // a list question's id (Q7-Q17, a multi item of your own) stands for its member items
    const asked = spec.items?.flatMap(
      (id) =>
        instrument.batteries
          .find((bt) => bt.id === id)
          ?.members.map((m) => m.item)
          .filter((m) => instrument.items.some((i) => i.id === m)) ?? [id],
    );
    const items = asked ? [...new Set(asked)].map((id) => getItem(instrument, id)) : instrument.items.filter(isClosedItem);
    const open = items.find((i) => !isClosedItem(i));
    if (open) throw new UsageError(`item '${open.id}' is an open question; survey run asks closed items only`);
    const selection = selectPersonas(env.cwd, spec, env.personas);
    if (spec.weights === "rake" && instrument.scoring.kind !== "trait-means") checkRakeable(selection.personas ?? []);
    return {
      spec: withSpecFields(spec, { items: items.map((i) => i.id) }),
      instrument,
      items,
      selection,
      dataVersions: { instrument: `${instrument.id}@${instrument.version}`, mirrors: mirrorsVersion() ?? "none" },
      ...(userReference ? { reference: (country: string, item: string) => userReference.lookup(country, item) } : {}),
    };
  },
  // no pre-answers: generated personas leave out the taxonomy leaves that mirror the asked items
  onEngine(plan, engine) {
    engine.excludedMirrors = mirrorExclusion(engine.taxonomy, Object.values(mirrorsFor(plan.instrument, plan.spec.items ?? [])).flat());
  },
  phases: (plan, run) => [
    personasPhase({ ...run, seed: plan.spec.seed }),
    {
      name: "responses",
      run: async (ctx) => {
        const personas = await readPersonas(ctx.store);
        const { tasks, taskConcurrency } = surveyTasks({
          spec: plan.spec,
          runId: run.runId,
          instrument: plan.instrument,
          items: plan.items,
          personas,
          client: run.client,
          concurrency: run.concurrency,
          prices: run.prices,
        });
        return runPhaseTasks(ctx, { table: responsesTable, concurrency: taskConcurrency, tasks, eventFor: responseEvent });
      },
    },
  ],
  async finalize(plan, run, store): Promise<SurveyOutputs> {
    const { spec, items, instrument, reference } = plan;
    const personas = await readPersonas(store);
    const rows = await responsesTable.read(store);
    const countries = countryOrder(personas, spec.countries);
    const perCountry: Record<string, number> = {};
    for (const c of countries) perCountry[c] = personas.filter((p) => p.country === c).length;
    const metrics = surveyMetrics({
      runId: run.runId,
      spec,
      instrument: instrument,
      items: items,
      rows,
      countries,
      personasPerCountry: perCountry,
      model: run.client.spec,
      synthetic: run.client.offline,
      personas,
      personasGenerated: run.personas.kind === "generate",
      ...(reference ? { reference: reference } : {}),
    });
    const files = {
      responses: join(store.dir, RESPONSES_FILE),
      csv: join(store.dir, CSV_FILE),
      metrics: join(store.dir, METRICS_FILE),
      report: join(store.dir, REPORT_FILE),
      html: join(store.dir, RUN_REPORT_HTML),
    };
    await writeJsonAtomic(files.metrics, metrics);
    await writeTextAtomic(
      files.csv,
      responsesCsv(
        rows,
        items.map((i) => i.id),
      ),
    );
    await writeTidyOutputs(store, "survey");
    const cost = surveyCost(run.client.meter.totals(), rows);
    // report.md + report.html through the one builder `deeppersona report DIR` uses, with the usage block finish will write
    await writeRunReport(store.dir, { usage: usageManifestBlock(run.client.meter, store.manifest.usage), items });
    return { metrics, rows: rows.length, files, ...(cost ? { cost } : {}) };
  },
  failure: (plan) => ({
    table: responsesTable,
    noun: "answers",
    none: "no responses were recorded",
    hint:
      plan.spec.answer === "logprob"
        ? "the model puts little probability on the options (see valid_mass; --min-valid-mass sets the gate)"
        : "the model may not support structured output",
  }),
  modelsLabel: (run) => `model: ${run.client.spec}`,
  dashboard: (plan) => ({ items: plan.items, arms: plan.spec.arms, countries: plan.spec.countries }),
  summary: (outputs, usage) => [
    `survey run: complete — ${outputs.metrics.instrument.id}, ${Object.entries(outputs.metrics.personas_per_country)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ")} personas, ${outputs.rows} responses`,
    "",
    summaryTable(outputs.metrics),
    ...(weightsLine(outputs.metrics) ? [weightsLine(outputs.metrics) as string] : []),
    "",
    usage,
    ...(outputs.cost ? [costPerRespondentLine(outputs.cost)] : []),
    ...(outputs.metrics.synthetic ? ["note: offline model — every answer is synthetic placeholder output, not a simulation result"] : []),
    `report:    ${outputs.files.report} (charts: ${outputs.files.html})`,
    `metrics:   ${outputs.files.metrics}`,
    `responses: ${outputs.files.responses} (wide: ${outputs.files.csv})`,
  ],
});

/** the summary's weights line: raked countries with Kish's n (the table above is weighted) */
function weightsLine(m: SurveyMetrics): string | undefined {
  const w = m.weights;
  if (!w || w.kind === "none" || !("by_country" in w)) return undefined;
  const countries = Object.entries(w.by_country).map(
    ([c, r]) => `${c} Kish n ${r.kish_n.toFixed(1)} of ${r.n}${r.converged ? "" : " (not converged)"}`,
  );
  return `weights: personas raked to the population tables (${countries.join(", ")}); the table above is weighted (--weights none for design weights only)`;
}

/** --weights rake needs the population tables of every country of the given personas (generated ones always have them) */
function checkRakeable(personas: readonly Persona[]): void {
  for (const country of [...new Set(personas.map((p) => p.country))]) {
    try {
      populationRakeTargets(country);
    } catch {
      throw new UsageError(
        `--weights rake: no population tables for the personas of '${country}' (deeppersona population list); pass --weights none`,
      );
    }
  }
}

/** the personas' countries in the order the spec names them (ISO3 or name), others after, as met */
export function countryOrder(personas: readonly Persona[], named: readonly string[]): string[] {
  const seen = [...new Set(personas.map((p) => p.country))];
  const rank = (iso3: string) => {
    const name = personaCountryName(personas.find((p) => p.country === iso3) as Persona).toLowerCase();
    const i = named.findIndex((n) => n.toUpperCase() === iso3 || n.toLowerCase() === name);
    return i < 0 ? named.length : i;
  };
  return seen
    .map((c, i) => ({ c, r: rank(c), i }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.c);
}
