// the responses phase's keyed tasks: one per arm × persona × sample × item, in that order (a
// persona's rows of all arms sit together, so a budget stop leaves comparable partial arms).
// isolated: each row is one agent call in a fresh thread; batched: the rows of one
// arm × persona × sample share one call (CallPool). each call is keyed (the row key; batched: the
// group key), so the model client gives it a request seed derived from that key: samples and
// identical baseline prompts are independent yet reproducible draws.
import type { PriceTable } from "../../core/usage/price-table.js";
import type { KeyedTask } from "../../core/run/run-keyed-tasks.js";
import type { ModelClient } from "../../core/model/model-client.js";
import { estimateCostUsd } from "../../core/usage/estimate-cost-usd.js";
import { estimateTokens } from "../../core/usage/estimate-tokens.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import type { Instrument, SurveyItem } from "../../surveys/instrument-schema.js";
import { presentItem, type PresentedItem } from "../../surveys/present-item.js";
import { createPersonaAgent } from "../../agents/create-persona-agent.js";
import type { CallInfo, ItemAnswer } from "../../agents/persona-agent-state.js";
import { answerItemPrompt } from "../../agents/prompts/answer-item-prompt.js";
import { answerItemsPrompt } from "../../agents/prompts/answer-items-prompt.js";
import { SURVEY_SYSTEM_PROMPT_VERSION, surveySystemPrompt } from "../../agents/prompts/survey-system-prompt.js";
import { armProfile, type ArmProfile } from "./arm-profile.js";
import { batteryArmTasks, itemArmTasks } from "./arm-tasks.js";
import { batteryOf, presentBattery } from "../../surveys/present-battery.js";
import { answerBatteryPrompt } from "../../agents/prompts/answer-battery-prompt.js";
import { taoQuestionPrompt } from "../../agents/prompts/tao2024-prompt.js";
import { CallPool } from "./call-pool.js";
import type { ResponseRecord } from "./response-record.js";
import { reverseHalf } from "./reverse-half.js";
import type { SurveyArm, SurveySpec } from "./survey-spec.js";

export type ResponseRow = Omit<ResponseRecord, "key">;

export interface SurveyTasksOptions {
  spec: SurveySpec;
  runId: string;
  instrument: Instrument;
  items: readonly SurveyItem[];
  personas: readonly Persona[];
  client: ModelClient;
  /** model requests in flight (the client's limiter); sets the task window */
  concurrency: number;
  prices?: PriceTable;
}

export interface SurveyTasks {
  tasks: KeyedTask<ResponseRow>[];
  /** the task window to hand to runKeyedTasks (batched: request slots × rows per call) */
  taskConcurrency: number;
  reversed: ReadonlySet<string>;
}

/** "<arm>/<persona id>/<item>/<sample>" */
export function responseKey(arm: SurveyArm, personaId: string, item: string, sample: number): string {
  return `${arm}/${personaId}/${item}/${sample}`;
}

/** the i-th of n integer shares of a call's tokens (the shares sum to the total) */
function share(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

export function surveyTasks(options: SurveyTasksOptions): SurveyTasks {
  const { spec, instrument, items, personas } = options;
  const reversed = spec.reverseHalf ? reverseHalf(personas, spec.seed) : new Set<string>();
  const pool = new CallPool<{ answers: ItemAnswer[]; call: CallInfo }>();
  const outputTokens = spec.answer === "logprob" ? 1 : 40;
  // tokens counted per part: no need to build the full prompt strings for every task
  const estimate = (inputTokens: number, out: number) =>
    estimateCostUsd({ modelSpec: options.client.spec, inputTokens, outputTokens: out }, options.prices);
  const agentFor = (profile: string) =>
    createPersonaAgent({
      profile,
      client: options.client,
      allowRefusal: spec.allowRefusal,
    }); // cheap (no graph): every survey call is one direct answer in a fresh context
  const row = (
    arm: SurveyArm,
    persona: Persona,
    sample: number,
    answer: ItemAnswer,
    call: CallInfo,
    part: [number, number],
    profile?: ArmProfile,
    battery?: string,
  ): ResponseRow => ({
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
    temperature: options.client.sampling.temperature,
    top_p: options.client.sampling.topP,
    prompt_version: call.promptVersion,
    reversed: answer.reversed,
    answer_key: answer.key,
    rationale: answer.rationale,
    mode: spec.mode,
    answer_method: spec.answer,
    attempts: part[0] === 0 ? call.attempts : 0,
    repaired: call.repaired,
    ...(call.cached ? { cached: true } : {}),
    ...(answer.probs ? { probs: answer.probs } : {}),
    ...(answer.validMass === undefined ? {} : { valid_mass: answer.validMass }),
    ...(profile ? { attributes_shown: profile.attributesShown, profile_tokens: profile.profileTokens } : {}),
    ...(profile?.variant === undefined ? {} : { tao_variant: profile.variant }),
    ...(battery ? { battery } : {}),
  });
  // list questions (batteries): their member items are asked once per battery, not one by one
  const batteries = instrument.batteries
    .filter((b) => b.members.some((m) => items.some((i) => i.id === m.item)))
    .map((b) =>
      presentBattery(
        b,
        items.map((i) => i.id),
      ),
    );
  const single = items.filter((i) => !batteryOf(instrument, i.id));

  const tasks: KeyedTask<ResponseRow>[] = [];
  for (const persona of personas) {
    const presented: PresentedItem[] = single.map((item) => presentItem(item, { reverse: reversed.has(persona.id) }));
    for (const arm of spec.arms) {
      const armProfiled = armProfile(arm, persona, { profileTokens: spec.profileTokens });
      const profile = armProfiled.text;
      const system = arm === "tao2024" ? profile : surveySystemPrompt(profile);
      const systemTokens = estimateTokens(system);
      for (let sample = 0; sample < spec.samples; sample++) {
        const armInput = {
          arm,
          personaId: persona.id,
          sample,
          items: presented,
          batteries,
          system,
          preamble: instrument.preamble,
          allowRefusal: spec.allowRefusal,
          runSeed: spec.seed,
          deps: { client: options.client },
          pool,
          key: (item: string) => responseKey(arm, persona.id, item, sample),
          estimate: {
            item: (item: PresentedItem) => estimate(systemTokens + estimateTokens(taoQuestionPrompt(item, instrument.preamble)), 4),
            battery: (b: (typeof batteries)[number]) =>
              estimate(
                systemTokens +
                  estimateTokens(answerBatteryPrompt({ battery: b, preamble: instrument.preamble, allowRefusal: spec.allowRefusal })),
                20,
              ),
          },
        };
        const armRow = (answer: ItemAnswer, call: CallInfo, part: [number, number], battery?: string) => {
          const r = row(arm, persona, sample, answer, call, part, armProfiled, battery);
          // the empty arm's system prompt is the survey instruction without a profile
          return arm === "empty"
            ? { ...r, prompt_version: r.prompt_version.replace(SURVEY_SYSTEM_PROMPT_VERSION, `${SURVEY_SYSTEM_PROMPT_VERSION}:empty`) }
            : r;
        };
        if (arm === "uniform" || arm === "tao2024") {
          // no persona agent: uniform draws (no call) or Tao et al.'s plain answers
          tasks.push(...itemArmTasks({ ...armInput, row: armRow }), ...batteryArmTasks({ ...armInput, row: armRow }));
          continue;
        }
        if (presented.length === 0) {
          tasks.push(...batteryArmTasks({ ...armInput, row: armRow }));
          continue;
        }
        if (spec.mode === "batched") {
          const group = `${arm}/${persona.id}/${sample}`;
          const groupEstimate = estimate(
            systemTokens +
              estimateTokens(answerItemsPrompt({ items: presented, preamble: instrument.preamble, allowRefusal: spec.allowRefusal })),
            8 * items.length,
          );
          const call = () =>
            agentFor(profile).answerItems(presented, { key: group, ...(instrument.preamble ? { preamble: instrument.preamble } : {}) });
          presented.forEach((item, i) => {
            tasks.push({
              key: responseKey(arm, persona.id, item.itemId, sample),
              estimateUsd: i === 0 ? groupEstimate : 0,
              run: async () => {
                const res = await pool.take(group, presented.length, call);
                return armRow(res.answers[i] as ItemAnswer, res.call, [i, presented.length]);
              },
            });
          });
        } else {
          for (const item of presented) {
            const key = responseKey(arm, persona.id, item.itemId, sample);
            tasks.push({
              key,
              estimateUsd: estimate(
                systemTokens + estimateTokens(answerItemPrompt({ item, preamble: instrument.preamble, allowRefusal: spec.allowRefusal })),
                outputTokens,
              ),
              run: async (signal) => {
                const res = await agentFor(profile).answerItem(item, {
                  key,
                  answer: spec.answer,
                  ...(spec.minValidMass === undefined ? {} : { minValidMass: spec.minValidMass }),
                  signal,
                  ...(instrument.preamble ? { preamble: instrument.preamble } : {}),
                });
                return armRow(res.answer, res.call, [0, 1]);
              },
            });
          }
        }
        tasks.push(...batteryArmTasks({ ...armInput, row: armRow }));
      }
    }
  }
  const taskConcurrency = spec.mode === "batched" ? options.concurrency * Math.max(1, items.length) : options.concurrency;
  return { tasks, taskConcurrency, reversed };
}
