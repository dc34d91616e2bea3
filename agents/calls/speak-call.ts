// speak: a free-text turn in character. the persona hears the prompt after what it remembers of
// the conversation (`memory`, kept by the conversation engine; none by default).
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { CallInfo, SpeakTask } from "../persona-agent-state.js";
import { SPEAK_PROMPT_VERSION, speakPrompt } from "../prompts/speak-prompt.js";
import { SPEAK_SYSTEM_PROMPT_VERSION, speakSystemPrompt } from "../prompts/survey-system-prompt.js";
import { requestOf, type AgentCallDeps } from "./agent-call-deps.js";
import { callInfoOf } from "../call-info-of.js";

export async function speakCall(deps: AgentCallDeps, task: SpeakTask, signal?: AbortSignal): Promise<{ text: string; call: CallInfo }> {
  const promptVersion = `${SPEAK_SYSTEM_PROMPT_VERSION}+${SPEAK_PROMPT_VERSION}`;
  const res = await deps.client.text({
    ...requestOf(task.key, signal),
    messages: [
      new SystemMessage(speakSystemPrompt(deps.profile)),
      ...(task.memory ?? []),
      new HumanMessage(speakPrompt({ text: task.text })),
    ],
    promptVersion,
  });
  return {
    text: res.text,
    call: callInfoOf(res, deps.client.spec, promptVersion),
  };
}
