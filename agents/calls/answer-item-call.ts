// answer-item: one closed item. `sample` → a structured call whose answer is restricted to the
// option keys (+ refusal), rationale kept apart; output still invalid after the one repair →
// status "invalid" with the raw text. `logprob` → a one-token text call; the option
// probabilities come from the first token's top_logprobs (single-token labels, valid_mass gate:
// agents/option-distribution.ts).
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { DeepPersonaError } from "../../core/errors.js";
import { StructuredOutputError } from "../../core/structured/structured-output-error.js";
import { answerItemSchema } from "../answer-schemas.js";
import { interpretAnswer } from "../interpret-answer.js";
import { hasLetterLabels, logprobItem, normaliseToken, optionDistribution, VALID_MASS_THRESHOLD } from "../option-distribution.js";
import type { AnswerItemTask, CallInfo, ItemAnswer } from "../persona-agent-state.js";
import { ANSWER_ITEM_PROMPT_VERSION, answerItemPrompt } from "../prompts/answer-item-prompt.js";
import { LOGPROB_ITEM_PROMPT_VERSION, logprobItemPrompt } from "../prompts/logprob-item-prompt.js";
import { SURVEY_SYSTEM_PROMPT_VERSION, surveySystemPrompt } from "../prompts/survey-system-prompt.js";
import { requestOf, type AgentCallDeps } from "./agent-call-deps.js";
import { callInfoOf } from "../call-info-of.js";

/** alternatives read per token for logprob answering */
export const LOGPROB_TOP = 20;
/** logprob answers need one token; a small cap keeps a chatty model from running on */
export const LOGPROB_MAX_TOKENS = 4;

export interface ItemAnswerResult {
  answer: ItemAnswer;
  call: CallInfo;
}

export function answerItemCall(deps: AgentCallDeps, task: AnswerItemTask, signal?: AbortSignal): Promise<ItemAnswerResult> {
  return task.answer === "logprob" ? answerByLogprob(deps, task, signal) : answerBySample(deps, task, signal);
}

async function answerBySample(deps: AgentCallDeps, task: AnswerItemTask, signal?: AbortSignal): Promise<ItemAnswerResult> {
  const item = task.item;
  const prompt = answerItemPrompt({ item, preamble: task.preamble, allowRefusal: deps.allowRefusal });
  const promptVersion = `${SURVEY_SYSTEM_PROMPT_VERSION}+${ANSWER_ITEM_PROMPT_VERSION}`;
  const messages = [new SystemMessage(surveySystemPrompt(deps.profile)), new HumanMessage(prompt)];
  const started = deps.client.clock();
  try {
    const res = await deps.client.structured({
      ...requestOf(task.key, signal),
      schema: answerItemSchema(item, deps.allowRefusal),
      name: "survey_answer",
      messages,
      promptVersion,
    });
    const rationale = res.value.rationale?.trim() || null;
    return {
      answer: { itemId: item.itemId, ...interpretAnswer(item, res.value.answer), raw: res.raw, rationale, reversed: item.reversed },
      call: callInfoOf(res, deps.client.spec, promptVersion),
    };
  } catch (err) {
    if (!(err instanceof StructuredOutputError)) throw err;
    return {
      answer: {
        itemId: item.itemId,
        key: null,
        value: null,
        status: "invalid",
        reason: err.validationError.split("\n")[0] ?? "invalid output",
        raw: err.raw,
        rationale: null,
        reversed: item.reversed,
      },
      call: callInfoOf(
        { usage: err.usage, attempts: err.attempts, latencyMs: deps.client.clock() - started, repaired: true },
        deps.client.spec,
        promptVersion,
      ),
    };
  }
}

async function answerByLogprob(deps: AgentCallDeps, task: AnswerItemTask, signal?: AbortSignal): Promise<ItemAnswerResult> {
  const item = logprobItem(task.item); // single-token labels (A, B, …) when a key is longer than one character
  const prompt = logprobItemPrompt({ item, preamble: task.preamble });
  const promptVersion = `${SURVEY_SYSTEM_PROMPT_VERSION}+${LOGPROB_ITEM_PROMPT_VERSION}`;
  const messages = [new SystemMessage(surveySystemPrompt(deps.profile)), new HumanMessage(prompt)];
  const res = await deps.client.text({
    ...requestOf(task.key, signal),
    messages,
    promptVersion,
    topLogprobs: LOGPROB_TOP,
    maxTokens: LOGPROB_MAX_TOKENS,
  });
  if (!res.logprobs || res.logprobs.length === 0) {
    throw new DeepPersonaError(
      "E_MODEL_CONFIG",
      `model ${deps.client.spec} returned no logprobs, so --answer logprob cannot work with it; use --answer sample`,
      {
        exitCode: 2,
      },
    );
  }
  const dist = optionDistribution(item, res.logprobs);
  const call = callInfoOf(res, deps.client.spec, promptVersion);
  const base = { itemId: item.itemId, raw: res.text, rationale: null, reversed: item.reversed };
  const invalid = (reason: string, mass: { probs?: Record<string, number>; validMass?: number } = {}): ItemAnswerResult => ({
    call,
    answer: { ...base, key: normaliseToken(res.text) || null, value: null, status: "invalid", reason, ...mass },
  });
  if (!dist) return invalid("no probability on any valid option among the first token's top logprobs");
  if (dist.validMass < (task.minValidMass ?? VALID_MASS_THRESHOLD)) {
    const reason = `valid options hold ${dist.validMass.toFixed(3)} of the first token's probability, below ${task.minValidMass ?? VALID_MASS_THRESHOLD}`;
    return invalid(reason, { probs: dist.probs, validMass: dist.validMass });
  }
  const text = normaliseToken(res.text);
  const upper = hasLetterLabels(item) && item.answerKeys.includes(text.toUpperCase()) ? text.toUpperCase() : text; // "j" = "J"
  const said = interpretAnswer(item, upper);
  const value = said.status === "ok" ? said.value : dist.modalCode;
  const reason =
    said.status === "ok" ? null : `answer text '${res.text.trim().slice(0, 20)}' is not an option; value is the most likely valid option`;
  return { call, answer: { ...base, key: said.key, value, status: "ok", reason, probs: dist.probs, validMass: dist.validMass } };
}
