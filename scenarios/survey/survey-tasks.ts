// the responses phase's keyed tasks: one per arm × persona × sample × item, in that order (a
// persona's rows of all arms sit together, so a budget stop leaves comparable partial arms).
// isolated: each row is one agent call in a fresh thread; batched: the rows of one
// arm × persona × sample share one call (CallPool). each call gets a request seed derived from
// its key, so samples and identical baseline prompts are independent yet reproducible draws.
import type { PriceTable } from "../../core/usage/price-table.js";
import { setMaxListeners } from "node:events";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import { hashString32 } from "../../core/rng.js";
import { retryOptions, type RetryKnobs } from "../../core/structured/retry-knobs.js";
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import { estimateTokens } from "../../core/usage/estimate-tokens.js";
import type { UsageMeter } from "../../core/usage/usage-meter.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { Instrument, SurveyItem } from "../../surveys/instrument-schema.js";
import { presentItem, type PresentedItem } from "../../surveys/present-item.js";
import { createPersonaAgent } from "../../agents/create-persona-agent.js";
import type { CallInfo, ItemAnswer } from "../../agents/persona-agent-state.js";
import { answerItemPrompt } from "../../agents/prompts/answer-item-prompt.js";
import { answerItemsPrompt } from "../../agents/prompts/answer-items-prompt.js";
import { surveySystemPrompt } from "../../agents/prompts/survey-system-prompt.js";
import { armProfile } from "./arm-profile.js";
import { CallPool } from "./call-pool.js";
import type { ResponseRecord } from "./response-record.js";
import { reverseHalf } from "./reverse-half.js";
import type { SurveyArm, SurveySpec } from "./survey-spec.js";

export type ResponseRow = Omit<ResponseRecord, "key">;

export interface SurveyTasksOptions extends RetryKnobs {
  spec: SurveySpec;
  runId: string;
  instrument: Instrument;
  items: readonly SurveyItem[];
  personas: readonly Persona[];
  model: BaseChatModel;
  modelSpec: string;
  /** model calls in flight */
  concurrency: number;
  meter?: UsageMeter;
  prices?: PriceTable;
}

export interface SurveyTasks {
  tasks: KeyedTask<ResponseRow>[];
  /** the concurrency to hand to runKeyedTasks (batched: calls × rows per call) */
  taskConcurrency: number;
  reversed: ReadonlySet<string>;
}

/** "<arm>/<persona id>/<item>/<sample>" */
export function responseKey(arm: SurveyArm, personaId: string, item: string, sample: number): string {
  return `${arm}/${personaId}/${item}/${sample}`;
}

/** the request seed of a call: a pure function of the run seed and the call's key */
export function callSeed(seed: number | string, key: string): number {
  return hashString32(`${String(seed)}/${key}`);
}

/** the i-th of n integer shares of a call's tokens (the shares sum to the total) */
function share(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

export function surveyTasks(options: SurveyTasksOptions): SurveyTasks {
  const { spec, instrument, items, personas } = options;
  const reversed = spec.reverseHalf ? reverseHalf(personas, spec.seed) : new Set<string>();
  const pool = new CallPool<{ answers: ItemAnswer[]; call: CallInfo }>(options.concurrency);
  const outputTokens = spec.answer === "logprob" ? 1 : 40;
  // tokens counted per part: no need to build the full prompt strings for every task
  const estimate = (inputTokens: number, out: number) => estimateCostUsd({ modelSpec: options.modelSpec, inputTokens, outputTokens: out }, options.prices);
  const agentFor = (profile: string) =>
    createPersonaAgent({
      profile,
      model: options.model,
      modelSpec: options.modelSpec,
      allowRefusal: spec.allowRefusal,
      // every survey call starts a fresh context and run-level resume comes from the run store,
      // so no LangGraph checkpoint is needed (saves serialising each call's messages)
      checkpointer: false,
      ...(options.meter ? { meter: options.meter } : {}),
      ...retryOptions(options),
    });
  const row = (arm: SurveyArm, persona: Persona, sample: number, answer: ItemAnswer, call: CallInfo, part: [number, number]): ResponseRow => ({
    run_id: options.runId,
    arm,
    persona_id: persona.id,
    country: persona.country,
    instrument: instrument.id,
    item: answer.itemId,
    sample,
    raw: answer.raw,
    value: answer.value,
    status: answer.status,
    reason: answer.reason,
    model: call.modelSpec,
    usage: {
      input_tokens: share(call.usage.inputTokens, part[1], part[0]),
      output_tokens: share(call.usage.outputTokens, part[1], part[0]),
      total_tokens: share(call.usage.totalTokens, part[1], part[0]),
    },
    latency_ms: Math.round(call.latencyMs),
    prompt_version: call.promptVersion,
    reversed: answer.reversed,
    answer_key: answer.key,
    rationale: answer.rationale,
    mode: spec.mode,
    answer_method: spec.answer,
    attempts: part[0] === 0 ? call.attempts : 0,
    repaired: call.repaired,
    ...(answer.probs ? { probs: answer.probs } : {}),
    ...(answer.validMass === undefined ? {} : { valid_mass: answer.validMass }),
  });

  const tasks: KeyedTask<ResponseRow>[] = [];
  for (const persona of personas) {
    const presented: PresentedItem[] = items.map((item) => presentItem(item, { reverse: reversed.has(persona.id) }));
    for (const arm of spec.arms) {
      const profile = armProfile(arm, persona, { profileTokens: spec.profileTokens });
      const systemTokens = estimateTokens(surveySystemPrompt(profile));
      for (let sample = 0; sample < spec.samples; sample++) {
        if (spec.mode === "batched") {
          const group = `${arm}/${persona.id}/${sample}`;
          const groupEstimate = estimate(systemTokens + estimateTokens(answerItemsPrompt({ items: presented, preamble: instrument.preamble, allowRefusal: spec.allowRefusal })), 8 * items.length);
          const call = () =>
            agentFor(profile).answerItems(presented, { threadId: group, seed: callSeed(spec.seed, group), ...(instrument.preamble ? { preamble: instrument.preamble } : {}) });
          presented.forEach((item, i) => {
            tasks.push({
              key: responseKey(arm, persona.id, item.itemId, sample),
              estimateUsd: i === 0 ? groupEstimate : 0,
              run: async () => {
                const res = await pool.take(group, presented.length, call);
                return row(arm, persona, sample, res.answers[i] as ItemAnswer, res.call, [i, presented.length]);
              },
            });
          });
        } else {
          for (const item of presented) {
            const key = responseKey(arm, persona.id, item.itemId, sample);
            tasks.push({
              key,
              estimateUsd: estimate(systemTokens + estimateTokens(answerItemPrompt({ item, preamble: instrument.preamble, allowRefusal: spec.allowRefusal })), outputTokens),
              run: async (signal) => {
                // the scheduler hands every task the same signal: one listener per call in flight
                setMaxListeners(0, signal);
                const res = await agentFor(profile).answerItem(item, {
                  threadId: key,
                  seed: callSeed(spec.seed, key),
                  answer: spec.answer,
                  ...(spec.minValidMass === undefined ? {} : { minValidMass: spec.minValidMass }),
                  signal,
                  ...(instrument.preamble ? { preamble: instrument.preamble } : {}),
                });
                return row(arm, persona, sample, res.answer, res.call, [0, 1]);
              },
            });
          }
        }
      }
    }
  }
  const taskConcurrency = spec.mode === "batched" ? options.concurrency * Math.max(1, items.length) : options.concurrency;
  return { tasks, taskConcurrency, reversed };
}
