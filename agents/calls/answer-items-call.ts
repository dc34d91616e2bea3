// answer-items: a whole instrument in ONE structured call, one enum property per item. when the
// output stays invalid after the repair, each item is still judged on its own from the raw JSON
// (a valid key → ok, the refusal value → refused, anything else → invalid).
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { parseJsonOutput } from "../../core/structured/parse-json-output.js";
import { StructuredOutputError } from "../../core/structured/structured-output-error.js";
import { answerItemsSchema } from "../answer-schemas.js";
import { interpretAnswer } from "../interpret-answer.js";
import type { AnswerItemsTask, CallInfo, ItemAnswer } from "../persona-agent-state.js";
import { ANSWER_ITEMS_PROMPT_VERSION, answerItemsPrompt } from "../prompts/answer-items-prompt.js";
import { SURVEY_SYSTEM_PROMPT_VERSION, surveySystemPrompt } from "../prompts/survey-system-prompt.js";
import { requestOf, type AgentCallDeps } from "./agent-call-deps.js";
import { callInfoOf } from "../call-info-of.js";

export async function answerItemsCall(
  deps: AgentCallDeps,
  task: AnswerItemsTask,
  signal?: AbortSignal,
): Promise<{ answers: ItemAnswer[]; raw: string; call: CallInfo }> {
  const prompt = answerItemsPrompt({ items: task.items, preamble: task.preamble, allowRefusal: deps.allowRefusal });
  const promptVersion = `${SURVEY_SYSTEM_PROMPT_VERSION}+${ANSWER_ITEMS_PROMPT_VERSION}`;
  const messages = [new SystemMessage(surveySystemPrompt(deps.profile)), new HumanMessage(prompt)];
  const started = deps.client.clock();
  let raw: string;
  let values: Record<string, unknown>;
  let call: CallInfo;
  let failure: string | null = null;
  try {
    const res = await deps.client.structured({
      ...requestOf(task.key, signal),
      schema: answerItemsSchema(task.items, deps.allowRefusal),
      name: "survey_answers",
      messages,
      promptVersion,
    });
    raw = res.raw;
    values = res.value;
    call = callInfoOf(res, deps.client.spec, promptVersion);
  } catch (err) {
    if (!(err instanceof StructuredOutputError)) throw err;
    raw = err.raw;
    values = lenientObject(raw);
    failure = err.validationError.split("\n")[0] ?? "invalid output";
    call = callInfoOf(
      { usage: err.usage, attempts: err.attempts, latencyMs: deps.client.clock() - started, repaired: true },
      deps.client.spec,
      promptVersion,
    );
  }
  const answers: ItemAnswer[] = task.items.map((item) => {
    const interpreted = interpretAnswer(item, values[item.itemId]);
    const reason =
      interpreted.status === "invalid" && failure && interpreted.key === null ? `${interpreted.reason} (${failure})` : interpreted.reason;
    return {
      itemId: item.itemId,
      ...interpreted,
      reason,
      raw: values[item.itemId] === undefined ? "" : JSON.stringify(values[item.itemId]),
      rationale: null,
      reversed: item.reversed,
    };
  });
  return { answers, raw, call };
}

function lenientObject(raw: string): Record<string, unknown> {
  try {
    const json = parseJsonOutput(raw);
    return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
