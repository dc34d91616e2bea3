// persona → compiled LangGraph StateGraph with nodes answer-item, answer-items and speak, routed
// by the task kind. conversation memory lives in the `messages` channel and is kept per thread
// by the checkpointer (MemorySaver unless another one is given; false = no memory between calls).
// a survey answers each item in a fresh thread (no order effects); a conversation reuses one.
//   const agent = createPersonaAgent({ profile: renderPersona(persona), model });
//   const a = await agent.answerItem(presentItem(item), { threadId: "q46", seed: 7 });
//   const r = await agent.speak("How was your week?", { threadId: "chat" });
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { END, MemorySaver, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { retryOptions, type RetryKnobs } from "../core/structured/retry-knobs.js";
import { modelSpecOf } from "../core/structured/invoke-with-retry.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import { renderPersona } from "../persona-engine/persona/render-persona.js";
import type { Persona } from "../persona-engine/persona/persona-schema.js";
import type { PresentedItem } from "../surveys/present-item.js";
import { answerItemNode } from "./nodes/answer-item-node.js";
import { answerItemsNode } from "./nodes/answer-items-node.js";
import { speakNode } from "./nodes/speak-node.js";
import { PersonaAgentState, type AgentResult, type AgentTask, type AnswerMethod, type CallInfo, type ItemAnswer } from "./persona-agent-state.js";

export interface CreatePersonaAgentOptions extends RetryKnobs {
  /** the system-prompt profile: renderPersona(persona) or a baseline's reduced profile */
  profile: string;
  model: BaseChatModel;
  /** built with logprobs on, for `answer: "logprob"` (default: `model`) */
  logprobModel?: BaseChatModel;
  /** for records and the meter (default: derived from the model) */
  modelSpec?: string;
  /** offer the refusal value "refuse" (row status "refused"); default true */
  allowRefusal?: boolean;
  /** LangGraph checkpointer: default a new MemorySaver; false compiles without one */
  checkpointer?: BaseCheckpointSaver | false;
  meter?: UsageMeter;
  clock?: () => number;
}

export interface CallOptions {
  /** conversation thread (memory); default "default" */
  threadId?: string;
  /** request seed for this call */
  seed?: number;
  signal?: AbortSignal;
}

export interface PersonaAgent {
  readonly profile: string;
  readonly graph: ReturnType<typeof buildGraph>;
  answerItem(item: PresentedItem, options?: CallOptions & { answer?: AnswerMethod; preamble?: string; minValidMass?: number }): Promise<{ answer: ItemAnswer; call: CallInfo }>;
  answerItems(items: PresentedItem[], options?: CallOptions & { preamble?: string }): Promise<{ answers: ItemAnswer[]; raw: string; call: CallInfo }>;
  speak(text: string, options?: CallOptions): Promise<{ text: string; call: CallInfo }>;
}

function buildGraph(options: CreatePersonaAgentOptions) {
  const deps = {
    profile: options.profile,
    model: options.model,
    logprobModel: options.logprobModel ?? options.model,
    modelSpec: options.modelSpec ?? modelSpecOf(options.model),
    allowRefusal: options.allowRefusal ?? true,
    meter: options.meter,
    ...retryOptions(options),
    clock: options.clock ?? (() => performance.now()),
  };
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
    async answerItem(item, o = {}) {
      const r = await run({ kind: "answer-item", item, answer: o.answer ?? "sample", preamble: o.preamble, seed: o.seed, minValidMass: o.minValidMass }, o);
      return { answer: r.answer, call: r.call };
    },
    async answerItems(items, o = {}) {
      const r = await run({ kind: "answer-items", items, preamble: o.preamble, seed: o.seed }, o);
      return { answers: r.answers, raw: r.raw, call: r.call };
    },
    async speak(text, o = {}) {
      const r = await run({ kind: "speak", text, seed: o.seed }, o);
      return { text: r.text, call: r.call };
    },
  };
}

/** a deep persona's agent: the profile is renderPersona(persona, {maxTokens}) */
export function createAgentForPersona(persona: Persona, options: Omit<CreatePersonaAgentOptions, "profile"> & { profileTokens?: number }): PersonaAgent {
  const { profileTokens, ...rest } = options;
  return createPersonaAgent({ ...rest, profile: renderPersona(persona, profileTokens === undefined ? {} : { maxTokens: profileTokens }) });
}
