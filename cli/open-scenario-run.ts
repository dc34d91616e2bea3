// the run a persona scenario command (survey run, discuss, stress) opens once its flags, personas
// and models are valid: the usage meter, the run store (create | force | resume) with its
// manifest (models with their base URLs, the sampling parameters), the model clients' retry and
// repair events into events.jsonl, the persona engine when personas are generated, the budget
// cap, and the personas phase's source with the per-persona cost estimate for the budget guard.
import { basename, resolve } from "node:path";
import { openRunStore, type RunStoreMode } from "../core/store/open-run-store.js";
import type { RunEvent } from "../core/store/run-event.js";
import type { RunStore } from "../core/store/run-store.js";
import { Budget } from "../core/usage/budget.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import { usageManifestBlock } from "../core/usage/usage-manifest-block.js";
import { estimatePersonaCostUsd } from "../persona-engine/engine/estimate-persona-cost-usd.js";
import { loadTaxonomy } from "../persona-engine/taxonomy/load-taxonomy.js";
import type { PersonaSource } from "../scenarios/personas-phase.js";
import type { CommandContext } from "./command.js";
import { createRunPersonaEngine } from "./create-run-persona-engine.js";
import type { CliModels } from "./model-options.js";
import { parseTidyFormat, type ScenarioRunSettings } from "./run-options.js";
import type { SelectedPersonas } from "./select-personas.js";
import { runIdOf } from "../core/store/run-id.js";
import { usageEventFields } from "./usage-event-fields.js";

export interface OpenScenarioRunOptions {
  /** the manifest's command: "survey run", "discuss", "stress" */
  command: string;
  mode: RunStoreMode;
  /** the validated spec, recorded as the manifest's config together with the run settings */
  spec: { seed: number | string };
  settings: ScenarioRunSettings;
  selection: SelectedPersonas;
  models: CliModels;
  /** the manifest's models by role; the embeddings are added when personas are generated */
  roles: Record<string, string>;
  /** the manifest's data versions; the taxonomy's is added when personas are generated */
  dataVersions: Record<string, string>;
  /** every event the run store writes, from run-start on (the live dashboard) */
  onEvent?: (event: RunEvent) => void;
}

export interface OpenedScenarioRun {
  dir: string;
  runId: string;
  store: RunStore;
  meter: UsageMeter;
  budget?: Budget;
  /** the personas phase's source: the file's personas, or the plans and the engine that generates them */
  personas: PersonaSource;
  personaCount: number;
  /** estimated USD per generated persona (budget guard) */
  personaEstimateUsd: number;
}

export async function openScenarioRun(ctx: CommandContext, o: OpenScenarioRunOptions): Promise<OpenedScenarioRun> {
  const { models, settings } = o;
  const { personas, plans } = o.selection;
  const format = parseTidyFormat(ctx.values.format);
  const taxonomy = plans ? loadTaxonomy() : undefined;
  const prices = models.prices; // --prices or the built-in table
  const dir = resolve(ctx.cwd, settings.out);
  const { meter } = models;
  const config = {
    ...o.spec,
    attributes: plans ? settings.attributes : null,
    concurrency: settings.concurrency,
    requestsPerMinute: settings.rpm ?? null,
    budgetUsd: settings.budgetUsd ?? null,
    temperature: models.sampling.temperature,
    top_p: models.sampling.topP,
    // --skip-invalid: the bad lines of the personas file that were skipped (summary, manifest)
    ...(format === "parquet" ? { format } : {}),
    ...(o.selection.skipped ? { input_skipped: { file: o.selection.skipped.file, lines: o.selection.skipped.lines.map((l) => l.line), count: o.selection.skipped.lines.length } } : {}),
  };
  const roles = { ...o.roles, ...(plans ? { embeddings: models.embeddingsSpec } : {}) };
  const store = await openRunStore({
    dir,
    mode: o.mode,
    clock: models.clock,
    eventFields: usageEventFields(meter, { boundariesOnly: models.offlineOnly() }),
    finishFields: (m) => ({ usage: usageManifestBlock(meter, m.usage) }),
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
    manifest: {
      run_id: runIdOf(o.command, config, o.spec.seed, roles),
      command: o.command,
      config,
      seed: o.spec.seed,
      models: { ...roles, ...(models.offline ? {} : { server_kind: models.serverKind }) },
      data_versions: { ...o.dataVersions, ...(taxonomy ? { taxonomy: `${taxonomy.version}+${taxonomy.contentHash}` } : {}) },
    },
  });
  models.onEvent((event) => {
    store.event(event).catch(() => undefined); // a store closed by a failure: the run's error is reported
  });
  const source: PersonaSource = personas
    ? { kind: "file", personas }
    : { kind: "generate", engine: await createRunPersonaEngine(ctx, models, { attributes: settings.attributes }), plans };
  const budget = settings.budgetUsd !== undefined ? new Budget({ capUsd: settings.budgetUsd, meter }) : undefined;
  return {
    dir,
    runId: store.manifest.run_id ?? basename(dir),
    store,
    meter,
    ...(budget ? { budget } : {}),
    personas: source,
    personaCount: source.kind === "file" ? source.personas.length : source.plans.length,
    personaEstimateUsd: estimatePersonaCostUsd(models.chatSpec, prices),
  };
}
