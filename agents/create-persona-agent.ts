// persona → agent: a profile and a model client behind three direct functions. answerItem and
// answerItems are one structured answer each, called directly (no graph: a one-node router per
// answer cost ~9–16 ms offline for nothing); speak is one turn of a conversation, where the
// persona is a participant of the conversation engine's LangGraph StateGraph
// (agents/conversation/), which holds the transcript, each participant's memory and the
// checkpoints. building an agent is cheap (no graph is compiled), so callers may build one per call.
// every call goes through the model client with a required key (its request seed).
//   const agent = createPersonaAgent({ profile: renderPersona(persona), client });
//   const a = await agent.answerItem(presentItem(item), { key: "p1/Q46" });
//   const r = await agent.speak("How was your week?", { key: "p1/chat/1", memory: earlierMessages });
import type { BaseMessage } from "@langchain/core/messages";
import type { ModelClient } from "../core/model/model-client.js";
import { renderPersona } from "../persona-engine/persona/render-persona.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import type { PresentedItem } from "../surveys/present-item.js";
import { answerItemCall } from "./calls/answer-item-call.js";
import { answerItemsCall } from "./calls/answer-items-call.js";
import { speakCall } from "./calls/speak-call.js";
import type { AnswerMethod, CallInfo, ItemAnswer } from "./persona-agent-state.js";

export interface CreatePersonaAgentOptions {
  /** the system-prompt profile: renderPersona(persona) or a baseline's reduced profile */
  profile: string;
  /** every call of the agent (records name `client.spec`) */
  client: ModelClient;
  /** offer the refusal value "refuse" (row status "refused"); default true */
  allowRefusal?: boolean;
}

export interface CallOptions {
  /** the call's key in the run (required): its request seed derives from it */
  key: string;
  signal?: AbortSignal | undefined;
}

export interface PersonaAgent {
  readonly profile: string;
  /** one closed item, in a fresh context */
  answerItem(
    item: PresentedItem,
    options: CallOptions & { answer?: AnswerMethod; preamble?: string; minValidMass?: number },
  ): Promise<{ answer: ItemAnswer; call: CallInfo }>;
  /** a whole instrument in one structured call, in a fresh context */
  answerItems(
    items: PresentedItem[],
    options: CallOptions & { preamble?: string },
  ): Promise<{ answers: ItemAnswer[]; raw: string; call: CallInfo }>;
  /** one turn in character after `memory` (what this persona remembers of the conversation) */
  speak(text: string, options: CallOptions & { memory?: readonly BaseMessage[] }): Promise<{ text: string; call: CallInfo }>;
}

export function createPersonaAgent(options: CreatePersonaAgentOptions): PersonaAgent {
  const deps = { profile: options.profile, client: options.client, allowRefusal: options.allowRefusal ?? true };
  return {
    profile: options.profile,
    answerItem: (item, o) =>
      answerItemCall(
        deps,
        { item, answer: o.answer ?? "sample", preamble: o.preamble, key: o.key, minValidMass: o.minValidMass },
        o.signal,
      ),
    answerItems: (items, o) => answerItemsCall(deps, { items, preamble: o.preamble, key: o.key }, o.signal),
    speak: (text, o) => speakCall(deps, { text, memory: o.memory, key: o.key }, o.signal),
  };
}

/** a deep persona's agent: the profile is renderPersona(persona, {maxTokens}) */
export function createAgentForPersona(
  persona: Persona,
  options: Omit<CreatePersonaAgentOptions, "profile"> & { profileTokens?: number },
): PersonaAgent {
  const { profileTokens, ...rest } = options;
  return createPersonaAgent({ ...rest, profile: renderPersona(persona, profileTokens === undefined ? {} : { maxTokens: profileTokens }) });
}
