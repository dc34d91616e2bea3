// speak: a free-text turn in character, with the conversation so far as memory.
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { PersonaAgentStateType, PersonaAgentUpdate } from "../persona-agent-state.js";
import { SPEAK_PROMPT_VERSION, speakPrompt } from "../prompts/speak-prompt.js";
import { SPEAK_SYSTEM_PROMPT_VERSION, speakSystemPrompt } from "../prompts/survey-system-prompt.js";
import { callOf, taskOf, type AgentNodeDeps } from "./agent-node-deps.js";

export function speakNode(deps: AgentNodeDeps) {
  return async (state: PersonaAgentStateType, config?: RunnableConfig): Promise<PersonaAgentUpdate> => {
    const task = taskOf(state.task, "speak");
    const prompt = speakPrompt({ text: task.text });
    const promptVersion = `${SPEAK_SYSTEM_PROMPT_VERSION}+${SPEAK_PROMPT_VERSION}`;
    const res = await deps.client.text({
      ...callOf(task, config),
      messages: [new SystemMessage(speakSystemPrompt(deps.profile)), ...state.messages, new HumanMessage(prompt)],
      promptVersion,
    });
    return {
      messages: [new HumanMessage(prompt), new AIMessage(res.text)],
      result: {
        kind: "speak",
        text: res.text,
        call: { usage: res.usage, attempts: res.attempts, latencyMs: res.latencyMs, modelSpec: deps.client.spec, promptVersion, repaired: false, ...(res.cached ? { cached: true } : {}) },
      },
    };
  };
}
