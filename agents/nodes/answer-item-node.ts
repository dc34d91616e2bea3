// answer-item: one closed item. `sample` → a structured call whose answer is restricted to the
// option keys (+ refusal), rationale kept apart; output still invalid after the one repair →
// status "invalid" with the raw text. `logprob` → a one-token text call; the option
// probabilities come from the first token's top_logprobs (single-token labels, valid_mass gate:
// agents/option-distribution.ts).
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { DeepPersonaError } from "../../core/errors.js";
import { StructuredOutputError } from "../../core/structured/structured-output-error.js";
import { answerItemSchema } from "../answer-schemas.js";
import { interpretAnswer } from "../interpret-answer.js";
import { hasLetterLabels, logprobItem, normaliseToken, optionDistribution, VALID_MASS_THRESHOLD } from "../option-distribution.js";
import type { AgentResult, AnswerItemTask, PersonaAgentStateType, PersonaAgentUpdate } from "../persona-agent-state.js";
import { ANSWER_ITEM_PROMPT_VERSION, answerItemPrompt } from "../prompts/answer-item-prompt.js";
import { LOGPROB_ITEM_PROMPT_VERSION, logprobItemPrompt } from "../prompts/logprob-item-prompt.js";
import { SURVEY_SYSTEM_PROMPT_VERSION, surveySystemPrompt } from "../prompts/survey-system-prompt.js";
import { callOf, taskOf, type AgentNodeDeps } from "./agent-node-deps.js";

/** alternatives read per token for logprob answering */
export const LOGPROB_TOP = 20;
/** logprob answers need one token; a small cap keeps a chatty model from running on */
export const LOGPROB_MAX_TOKENS = 4;

export function answerItemNode(deps: AgentNodeDeps) {
  return async (state: PersonaAgentStateType, config?: RunnableConfig): Promise<PersonaAgentUpdate> => {
    const task = taskOf(state.task, "answer-item");
    return task.answer === "logprob" ? answerByLogprob(deps, state, task, config) : answerBySample(deps, state, task, config);
  };
}

async function answerBySample(deps: AgentNodeDeps, state: PersonaAgentStateType, task: AnswerItemTask, config?: RunnableConfig): Promise<PersonaAgentUpdate> {
  const item = task.item;
  const prompt = answerItemPrompt({ item, preamble: task.preamble, allowRefusal: deps.allowRefusal });
  const promptVersion = `${SURVEY_SYSTEM_PROMPT_VERSION}+${ANSWER_ITEM_PROMPT_VERSION}`;
  const messages = [new SystemMessage(surveySystemPrompt(deps.profile)), ...state.messages, new HumanMessage(prompt)];
  const started = deps.client.clock();
  let result: AgentResult;
  try {
    const res = await deps.client.structured({
      ...callOf(task, config),
      schema: answerItemSchema(item, deps.allowRefusal),
      name: "survey_answer",
      messages,
      promptVersion,
    });
    const rationale = res.value.rationale?.trim() || null;
    result = {
      kind: "answer-item",
      answer: { itemId: item.itemId, ...interpretAnswer(item, res.value.answer), raw: res.raw, rationale, reversed: item.reversed },
      call: { usage: res.usage, attempts: res.attempts, latencyMs: res.latencyMs, modelSpec: deps.client.spec, promptVersion, repaired: res.repaired, ...(res.cached ? { cached: true } : {}) },
    };
  } catch (err) {
    if (!(err instanceof StructuredOutputError)) throw err;
    result = {
      kind: "answer-item",
      answer: { itemId: item.itemId, key: null, value: null, status: "invalid", reason: err.validationError.split("\n")[0] ?? "invalid output", raw: err.raw, rationale: null, reversed: item.reversed },
      call: { usage: err.usage, attempts: err.attempts, latencyMs: deps.client.clock() - started, modelSpec: deps.client.spec, promptVersion, repaired: true },
    };
  }
  return { messages: [new HumanMessage(prompt), new AIMessage(result.kind === "answer-item" ? result.answer.raw : "")], result };
}

async function answerByLogprob(deps: AgentNodeDeps, state: PersonaAgentStateType, task: AnswerItemTask, config?: RunnableConfig): Promise<PersonaAgentUpdate> {
  const item = logprobItem(task.item); // single-token labels (A, B, …) when a key is longer than one character
  const prompt = logprobItemPrompt({ item, preamble: task.preamble });
  const promptVersion = `${SURVEY_SYSTEM_PROMPT_VERSION}+${LOGPROB_ITEM_PROMPT_VERSION}`;
  const messages = [new SystemMessage(surveySystemPrompt(deps.profile)), ...state.messages, new HumanMessage(prompt)];
  const res = await deps.client.text({ ...callOf(task, config), messages, promptVersion, topLogprobs: LOGPROB_TOP, maxTokens: LOGPROB_MAX_TOKENS });
  if (!res.logprobs || res.logprobs.length === 0) {
    throw new DeepPersonaError("E_MODEL_CONFIG", `model ${deps.client.spec} returned no logprobs, so --answer logprob cannot work with it; use --answer sample`, {
      exitCode: 2,
    });
  }
  const dist = optionDistribution(item, res.logprobs);
  const call = { usage: res.usage, attempts: res.attempts, latencyMs: res.latencyMs, modelSpec: deps.client.spec, promptVersion, repaired: false, ...(res.cached ? { cached: true } : {}) };
  const base = { itemId: item.itemId, raw: res.text, rationale: null, reversed: item.reversed };
  let result: AgentResult;
  if (!dist) {
    result = { kind: "answer-item", call, answer: { ...base, key: normaliseToken(res.text) || null, value: null, status: "invalid", reason: "no probability on any valid option among the first token's top logprobs" } };
  } else if (dist.validMass < (task.minValidMass ?? VALID_MASS_THRESHOLD)) {
    const reason = `valid options hold ${dist.validMass.toFixed(3)} of the first token's probability, below ${task.minValidMass ?? VALID_MASS_THRESHOLD}`;
    result = { kind: "answer-item", call, answer: { ...base, key: normaliseToken(res.text) || null, value: null, status: "invalid", reason, probs: dist.probs, validMass: dist.validMass } };
  } else {
    const text = normaliseToken(res.text);
    const upper = hasLetterLabels(item) && item.answerKeys.includes(text.toUpperCase()) ? text.toUpperCase() : text; // "j" = "J"
    const said = interpretAnswer(item, upper);
    const value = said.status === "ok" ? said.value : dist.modalCode;
    const reason = said.status === "ok" ? null : `answer text '${res.text.trim().slice(0, 20)}' is not an option; value is the most likely valid option`;
    result = { kind: "answer-item", call, answer: { ...base, key: said.key, value, status: "ok", reason, probs: dist.probs, validMass: dist.validMass } };
  }
  return { messages: [new HumanMessage(prompt), new AIMessage(res.text)], result };
}
