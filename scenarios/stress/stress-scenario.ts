// the alignment stress test, defined once for `stress` (roles: users = --model, --target, --judge):
//   prepare               — the selected probes and the personas, before anything is written;
//   phase "personas"      — generated per country or copied from a file (personas.jsonl);
//   phase "exchanges"     — per persona × probe × turn: the persona agent's message in character,
//                           then the target's reply (exchanges.jsonl; turns of a conversation in
//                           sequence, conversations concurrently — see exchange-tasks.ts);
//   phase "conversations" — each persona × probe conversation assembled (conversations.jsonl);
//   phase "judgements"    — one structured judge call per conversation (judgements.jsonl);
//   finalize              — metrics.json, report.md and report.html;
//   failure               — more than half the judgements invalid (runScenario's one policy).
import { usageManifestBlock } from "../../core/usage/usage-manifest-block.js";
import { writeRunReport } from "../report/write-run-report.js";
import { writeTidyOutputs } from "../tidy/write-tidy-outputs.js";
import { join } from "node:path";
import { runKeyedTasks } from "../../core/run/run-keyed-tasks.js";
import { readPersonas } from "../../persona-engine/engine/run-persona-generation.js";
import { SPEAK_PROMPT_VERSION } from "../../agents/prompts/speak-prompt.js";
import { SPEAK_SYSTEM_PROMPT_VERSION } from "../../agents/prompts/survey-system-prompt.js";
import { personasPhase } from "../personas-phase.js";
import { runPhaseTasks } from "../run-phase-tasks.js";
import { defineScenario, type ScenarioPlanBase, type ScenarioRun } from "../define-scenario.js";
import type { ScenarioPhase } from "../scenario.js";
import { selectPersonas } from "../select-personas.js";
import { loadProbeSet } from "./load-probes.js";
import { STRESS_OPTIONS, stressSpecFromFlags } from "./stress-flags.js";
import { stressSummaryTable } from "./stress-summary-table.js";
import { countryOrder } from "../survey/survey-scenario.js";
import { writeCompactJson } from "./compact-json.js";
import { CONVERSATIONS_FILE, conversationFromExchanges, conversationsTable, type ConversationRow } from "./conversation-record.js";
import { EXCHANGES_FILE, conversationKey, exchangeKey, exchangesTable, type ExchangeRecord } from "./exchange-record.js";
import { exchangeTaskConcurrency, exchangeTasks } from "./exchange-tasks.js";
import { JUDGEMENTS_FILE, judgementsTable } from "./judgement-record.js";
import { judgementTasks } from "./judgement-tasks.js";
import type { Probe, ProbeSet } from "./probe-schema.js";
import { STRESS_JUDGE_PROMPT_VERSION } from "./stress-judge-prompt.js";
import { stressMetrics, type StressMetrics } from "./stress-metrics.js";
import { StressSpecSchema, type StressSpec } from "./stress-spec.js";
import { STRESS_TARGET_PROMPT_VERSION } from "./stress-target-prompt.js";
import { STRESS_USER_PROMPT_VERSION } from "./stress-user-prompt.js";
import { textHash } from "./text-hash.js";

export interface StressPlan extends ScenarioPlanBase<StressSpec> {
  probeSet: ProbeSet;
  /** the selected probes, in probe-set order */
  probes: Probe[];
}

export interface StressOutputs {
  metrics: StressMetrics;
  files: { conversations: string; judgements: string; metrics: string; report: string };
}

export const STRESS_METRICS_FILE = "metrics.json";
export const STRESS_REPORT_FILE = "report.md";

export const STRESS_USER_PROMPT = `${SPEAK_SYSTEM_PROMPT_VERSION}+${SPEAK_PROMPT_VERSION}+${STRESS_USER_PROMPT_VERSION}`;

function stressPhases(plan: StressPlan, run: ScenarioRun): ScenarioPhase[] {
  const { spec } = plan;
  const roles = run.roles as { target: ScenarioRun["client"]; judge: ScenarioRun["client"] };
  const categories = new Map(plan.probeSet.categories.map((c) => [c.id, c]));
  const probes = new Map(plan.probes.map((p) => [p.id, p]));
  const common = { prices: run.prices };
  return [
    personasPhase({ ...run, seed: spec.seed }),
    {
      name: "exchanges",
      run: async (ctx) => {
        const personas = await readPersonas(ctx.store);
        const done = new Map((await exchangesTable.read(ctx.store)).map((r) => [r.key, r]));
        const tasks = exchangeTasks({
          spec,
          runId: run.runId,
          personas,
          probes: plan.probes,
          categories,
          done,
          users: run.client,
          target: roles.target,
          ...common,
        });
        return runPhaseTasks(ctx, {
          table: exchangesTable,
          concurrency: exchangeTaskConcurrency(run.concurrency, spec.turns),
          tasks,
          eventFor: (key, r) => ({
            type: "task-done",
            file: EXCHANGES_FILE,
            key,
            persona_id: r.persona_id,
            country: r.country,
            probe_id: r.probe_id,
            category: r.category,
            turn: r.turn,
          }),
        });
      },
    },
    {
      name: "conversations",
      run: async (ctx) => {
        const personas = await readPersonas(ctx.store);
        const exchanges = new Map((await exchangesTable.read(ctx.store)).map((r) => [r.key, r]));
        const probeSet = `${plan.probeSet.id}@${plan.probeSet.version}`;
        const tasks = personas.flatMap((p) =>
          plan.probes.map((probe) => ({
            key: conversationKey(p.id, probe.id),
            run: async (): Promise<ConversationRow> => {
              const turns: ExchangeRecord[] = [];
              for (let t = 1; t <= spec.turns; t++) {
                const e = exchanges.get(exchangeKey(p.id, probe.id, t));
                if (!e) throw new Error(`conversation ${conversationKey(p.id, probe.id)} lacks turn ${t}`);
                turns.push(e);
              }
              return conversationFromExchanges(turns, probeSet);
            },
          })),
        );
        return runKeyedTasks<ConversationRow>({
          store: ctx.store,
          file: CONVERSATIONS_FILE,
          ordered: true,
          concurrency: 1,
          signal: ctx.signal,
          finish: false,
          tasks,
        });
      },
    },
    {
      name: "judgements",
      run: async (ctx) => {
        const conversations = await conversationsTable.read(ctx.store);
        const tasks = judgementTasks({
          runId: run.runId,
          conversations,
          probes,
          categories,
          probeSet: spec.probeSet,
          judge: roles.judge,
          ...common,
        });
        return runPhaseTasks(ctx, {
          table: judgementsTable,
          concurrency: run.concurrency,
          tasks,
          eventFor: (key, r) => ({
            type: "task-done",
            file: JUDGEMENTS_FILE,
            key,
            persona_id: r.persona_id,
            country: r.country,
            probe_id: r.probe_id,
            category: r.category,
            status: r.status,
            failures: r.failures,
          }),
        });
      },
    },
  ];
}

export const stressScenario = defineScenario({
  name: "stress",
  command: "stress",
  spec: StressSpecSchema,
  flags: STRESS_OPTIONS,
  fromFlags: stressSpecFromFlags,
  mainRole: "users",
  roles: ["target", "judge"],
  prepare(spec, env): StressPlan {
    const probeSet = loadProbeSet();
    return {
      spec,
      probeSet,
      probes: probeSet.probes.filter((p) => spec.probes.includes(p.id)),
      selection: selectPersonas(env.cwd, spec, env.personas),
      dataVersions: { probes: spec.probeSet },
    };
  },
  phases: stressPhases,
  async finalize(plan, run, store): Promise<StressOutputs> {
    const { spec } = plan;
    const users = run.client;
    const { target, judge } = run.roles as { target: ScenarioRun["client"]; judge: ScenarioRun["client"] };
    const synthetic = { users: users.offline, target: target.offline, judge: judge.offline };
    const personas = await readPersonas(store);
    const conversations = await conversationsTable.read(store);
    const judgements = await judgementsTable.read(store);
    const metrics = stressMetrics({
      runId: run.runId,
      seed: spec.seed,
      bootstrap: spec.bootstrap,
      probes: plan.probes,
      categories: plan.probeSet.categories,
      personas,
      judgements,
      conversations: conversations.length,
      countryOrder: countryOrder(personas, spec.countries),
      header: {
        synthetic: { ...synthetic, any: synthetic.users || synthetic.target || synthetic.judge },
        models: { users: users.spec, target: target.spec, judge: judge.spec },
        target_system: { source: spec.targetSystem.source, chars: spec.targetSystem.text.length, hash: textHash(spec.targetSystem.text) },
        probe_set: spec.probeSet,
        turns: spec.turns,
        prompt_versions: { user: STRESS_USER_PROMPT, target: STRESS_TARGET_PROMPT_VERSION, judge: STRESS_JUDGE_PROMPT_VERSION },
      },
    });
    const files = {
      conversations: join(store.dir, CONVERSATIONS_FILE),
      judgements: join(store.dir, JUDGEMENTS_FILE),
      metrics: join(store.dir, STRESS_METRICS_FILE),
      report: join(store.dir, STRESS_REPORT_FILE),
    };
    await writeCompactJson(files.metrics, metrics);
    await writeTidyOutputs(store, "stress");
    // report.md + report.html through the one builder `deeppersona report DIR` uses
    await writeRunReport(store.dir, { usage: usageManifestBlock(users.meter, store.manifest.usage) });
    return { metrics, files };
  },
  failure: () => ({
    table: judgementsTable,
    noun: "judgements",
    none: "no conversation was judged",
    hint: "the judge model may not support structured output",
  }),
  modelsLabel: (run) => `models: users ${run.client.spec} · target ${run.roles.target?.spec} · judge ${run.roles.judge?.spec}`,
  summary: (outputs, usage) => {
    const m = outputs.metrics;
    const countries = Object.entries(m.segments.country ?? {})
      .map(([c, s]) => `${c} ${s.personas}`)
      .join(", ");
    return [
      `stress: complete — target ${m.models.target}; ${countries} personas; ${m.probes.length} probes × ${m.turns} turns; ${m.counts.conversations} conversations (${m.counts.judged_ok} judged, ${m.counts.judged_invalid} invalid)`,
      "",
      stressSummaryTable(m),
      "",
      usage,
      ...(m.synthetic.any
        ? ["note: the offline model played at least one role — this output is synthetic placeholder text, not a finding"]
        : []),
      `report:        ${outputs.files.report}`,
      `metrics:       ${outputs.files.metrics}`,
      `conversations: ${outputs.files.conversations}`,
      `judgements:    ${outputs.files.judgements}`,
    ];
  },
});
