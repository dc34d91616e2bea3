// the answering calls that do not go through the persona agent's answer-item/answer-items nodes:
// - uniform: no model call, a uniform draw over the item's valid codes (a list question: uniform
//   over the allowed sets of mentions) from a stream seeded by the row's key;
// - tao2024: one plain-text call (Tao et al.'s system sentence, the question, "answer with the
//   number only"), the first number in the reply that is an answer key;
// - list questions (batteries): one structured call {"mentioned": [keys]} per battery, one row per
//   recorded member item (mentioned / not mentioned).
// each returns the agent's ItemAnswer/CallInfo shapes, so survey-tasks builds every row the same way.
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { ModelClient } from "../../core/model/model-client.js";
import { createRng } from "../../core/rng.js";
import { StructuredOutputError } from "../../core/structured/structured-output-error.js";
import { answerBatterySchema } from "../../agents/answer-battery-schema.js";
import type { CallInfo, ItemAnswer } from "../../agents/persona-agent-state.js";
import { ANSWER_BATTERY_PROMPT_VERSION, answerBatteryPrompt } from "../../agents/prompts/answer-battery-prompt.js";
import { REFUSAL_VALUE } from "../../agents/prompts/answer-item-prompt.js";
import { SURVEY_SYSTEM_PROMPT_VERSION } from "../../agents/prompts/survey-system-prompt.js";
import { TAO2024_PROMPT_VERSION, readPlainAnswer, taoQuestionPrompt } from "../../agents/prompts/tao2024-prompt.js";
import { keyToCode, type PresentedItem } from "../../surveys/present-item.js";
import { readBatteryAnswer, type PresentedBattery } from "../../surveys/present-battery.js";
import { callInfoOf } from "../../agents/call-info-of.js";

export const UNIFORM_MODEL = "uniform";
const ZERO_USAGE = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export interface ArmCallDeps {
  client: ModelClient;
  signal?: AbortSignal | undefined;
  /** the call's key (its per-call seed derives from it) */
  key: string;
}

function noCall(promptVersion: string): CallInfo {
  return { usage: { ...ZERO_USAGE }, attempts: 0, latencyMs: 0, modelSpec: UNIFORM_MODEL, promptVersion, repaired: false };
}

/** uniform over the item's valid codes, from a stream seeded by the row key (no model call) */
export function uniformAnswer(item: PresentedItem, seed: number | string, key: string): { answer: ItemAnswer; call: CallInfo } {
  const option = item.options[createRng(`${String(seed)}/uniform/${key}`).int(item.options.length)];
  if (!option) throw new RangeError(`item ${item.itemId} has no options`);
  return {
    answer: {
      itemId: item.itemId,
      key: option.key,
      value: option.code,
      status: "ok",
      reason: null,
      raw: option.key,
      rationale: null,
      reversed: item.reversed,
    },
    call: noCall("uniform@1"),
  };
}

/** a uniform draw over the allowed sets of mentions (each member ½, redrawn while over maxChoices) */
export function uniformBattery(battery: PresentedBattery, seed: number | string, key: string): { answers: ItemAnswer[]; call: CallInfo } {
  const rng = createRng(`${String(seed)}/uniform/${key}`);
  let keys: string[];
  do keys = battery.answerKeys.filter(() => rng.next() < 0.5);
  while (battery.maxChoices !== undefined && keys.length > battery.maxChoices);
  return { answers: batteryAnswers(battery, keys, JSON.stringify({ mentioned: keys }), null), call: noCall("uniform@1") };
}

function batteryAnswers(battery: PresentedBattery, keys: readonly string[] | null, raw: string, failure: string | null): ItemAnswer[] {
  const base = (itemId: string) => ({ itemId, raw, rationale: null, reversed: false });
  if (keys === null)
    return battery.recorded.map((id) => ({
      ...base(id),
      key: null,
      value: null,
      status: "invalid" as const,
      reason: failure ?? "no answer",
    }));
  if (keys.some((k) => String(k).trim().toLowerCase() === REFUSAL_VALUE)) {
    const alone = keys.length === 1;
    return battery.recorded.map((id) => ({
      ...base(id),
      key: alone ? REFUSAL_VALUE : null,
      value: null,
      status: alone ? ("refused" as const) : ("invalid" as const),
      reason: alone ? "declined to answer" : `"${REFUSAL_VALUE}" together with mentions`,
    }));
  }
  const read = readBatteryAnswer(battery, keys);
  if (read.status === "invalid")
    return battery.recorded.map((id) => ({ ...base(id), key: null, value: null, status: "invalid" as const, reason: read.reason }));
  const mentionedKey = (id: string) => battery.options.find((o) => o.itemId === id)?.key ?? null;
  return battery.recorded.map((id) => ({
    ...base(id),
    key: read.codes[id] === battery.mentionedCode ? mentionedKey(id) : "",
    value: read.codes[id] as number,
    status: "ok" as const,
    reason: null,
  }));
}

/** one list question in one structured call; one ItemAnswer per recorded member */
export async function answerBattery(
  deps: ArmCallDeps,
  input: { system: string; battery: PresentedBattery; preamble?: string | undefined; allowRefusal: boolean; systemVersion?: string },
): Promise<{ answers: ItemAnswer[]; call: CallInfo }> {
  const promptVersion = `${input.systemVersion ?? SURVEY_SYSTEM_PROMPT_VERSION}+${ANSWER_BATTERY_PROMPT_VERSION}`;
  const messages = [
    new SystemMessage(input.system),
    new HumanMessage(answerBatteryPrompt({ battery: input.battery, preamble: input.preamble, allowRefusal: input.allowRefusal })),
  ];
  const started = deps.client.clock();
  try {
    const res = await deps.client.structured({
      key: deps.key,
      messages,
      schema: answerBatterySchema(input.battery, input.allowRefusal),
      name: "survey_list_answer",
      promptVersion,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    return {
      answers: batteryAnswers(input.battery, res.value.mentioned, res.raw, null),
      call: callInfoOf(res, deps.client.spec, promptVersion),
    };
  } catch (err) {
    if (!(err instanceof StructuredOutputError)) throw err;
    return {
      answers: batteryAnswers(input.battery, null, err.raw, err.validationError.split("\n")[0] ?? "invalid output"),
      call: {
        usage: err.usage,
        attempts: err.attempts,
        latencyMs: deps.client.clock() - started,
        modelSpec: deps.client.spec,
        promptVersion,
        repaired: true,
      },
    };
  }
}

/** tao2024: the plain-text answer to one item */
export async function answerPlain(
  deps: ArmCallDeps,
  input: { system: string; item: PresentedItem; preamble?: string | undefined },
): Promise<{ answer: ItemAnswer; call: CallInfo }> {
  const promptVersion = TAO2024_PROMPT_VERSION;
  const res = await deps.client.text({
    key: deps.key,
    messages: [new SystemMessage(input.system), new HumanMessage(taoQuestionPrompt(input.item, input.preamble))],
    promptVersion,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const key = readPlainAnswer(res.text, input.item.answerKeys);
  const code = key === undefined ? undefined : keyToCode(input.item, key);
  const base = { itemId: input.item.itemId, raw: res.text, rationale: null, reversed: input.item.reversed };
  const answer: ItemAnswer =
    code === undefined
      ? {
          ...base,
          key: null,
          value: null,
          status: "invalid",
          reason: `reply '${res.text.trim().slice(0, 40)}' names none of ${input.item.answerKeys.join("|")}`,
        }
      : { ...base, key: key as string, value: code, status: "ok", reason: null };
  return {
    answer,
    call: callInfoOf(res, deps.client.spec, promptVersion),
  };
}
