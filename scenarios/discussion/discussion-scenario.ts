// the discussion experiment, defined once for `discuss` and runDiscussion:
//   prepare          — the outcome items, the personas, and the design check (≥ 2 personas a
//                      country, a group per arm) before anything is written;
//   phase "personas" — generated per country or copied from a file (personasPhase);
//   phase "pre"      — every persona answers the outcome items alone (measures.jsonl, phase pre);
//   phase "turns"    — every group discusses the topic for N rounds, one `speak` call per turn
//                      (turns.jsonl; groups concurrently, a group's turns in order: turnTasks);
//   phase "post"     — every persona answers the items again, alone, after its discussion;
//   finalize         — metrics.json (clustered bootstrap by group), report.md and report.html;
//   failure          — more than half the measures invalid (runScenario's one policy).
// the design (groups, arms, speaking orders) is planDiscussion of personas.jsonl: a pure function,
// so every phase and every resumed session rebuilds the same plan.
import { usageManifestBlock } from "../../core/usage/usage-manifest-block.js";
import { writeRunReport } from "../report/write-run-report.js";
import { UsageError } from "../../core/errors.js";
import { writeTidyOutputs } from "../tidy/write-tidy-outputs.js";
import { join } from "node:path";
import type { RunStore } from "../../core/store/run-store.js";
import { writeJsonAtomic } from "../../core/store/write-json-atomic.js";
import { readPersonas } from "../../persona-engine/engine/run-persona-generation.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { defineScenario, type ScenarioPlanBase, type ScenarioRun } from "../define-scenario.js";
import { personasPhase } from "../personas-phase.js";
import { runPhaseTasks } from "../run-phase-tasks.js";
import type { ScenarioPhase } from "../scenario.js";
import { selectPersonas } from "../select-personas.js";
import { reverseHalf } from "../survey/reverse-half.js";
import { discussionMetrics, type DiscussionMetrics } from "./discussion-metrics.js";
import { DISCUSSION_OPTIONS, discussionSpecFromFlags } from "./discussion-flags.js";
import { DiscussionSpecSchema, type DiscussionSpec } from "./discussion-spec.js";
import { discussionSummaryTable } from "./discussion-summary-table.js";
import { MEASURES_FILE, measuresTable, type MeasurePhase } from "./measure-record.js";
import { measureTasks, type MeasuredItem } from "./measure-tasks.js";
import { personaAgents } from "./persona-agents.js";
import { planDiscussion, type DiscussionPlan } from "./plan-discussion.js";
import { resolveMeasuredItems } from "./resolve-measured-items.js";
import { TURNS_FILE, turnsTable } from "./turn-record.js";
import { turnTasks } from "./turn-tasks.js";
import { withSpecFields } from "../run-settings-spec.js";

export interface DiscussionScenarioPlan extends ScenarioPlanBase<DiscussionSpec> {
  items: MeasuredItem[];
}

export interface DiscussionOutputs {
  metrics: DiscussionMetrics;
  turns: number;
  measures: number;
  files: { turns: string; measures: string; metrics: string; report: string };
}

export const DISCUSSION_METRICS_FILE = "metrics.json";
export const DISCUSSION_REPORT_FILE = "report.md";

// the design of a run's personas, made once per plan (every phase and finalize read it)
const designs = new WeakMap<DiscussionScenarioPlan, Promise<{ personas: Persona[]; plan: DiscussionPlan }>>();
function designOf(plan: DiscussionScenarioPlan, store: RunStore): Promise<{ personas: Persona[]; plan: DiscussionPlan }> {
  let design = designs.get(plan);
  if (!design) {
    design = readPersonas(store).then((personas) => ({ personas, plan: planDiscussion(personas, plan.spec) }));
    designs.set(plan, design);
  }
  return design;
}

function discussionPhases(plan: DiscussionScenarioPlan, run: ScenarioRun): ScenarioPhase[] {
  const { spec } = plan;
  const agentFor = personaAgents({ client: run.client, profileTokens: spec.profileTokens, allowRefusal: spec.allowRefusal });
  const measures = (phase: MeasurePhase): ScenarioPhase => ({
    name: phase,
    run: async (ctx) => {
      const { personas, plan: design } = await designOf(plan, ctx.store);
      const turns = phase === "post" ? await turnsTable.read(ctx.store) : [];
      const tasks = measureTasks({
        phase,
        spec,
        runId: run.runId,
        plan: design,
        personas,
        items: plan.items,
        reversed: spec.reverseHalf ? reverseHalf(personas, spec.seed) : new Set<string>(),
        turns,
        agentFor,
        client: run.client,
        prices: run.prices,
      });
      return runPhaseTasks(ctx, {
        table: measuresTable,
        concurrency: run.concurrency,
        tasks,
        eventFor: (key, record) => ({
          type: "response",
          key,
          persona_id: record.persona_id,
          item_id: record.item,
          status: record.status,
          value: record.value,
          arm: record.arm,
          group: record.group,
          phase: record.phase,
        }),
      });
    },
  });
  return [
    personasPhase({ ...run, seed: spec.seed }),
    measures("pre"),
    {
      name: "turns",
      run: async (ctx) => {
        const { personas, plan: design } = await designOf(plan, ctx.store);
        const tasks = turnTasks({
          spec,
          runId: run.runId,
          plan: design,
          personas: new Map(personas.map((p) => [p.id, p])),
          done: await turnsTable.read(ctx.store),
          agentFor,
          client: run.client,
          prices: run.prices,
        });
        return runPhaseTasks(ctx, {
          table: turnsTable,
          concurrency: run.concurrency,
          tasks,
          eventFor: (key, record) => ({
            type: "task-done",
            file: TURNS_FILE,
            key,
            arm: record.arm,
            group: record.group,
            round: record.round,
            turn: record.turn,
            persona_id: record.persona_id,
            // the live transcript tail of the dashboard (sanitised where it is drawn); the whole
            // text stays in turns.jsonl
            text: record.text.length > TAIL_TEXT_CHARS ? `${record.text.slice(0, TAIL_TEXT_CHARS - 1)}…` : record.text,
          }),
        });
      },
    },
    measures("post"),
  ];
}

/** the start of a turn that its event carries (the live dashboard shows the last turns) */
const TAIL_TEXT_CHARS = 240;

export const discussionScenario = defineScenario({
  name: "discussion",
  command: "discuss",
  spec: DiscussionSpecSchema,
  flags: DISCUSSION_OPTIONS,
  fromFlags: discussionSpecFromFlags,
  prepare(spec, env): DiscussionScenarioPlan {
    if (spec.arms.includes("treatment") && !spec.treatment)
      throw new UsageError('the treatment arm needs `treatment` (the moderator message it receives), or pass spec.arms ["control"]');
    if (spec.measure.length === 0 && !spec.stance)
      throw new UsageError("pass the outcome to measure: `measure` (WVS item ids) and/or `stance` (a 1–10 question)");
    const items = resolveMeasuredItems(spec.measure, spec.stance);
    const selection = selectPersonas(env.cwd, spec, env.personas);
    // the design must work (≥ 2 personas a country, a group per arm) before anything is written
    planDiscussion(selection.personas ?? selection.plans.map((p) => ({ id: p.id, country: p.record.country })), spec);
    return {
      spec: withSpecFields(spec, { measure: items.filter((i) => i.instrument !== "custom").map((i) => i.item.id) }),
      items,
      selection,
      dataVersions: { items: items.map((i) => `${i.instrument}:${i.item.id}`).join(",") },
    };
  },
  phases: discussionPhases,
  async finalize(plan, run, store): Promise<DiscussionOutputs> {
    const { spec } = plan;
    const { plan: design } = await designOf(plan, store);
    const rows = await measuresTable.read(store);
    const turns = await turnsTable.read(store);
    const metrics = discussionMetrics({
      runId: run.runId,
      spec,
      items: plan.items,
      groups: design.groups,
      rows,
      model: run.client.spec,
      synthetic: run.client.offline,
    });
    const files = {
      turns: join(store.dir, TURNS_FILE),
      measures: join(store.dir, MEASURES_FILE),
      metrics: join(store.dir, DISCUSSION_METRICS_FILE),
      report: join(store.dir, DISCUSSION_REPORT_FILE),
    };
    await writeJsonAtomic(files.metrics, metrics);
    await writeTidyOutputs(store, "discuss");
    // report.md + report.html through the one builder `deeppersona report DIR` uses
    await writeRunReport(store.dir, { usage: usageManifestBlock(run.client.meter, store.manifest.usage) });
    return { metrics, turns: turns.length, measures: rows.length, files };
  },
  failure: () => ({
    table: measuresTable,
    noun: "answers",
    none: "no measures were recorded",
    hint: "the model may not support structured output",
  }),
  modelsLabel: (run) => `model: ${run.client.spec}`,
  summary: (outputs, usage) => {
    const m = outputs.metrics;
    return [
      `discuss: complete — ${m.arms.map((a) => `${a} ${m.design.groups[a] ?? 0} groups / ${m.design.personas[a] ?? 0} personas`).join(", ")}; ${outputs.turns} turns, ${outputs.measures} measures`,
      `topic: ${m.topic}`,
      "",
      discussionSummaryTable(m),
      "",
      ...m.warnings.map((w) => `note: ${w}`),
      usage,
      ...(m.synthetic ? ["note: offline model — every turn and answer is synthetic placeholder output, not a simulation result"] : []),
      `report:   ${outputs.files.report}`,
      `metrics:  ${outputs.files.metrics}`,
      `turns:    ${outputs.files.turns}`,
      `measures: ${outputs.files.measures}`,
    ];
  },
});
