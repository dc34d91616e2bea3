// the alignment stress test as a Scenario for runScenario:
//   phase "personas"      — generated per country or copied from a file (personas.jsonl);
//   phase "exchanges"     — per persona × probe × turn: the persona agent's message in character,
//                           then the target's reply (exchanges.jsonl; turns of a conversation in
//                           sequence, conversations concurrently — see exchange-tasks.ts);
//   phase "conversations" — each persona × probe conversation assembled (conversations.jsonl);
//   phase "judgements"    — one structured judge call per conversation (judgements.jsonl);
//   finalize              — metrics.json, report.md and report.html.
import { usageManifestBlock } from "../../core/usage/usage-manifest-block.js";
import { writeRunReport } from "../report/write-run-report.js";
import { writeTidyOutputs } from "../tidy/write-tidy-outputs.js";
import { join } from "node:path";
import { runKeyedTasks } from "../../core/run/run-keyed-tasks.js";
import type { RunStore } from "../../core/store/run-store.js";
import { readPersonas } from "../../persona-engine/engine/run-persona-generation.js";
import { SPEAK_PROMPT_VERSION } from "../../agents/prompts/speak-prompt.js";
import { SPEAK_SYSTEM_PROMPT_VERSION } from "../../agents/prompts/survey-system-prompt.js";
import { personasPhase, type PersonaScenarioOptions } from "../personas-phase.js";
import { runPhaseTasks } from "../run-phase-tasks.js";
import type { FinalizeResult, Scenario } from "../scenario.js";
import { countryOrder } from "../survey/survey-scenario.js";
import { writeCompactJson } from "./compact-json.js";
import { CONVERSATIONS_FILE, ConversationRecordSchema, conversationFromExchanges, type ConversationRow } from "./conversation-record.js";
import { EXCHANGES_FILE, ExchangeRecordSchema, conversationKey, exchangeKey, type ExchangeRecord, type ExchangeRow } from "./exchange-record.js";
import { exchangeTaskConcurrency, exchangeTasks } from "./exchange-tasks.js";
import { JUDGEMENTS_FILE, JudgementRecordSchema, type JudgementRow } from "./judgement-record.js";
import { judgementTasks } from "./judgement-tasks.js";
import type { Probe, ProbeSet } from "./probe-schema.js";
import type { RoleModel } from "./role-model.js";
import { STRESS_JUDGE_PROMPT_VERSION } from "./stress-judge-prompt.js";
import { stressMetrics, type StressMetrics } from "./stress-metrics.js";
import type { StressSpec } from "./stress-spec.js";
import { STRESS_TARGET_PROMPT_VERSION } from "./stress-target-prompt.js";
import { STRESS_USER_PROMPT_VERSION } from "./stress-user-prompt.js";
import { textHash } from "./text-hash.js";

export interface StressScenarioOptions extends PersonaScenarioOptions {
  spec: StressSpec;
  probeSet: ProbeSet;
  /** the selected probes, in probe-set order */
  probes: readonly Probe[];
  users: RoleModel;
  target: RoleModel;
  judge: RoleModel;
  /** which roles the offline model plays (outputs are labelled synthetic) */
  synthetic: { users: boolean; target: boolean; judge: boolean };
  onExchange?(row: ExchangeRow): void;
  onJudgement?(row: JudgementRow): void;
}

export interface StressOutputs {
  metrics: StressMetrics;
  files: { conversations: string; judgements: string; metrics: string; report: string };
}

export const STRESS_METRICS_FILE = "metrics.json";
export const STRESS_REPORT_FILE = "report.md";

export const STRESS_USER_PROMPT = `${SPEAK_SYSTEM_PROMPT_VERSION}+${SPEAK_PROMPT_VERSION}+${STRESS_USER_PROMPT_VERSION}`;

export function stressScenario(o: StressScenarioOptions): Scenario & { outputs(): StressOutputs | undefined } {
  const { spec } = o;
  let outputs: StressOutputs | undefined;
  const categories = new Map(o.probeSet.categories.map((c) => [c.id, c]));
  const probes = new Map(o.probes.map((p) => [p.id, p]));
  const common = o.prices ? { prices: o.prices } : {};
  return {
    name: "stress",
    outputs: () => outputs,
    phases: [
      personasPhase({ ...o, seed: spec.seed }),
      {
        name: "exchanges",
        run: async (ctx) => {
          const personas = await readPersonas(ctx.store);
          const done = new Map((await ctx.store.read(EXCHANGES_FILE, ExchangeRecordSchema)).map((r) => [r.key, r]));
          const tasks = exchangeTasks({ spec, runId: o.runId, personas, probes: o.probes, categories, done, users: o.users, target: o.target, ...common });
          return runPhaseTasks<ExchangeRow>(ctx, {
            file: EXCHANGES_FILE,
            concurrency: exchangeTaskConcurrency(o.concurrency, spec.turns),
            tasks,
            eventFor: (key, r) => {
              o.onExchange?.(r);
              return { type: "task-done", file: EXCHANGES_FILE, key, persona_id: r.persona_id, country: r.country, probe_id: r.probe_id, category: r.category, turn: r.turn };
            },
          });
        },
      },
      {
        name: "conversations",
        run: async (ctx) => {
          const personas = await readPersonas(ctx.store);
          const exchanges = new Map((await ctx.store.read(EXCHANGES_FILE, ExchangeRecordSchema)).map((r) => [r.key, r]));
          const probeSet = `${o.probeSet.id}@${o.probeSet.version}`;
          const tasks = personas.flatMap((p) =>
            o.probes.map((probe) => ({
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
          return runKeyedTasks<ConversationRow>({ store: ctx.store, file: CONVERSATIONS_FILE, ordered: true, concurrency: 1, signal: ctx.signal, finish: false, tasks });
        },
      },
      {
        name: "judgements",
        run: async (ctx) => {
          const conversations = await ctx.store.read(CONVERSATIONS_FILE, ConversationRecordSchema);
          const tasks = judgementTasks({ runId: o.runId, conversations, probes, categories, probeSet: spec.probeSet, judge: o.judge, ...common });
          return runPhaseTasks<JudgementRow>(ctx, {
            file: JUDGEMENTS_FILE,
            concurrency: o.concurrency,
            tasks,
            eventFor: (key, r) => {
              o.onJudgement?.(r);
              return { type: "task-done", file: JUDGEMENTS_FILE, key, persona_id: r.persona_id, country: r.country, probe_id: r.probe_id, category: r.category, status: r.status, failures: r.failures };
            },
          });
        },
      },
    ],
    async finalize(store: RunStore): Promise<FinalizeResult> {
      const personas = await readPersonas(store);
      const conversations = await store.read(CONVERSATIONS_FILE, ConversationRecordSchema);
      const judgements = await store.read(JUDGEMENTS_FILE, JudgementRecordSchema);
      const metrics = stressMetrics({
        runId: o.runId,
        seed: spec.seed,
        bootstrap: spec.bootstrap,
        probes: o.probes,
        categories: o.probeSet.categories,
        personas,
        judgements,
        conversations: conversations.length,
        countryOrder: countryOrder(personas, spec.countries),
        header: {
          synthetic: { ...o.synthetic, any: o.synthetic.users || o.synthetic.target || o.synthetic.judge },
          models: { users: o.users.spec, target: o.target.spec, judge: o.judge.spec },
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
      await writeRunReport(store.dir, { usage: usageManifestBlock(o.users.meter, store.manifest.usage) });
      outputs = { metrics, files };
      if (judgements.length === 0) return { status: "failed", reason: "no conversation was judged" };
      const invalid = judgements.filter((j) => j.status === "invalid");
      if (invalid.length / judgements.length > 0.5) {
        return { status: "failed", reason: `${invalid.length} of ${judgements.length} judgements were invalid (first: ${invalid[0]?.reason ?? ""}); the judge model may not support structured output` };
      }
      return {};
    },
  };
}
