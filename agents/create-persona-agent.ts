// persona → compiled LangGraph StateGraph with nodes answer-item, answer-items and speak, routed
// by the task kind. conversation memory lives in the `messages` channel and is kept per thread
// by the checkpointer (MemorySaver unless another one is given; false = no memory between calls).
// a survey answers each item in a fresh thread (no order effects); a conversation reuses one.
// every call goes through the model client with a required key (its request seed).
//   const agent = createPersonaAgent({ profile: renderPersona(persona), client });
//   const a = await agent.answerItem(presentItem(item), { key: "p1/Q46", threadId: "q46" });
//   const r = await agent.speak("How was your week?", { key: "p1/chat/1", threadId: "chat" });
import { END, MemorySaver, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import type { ModelClient } from "../core/model/model-client.js";
import { renderPersona } from "../persona-engine/persona/render-persona.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import type { PresentedItem } from "../surveys/present-item.js";
import { answerItemNode } from "./nodes/answer-item-node.js";
import { answerItemsNode } from "./nodes/answer-items-node.js";
import { speakNode } from "./nodes/speak-node.js";
import { PersonaAgentState, type AgentResult, type AgentTask, type AnswerMethod, type CallInfo, type ItemAnswer } from "./persona-agent-state.js";

export interface CreatePersonaAgentOptions {
  /** the system-prompt profile: renderPersona(persona) or a baseline's reduced profile */
  profile: string;
  /** every call of the agent (records name `client.spec`) */
  client: ModelClient;
  /** offer the refusal value "refuse" (row status "refused"); default true */
  allowRefusal?: boolean;
  /** LangGraph checkpointer: default a new MemorySaver; false compiles without one */
  checkpointer?: BaseCheckpointSaver | false;
}

export interface CallOptions {
  /** the call's key in the run (required): its request seed derives from it */
  key: string;
  /** conversation thread (memory); default "default" */
  threadId?: string;
  signal?: AbortSignal;
}

export interface PersonaAgent {
  readonly profile: string;
  readonly graph: ReturnType<typeof buildGraph>;
  answerItem(item: PresentedItem, options: CallOptions & { answer?: AnswerMethod; preamble?: string; minValidMass?: number }): Promise<{ answer: ItemAnswer; call: CallInfo }>;
  answerItems(items: PresentedItem[], options: CallOptions & { preamble?: string }): Promise<{ answers: ItemAnswer[]; raw: string; call: CallInfo }>;
  speak(text: string, options: CallOptions): Promise<{ text: string; call: CallInfo }>;
}

function buildGraph(options: CreatePersonaAgentOptions) {
  const deps = { profile: options.profile, client: options.client, allowRefusal: options.allowRefusal ?? true };
  const route = (state: typeof PersonaAgentState.State): "answer-item" | "answer-items" | "speak" => {
    if (!state.task) throw new Error("persona agent invoked without a task");
    return state.task.kind;
  };
  const checkpointer = options.checkpointer === undefined ? new MemorySaver() : options.checkpointer;
  return new StateGraph(PersonaAgentState)
    .addNode("answer-item", answerItemNode(deps))
    .addNode("answer-items", answerItemsNode(deps))
    .addNode("speak", speakNode(deps))
    .addConditionalEdges(START, route, ["answer-item", "answer-items", "speak"])
    .addEdge("answer-item", END)
    .addEdge("answer-items", END)
    .addEdge("speak", END)
    .compile(checkpointer === false ? {} : { checkpointer });
}

export function createPersonaAgent(options: CreatePersonaAgentOptions): PersonaAgent {
  const graph = buildGraph(options);
  const run = async <K extends AgentTask["kind"]>(task: Extract<AgentTask, { kind: K }>, call: CallOptions): Promise<Extract<AgentResult, { kind: K }>> => {
    // a per-call signal: LangGraph's invoke never removes the abort listener it adds to the given
    // signal, so a long-lived (run-wide) signal would collect one listener per call
    const local = new AbortController();
    const forward = () => local.abort(call.signal?.reason);
    if (call.signal?.aborted) local.abort(call.signal.reason);
    call.signal?.addEventListener("abort", forward, { once: true });
    let state: typeof PersonaAgentState.State;
    try {
      state = await graph.invoke({ task, result: null }, { configurable: { thread_id: call.threadId ?? "default" }, signal: local.signal });
    } finally {
      call.signal?.removeEventListener("abort", forward);
    }
    const result = state.result;
    if (!result || result.kind !== task.kind) throw new Error(`persona agent: no ${task.kind} result`);
    return result as Extract<AgentResult, { kind: K }>;
  };
  return {
    profile: options.profile,
    graph,
    async answerItem(item, o) {
      const r = await run({ kind: "answer-item", item, answer: o.answer ?? "sample", preamble: o.preamble, key: o.key, minValidMass: o.minValidMass }, o);
      return { answer: r.answer, call: r.call };
    },
    async answerItems(items, o) {
      const r = await run({ kind: "answer-items", items, preamble: o.preamble, key: o.key }, o);
      return { answers: r.answers, raw: r.raw, call: r.call };
    },
    async speak(text, o) {
      const r = await run({ kind: "speak", text, key: o.key }, o);
      return { text: r.text, call: r.call };
    },
  };
}

/** a deep persona's agent: the profile is renderPersona(persona, {maxTokens}) */
export function createAgentForPersona(persona: Persona, options: Omit<CreatePersonaAgentOptions, "profile"> & { profileTokens?: number }): PersonaAgent {
  const { profileTokens, ...rest } = options;
  return createPersonaAgent({ ...rest, profile: renderPersona(persona, profileTokens === undefined ? {} : { maxTokens: profileTokens }) });
}
