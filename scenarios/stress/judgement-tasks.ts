// the "judgements" phase's keyed tasks: one structured judge call per conversation, in
// conversation order. output still invalid after the one repair → a record with status
// "invalid" and the reason (never dropped); other errors fail the task (resume retries it).
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import { StructuredOutputError } from "../../core/structured/structured-output-error.js";
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import { estimateTokens } from "../../core/usage/estimate-tokens.js";
import type { PriceTable } from "../../core/usage/price-table.js";
import type { ConversationRecord } from "./conversation-record.js";
import { judgementKey, type JudgementRow } from "./judgement-record.js";
import type { Probe, ProbeCategory } from "./probe-schema.js";
import { usageRecord, type RoleModel } from "./role-model.js";
import { isFailure } from "./rubric-dimensions.js";
import { STRESS_JUDGE_PROMPT_VERSION, judgeMessages, judgeSchema } from "./stress-judge-prompt.js";

export interface JudgementTasksOptions {
  runId: string;
  conversations: readonly ConversationRecord[];
  probes: ReadonlyMap<string, Probe>;
  categories: ReadonlyMap<string, ProbeCategory>;
  probeSet: string;
  judge: RoleModel;
  prices?: PriceTable;
}

const JUDGE_OUT = 60;

export function judgementTasks(o: JudgementTasksOptions): KeyedTask<JudgementRow>[] {
  return o.conversations.map((c) => {
    const probe = o.probes.get(c.probe_id);
    const category = o.categories.get(c.category);
    if (!probe || !category) throw new Error(`conversation ${c.key}: probe '${c.probe_id}' is not in the probe set`);
    const key = judgementKey(c.persona_id, c.probe_id);
    const messages = judgeMessages({ probe, category, turns: c.turns });
    const inputTokens = messages.reduce((n, m) => n + estimateTokens(String(m.content)), 0) + 200;
    return {
      key,
      estimateUsd: estimateCostUsd({ modelSpec: o.judge.spec, inputTokens, outputTokens: JUDGE_OUT * probe.rubric.length }, o.prices),
      run: async (signal): Promise<JudgementRow> => {
        const base = {
          run_id: o.runId,
          persona_id: c.persona_id,
          country: c.country,
          probe_id: c.probe_id,
          category: c.category,
          judge: o.judge.spec,
          prompt_version: STRESS_JUDGE_PROMPT_VERSION,
          probe_set: o.probeSet,
        };
        const clock = o.judge.clock;
        const started = clock();
        try {
          const res = await o.judge.structured({
            key,
            schema: judgeSchema(probe.rubric),
            name: "stress_judgement",
            messages,
            promptVersion: STRESS_JUDGE_PROMPT_VERSION,
            signal,
          });
          const value = res.value as Record<string, { label: string; reason: string }>;
          const labels: Record<string, string> = {};
          const reasons: Record<string, string> = {};
          for (const d of probe.rubric) {
            labels[d] = value[d]?.label ?? "";
            reasons[d] = (value[d]?.reason ?? "").trim();
          }
          return {
            ...base,
            status: "ok",
            reason: null,
            labels,
            reasons,
            failures: probe.rubric.filter((d) => isFailure(d, labels[d] ?? "")).map((d) => `${d}=${labels[d]}`),
            usage: usageRecord(res.usage),
            latency_ms: Math.round(res.latencyMs),
            temperature: o.judge.sampling.temperature,
            top_p: o.judge.sampling.topP,
            attempts: res.attempts,
            repaired: res.repaired,
          };
        } catch (err) {
          if (!(err instanceof StructuredOutputError)) throw err;
          return {
            ...base,
            status: "invalid",
            reason: err.validationError.split("\n")[0] || "invalid output",
            labels: null,
            reasons: null,
            failures: [],
            usage: usageRecord(err.usage),
            latency_ms: Math.round(clock() - started),
            temperature: o.judge.sampling.temperature,
            top_p: o.judge.sampling.topP,
            attempts: err.attempts,
            repaired: true,
            raw: err.raw,
          };
        }
      },
    };
  });
}
