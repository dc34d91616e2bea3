// what every node of a persona agent needs: the profile for the system prompt, the model(s),
// metering and retry knobs. built once per agent by createPersonaAgent.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { RunnableConfig } from "@langchain/core/runnables";
import { retryOptions, type RetryKnobs } from "../../core/structured/retry-knobs.js";
import type { UsageMeter } from "../../core/usage/usage-meter.js";

export interface AgentNodeDeps extends RetryKnobs {
  profile: string;
  model: BaseChatModel;
  /** a model built with logprobs on (defaults to `model`) */
  logprobModel: BaseChatModel;
  modelSpec: string;
  allowRefusal: boolean;
  meter?: UsageMeter | undefined;
  /** ms clock for latencies (default performance.now) */
  clock: () => number;
}

/** the options every structuredCall/textCall of a node shares */
export function callOptions(deps: AgentNodeDeps, config: RunnableConfig | undefined, model: BaseChatModel, seed: number | undefined) {
  return {
    model,
    // a per-row request seed: repeated samples and identical baseline prompts are independent
    // draws, yet reproducible (OpenAI-compatible servers and the offline model honour it)
    ...(seed === undefined ? {} : { callOptions: { seed } }),
    modelSpec: deps.modelSpec,
    clock: deps.clock,
    ...(deps.meter ? { meter: deps.meter } : {}),
    ...(config?.signal ? { signal: config.signal } : {}),
    ...retryOptions(deps),
  };
}

export function taskOf<K extends string, T extends { kind: string }>(task: T | null, kind: K): Extract<T, { kind: K }> {
  if (!task || task.kind !== kind) throw new Error(`persona agent: node '${kind}' ran without a '${kind}' task`);
  return task as Extract<T, { kind: K }>;
}
