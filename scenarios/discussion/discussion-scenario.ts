// the discussion experiment as a Scenario for runScenario:
//   phase "personas" — generated per country or copied from a file (personasPhase);
//   phase "pre"      — every persona answers the outcome items alone (measures.jsonl, phase pre);
//   phase "turns"    — every group discusses the topic for N rounds, one `speak` call per turn
//                      (turns.jsonl; groups concurrently, a group's turns in order: turnTasks);
//   phase "post"     — every persona answers the items again, alone, after its discussion;
//   finalize         — metrics.json (clustered bootstrap by group), report.md and report.html.
// the design (groups, arms, speaking orders) is planDiscussion of personas.jsonl: a pure function,
// so every phase and every resumed session rebuilds the same plan.
import { usageManifestBlock } from "../../core/usage/usage-manifest-block.js";
import { writeRunReport } from "../report/write-run-report.js";
import { writeTidyOutputs } from "../tidy/write-tidy-outputs.js";
import { join } from "node:path";
import type { ModelClient } from "../../core/model/model-client.js";
import type { KeyedTask, RunKeyedTasksOptions } from "../../core/run/run-keyed-tasks.js";
import type { RunStore } from "../../core/store/run-store.js";
import type { JsonRecord } from "../../core/store/scan-jsonl.js";
import { writeJsonAtomic } from "../../core/store/write-json-atomic.js";
import { readPersonas } from "../../persona-engine/engine/run-persona-generation.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { personasPhase, type PersonaScenarioOptions } from "../personas-phase.js";
import { runPhaseTasks } from "../run-phase-tasks.js";
import type { FinalizeResult, PhaseContext, Scenario, ScenarioPhase } from "../scenario.js";
import { reverseHalf } from "../survey/reverse-half.js";
import { discussionMetrics, type DiscussionMetrics } from "./discussion-metrics.js";
import type { DiscussionSpec } from "./discussion-spec.js";
import { MEASURES_FILE, MeasureRecordSchema, type MeasurePhase, type MeasureRecord } from "./measure-record.js";
import { measureTasks, type MeasuredItem } from "./measure-tasks.js";
import { personaAgents } from "./persona-agents.js";
import { planDiscussion, type DiscussionPlan } from "./plan-discussion.js";
import { TURNS_FILE, TurnRecordSchema, type TurnRecord } from "./turn-record.js";
import { turnTasks } from "./turn-tasks.js";

export interface DiscussionScenarioOptions extends PersonaScenarioOptions {
  spec: DiscussionSpec;
  items: readonly MeasuredItem[];
  /** every turn and answer (records name `client.spec`) */
  client: ModelClient;
  /** turns and answers come from the offline model: label outputs as synthetic */
  synthetic: boolean;
  onTurn?(turn: TurnRecord): void;
  onMeasure?(row: MeasureRecord): void;
}

export interface DiscussionOutputs {
  metrics: DiscussionMetrics;
  turns: number;
  measures: number;
  files: { turns: string; measures: string; metrics: string; report: string };
}

export const DISCUSSION_METRICS_FILE = "metrics.json";
export const DISCUSSION_REPORT_FILE = "report.md";

export function discussionScenario(options: DiscussionScenarioOptions): Scenario & { outputs(): DiscussionOutputs | undefined } {
  const { spec } = options;
  let outputs: DiscussionOutputs | undefined;
  let cached: { personas: Persona[]; plan: DiscussionPlan } | undefined;
  const design = async (store: RunStore) => {
    if (!cached) {
      const personas = await readPersonas(store);
      cached = { personas, plan: planDiscussion(personas, spec) };
    }
    return cached;
  };
  const agentFor = personaAgents({
    client: options.client,
    profileTokens: spec.profileTokens,
    allowRefusal: spec.allowRefusal,
  });
  const run = <R extends JsonRecord>(ctx: PhaseContext, file: string, tasks: KeyedTask<R>[], eventFor: RunKeyedTasksOptions<R>["eventFor"]) =>
    runPhaseTasks<R>(ctx, { file, concurrency: options.concurrency, tasks, eventFor });
  const measures = (phase: MeasurePhase): ScenarioPhase => ({
    name: phase,
    run: async (ctx) => {
      const { personas, plan } = await design(ctx.store);
      const turns = phase === "post" ? await ctx.store.read(TURNS_FILE, TurnRecordSchema) : [];
      const tasks = measureTasks({
        phase,
        spec,
        runId: options.runId,
        plan,
        personas,
        items: options.items,
        reversed: spec.reverseHalf ? reverseHalf(personas, spec.seed) : new Set<string>(),
        turns,
        agentFor,
        client: options.client,
        ...(options.prices ? { prices: options.prices } : {}),
      });
      return run(ctx, MEASURES_FILE, tasks, (key, record) => {
        options.onMeasure?.(record as unknown as MeasureRecord);
        return { type: "response", key, persona_id: record.persona_id, item_id: record.item, status: record.status, value: record.value, arm: record.arm, group: record.group, phase: record.phase };
      });
    },
  });

  return {
    name: "discussion",
    outputs: () => outputs,
    phases: [
      personasPhase({ ...options, seed: spec.seed }),
      measures("pre"),
      {
        name: "turns",
        run: async (ctx) => {
          const { personas, plan } = await design(ctx.store);
          const tasks = turnTasks({
            spec,
            runId: options.runId,
            plan,
            personas: new Map(personas.map((p) => [p.id, p])),
            done: await ctx.store.read(TURNS_FILE, TurnRecordSchema),
            agentFor,
            client: options.client,
            ...(options.prices ? { prices: options.prices } : {}),
          });
          return run(ctx, TURNS_FILE, tasks, (key, record) => {
            options.onTurn?.(record as unknown as TurnRecord);
            return { type: "task-done", file: TURNS_FILE, key, arm: record.arm, group: record.group, round: record.round, turn: record.turn, persona_id: record.persona_id };
          });
        },
      },
      measures("post"),
    ],
    async finalize(store: RunStore): Promise<FinalizeResult> {
      const { plan } = await design(store);
      const rows = await store.read(MEASURES_FILE, MeasureRecordSchema);
      const turns = await store.read(TURNS_FILE, TurnRecordSchema);
      const metrics = discussionMetrics({ runId: options.runId, spec, items: options.items, groups: plan.groups, rows, model: options.client.spec, synthetic: options.synthetic });
      const files = {
        turns: join(store.dir, TURNS_FILE),
        measures: join(store.dir, MEASURES_FILE),
        metrics: join(store.dir, DISCUSSION_METRICS_FILE),
        report: join(store.dir, DISCUSSION_REPORT_FILE),
      };
      await writeJsonAtomic(files.metrics, metrics);
      await writeTidyOutputs(store, "discuss");
      // report.md + report.html through the one builder `deeppersona report DIR` uses
      await writeRunReport(store.dir, { usage: usageManifestBlock(options.client.meter, store.manifest.usage) });
      outputs = { metrics, turns: turns.length, measures: rows.length, files };
      const invalid = rows.filter((r) => r.status === "invalid").length;
      if (rows.length === 0) return { status: "failed", reason: "no measures were recorded" };
      if (invalid / rows.length > 0.5) {
        const first = rows.find((r) => r.status === "invalid")?.reason ?? "";
        return { status: "failed", reason: `${invalid} of ${rows.length} answers were invalid (first: ${first}); the model may not support structured output` };
      }
      return {};
    },
  };
}
