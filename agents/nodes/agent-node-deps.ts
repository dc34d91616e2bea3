// what every node of a persona agent needs: the profile for the system prompt and the model
// client (seeds, limiter, retries, metering and the clock live there). built once per agent by
// createPersonaAgent.
import type { ModelClient } from "../../core/model/model-client.js";

export interface AgentNodeDeps {
  profile: string;
  client: ModelClient;
  allowRefusal: boolean;
}

/** what every call of a node shares: its key (the per-call seed) and the graph's signal */
export function callOf(task: { key: string }, config: { signal?: AbortSignal | undefined } | undefined): { key: string; signal?: AbortSignal } {
  return { key: task.key, ...(config?.signal ? { signal: config.signal } : {}) };
}

export function taskOf<K extends string, T extends { kind: string }>(task: T | null, kind: K): Extract<T, { kind: K }> {
  if (!task || task.kind !== kind) throw new Error(`persona agent: node '${kind}' ran without a '${kind}' task`);
  return task as Extract<T, { kind: K }>;
}
