// opens the run of a defined scenario once its spec is parsed and its plan made — the same for a
// cli command and a library call, which differ only in how they got their models (RunModels):
// the run store (create | force | resume; manifest config = the parsed spec, models by role with
// the server kind, data versions), usage totals on events, the model clients' retry and repair
// events into events.jsonl, the persona engine when personas are generated, and the budget cap.
import { basename } from "node:path";
import type { ModelClient, ModelClientEvent } from "../core/model/model-client.js";
import { openRunStore, RESUME_MUTABLE_CONFIG_KEYS, type RunStoreMode } from "../core/store/open-run-store.js";
import type { RunEvent } from "../core/store/run-event.js";
import { runIdOf } from "../core/store/run-id.js";
import type { RunStore } from "../core/store/run-store.js";
import { Budget } from "../core/usage/budget.js";
import type { PriceTable } from "../core/usage/price-table.js";
import { usageEventFields } from "../core/usage/usage-event-fields.js";
import { usageManifestBlock } from "../core/usage/usage-manifest-block.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import { estimatePersonaCostUsd } from "../persona-engine/engine/estimate-persona-cost-usd.js";
import type { PersonaEngineContext } from "../persona-engine/engine/persona-engine-context.js";
import { loadTaxonomy } from "../persona-engine/taxonomy/load-taxonomy.js";
import type { ScenarioDefinition, ScenarioOutputs, ScenarioPlanBase, ScenarioRun } from "./define-scenario.js";
import type { PersonaSource } from "./personas-phase.js";
import type { RunSettings } from "./run-settings-spec.js";

/** the run's models, however they were resolved (cli flags and env, or a library call's options) */
export interface RunModels {
  client: ModelClient;
  meter: UsageMeter;
  prices: PriceTable;
  /** recorded as the embeddings role when personas are generated */
  embeddingsSpec: string;
  /** what serves a remote chat model (recorded in the manifest's models) */
  serverKind?: string;
  /** the store's clock: frozen at 0 while only the offline model answers */
  clock(): number;
  offlineOnly(): boolean;
  /** a client for another role (same sampling, limiter, meter; checked for reachability) */
  roleClient(spec: string, role: string): Promise<ModelClient>;
  createEngine(attributes: number): Promise<PersonaEngineContext>;
  onEvent?(listener: (event: ModelClientEvent) => void): void;
}

export interface OpenScenarioRunOptions<P> {
  plan: P;
  models: RunModels;
  /** the other roles' model specs (stress: target, judge) */
  roleSpecs?: Record<string, string>;
  /** tasks in flight when it differs from the spec's concurrency (--executor batch: a whole stage) */
  inFlight?: number;
  dir: string;
  mode: RunStoreMode;
  /** every event the store writes, from run-start on (progress, dashboard) */
  onEvent?: (event: RunEvent) => void;
}

export interface OpenedScenarioRun {
  store: RunStore;
  run: ScenarioRun;
  budget?: Budget;
}

export async function openScenarioRun<
  S extends RunSettings & { seed: number | string },
  P extends ScenarioPlanBase<S>,
  O extends ScenarioOutputs,
>(def: ScenarioDefinition<S, P, O>, o: OpenScenarioRunOptions<P>): Promise<OpenedScenarioRun> {
  const { models, plan } = o;
  const { spec } = plan;
  const generate = plan.selection.plans !== undefined;
  // role clients before anything is written: an unreachable target or judge is exit 2 with no run
  const roles: Record<string, ModelClient> = {};
  for (const [role, roleSpec] of Object.entries(o.roleSpecs ?? {})) roles[role] = await models.roleClient(roleSpec, role);
  const taxonomy = generate ? loadTaxonomy() : undefined;
  const roleNames = {
    [def.mainRole ?? "chat"]: models.client.spec,
    ...Object.fromEntries(Object.entries(roles).map(([r, c]) => [r, c.spec])),
    ...(generate ? { embeddings: models.embeddingsSpec } : {}),
  };
  const { meter } = models;
  const analysisOnly: readonly string[] = def.analysisOnly ?? [];
  const asked = Object.fromEntries(Object.entries(spec).filter(([k]) => !analysisOnly.includes(k)));
  const store = await openRunStore({
    dir: o.dir,
    mode: o.mode,
    ...(analysisOnly.length ? { mutableConfigKeys: [...RESUME_MUTABLE_CONFIG_KEYS, ...analysisOnly] } : {}),
    clock: () => models.clock(),
    eventFields: usageEventFields(meter, { boundariesOnly: models.offlineOnly() }),
    finishFields: (m) => ({ usage: usageManifestBlock(meter, m.usage) }),
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
    manifest: {
      run_id: runIdOf(def.command, asked, spec.seed, roleNames),
      command: def.command,
      config: spec,
      seed: spec.seed,
      models: { ...roleNames, ...(models.serverKind && !models.client.offline ? { server_kind: models.serverKind } : {}) },
      data_versions: { ...plan.dataVersions, ...(taxonomy ? { taxonomy: `${taxonomy.version}+${taxonomy.contentHash}` } : {}) },
    },
  });
  models.onEvent?.((event) => {
    store.event(event).catch(() => undefined); // a store closed by a failure: the run's error is reported
  });
  let personas: PersonaSource;
  if (plan.selection.plans) {
    const engine = await models.createEngine(spec.attributes ?? 220);
    def.onEngine?.(plan, engine);
    personas = { kind: "generate", engine, plans: plan.selection.plans };
  } else personas = { kind: "file", personas: plan.selection.personas };
  const budget = spec.budgetUsd !== null ? new Budget({ capUsd: spec.budgetUsd, meter }) : undefined;
  return {
    store,
    ...(budget ? { budget } : {}),
    run: {
      runId: store.manifest.run_id ?? basename(o.dir),
      client: models.client,
      roles,
      personas,
      meter,
      prices: models.prices,
      concurrency: o.inFlight ?? spec.concurrency,
      personaEstimateUsd: estimatePersonaCostUsd(models.client.spec, models.prices),
    },
  };
}
