// the CallInfo of one model call's result (structured or text), as every persona-agent call, arm
// call and conversation participant reports it: usage, attempts, latency, model, prompt version,
// whether the repair call gave the value, whether the response cache served it.
//   return { text: res.text, call: callInfoOf(res, deps.client.spec, promptVersion) };
import type { TokenUsage } from "../core/usage/token-usage.js";
import type { CallInfo } from "./persona-agent-state.js";

export interface CallResultFields {
  usage: TokenUsage;
  attempts: number;
  latencyMs: number;
  /** structured calls only; a text call has no repair */
  repaired?: boolean;
  cached?: boolean;
}

export function callInfoOf(res: CallResultFields, modelSpec: string, promptVersion: string): CallInfo {
  return {
    usage: res.usage,
    attempts: res.attempts,
    latencyMs: res.latencyMs,
    modelSpec,
    promptVersion,
    repaired: res.repaired ?? false,
    ...(res.cached ? { cached: true } : {}),
  };
}
