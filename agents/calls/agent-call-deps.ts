// what every call of a persona agent needs: the profile for the system prompt and the model
// client (seeds, limiter, retries, metering and the clock live there). built once per agent by
// createPersonaAgent.
import type { ModelClient } from "../../core/model/model-client.js";

export interface AgentCallDeps {
  profile: string;
  client: ModelClient;
  allowRefusal: boolean;
}

/** what every request of a call shares: its key (the per-call seed) and the caller's signal */
export function requestOf(key: string, signal: AbortSignal | undefined): { key: string; signal?: AbortSignal } {
  return { key, ...(signal ? { signal } : {}) };
}
