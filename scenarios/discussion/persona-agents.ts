// one persona agent per persona for a discussion run, built lazily and reused by its turns and
// measures. every call starts a fresh context (no checkpointer): a turn's memory of the
// discussion is the transcript window in its prompt, rebuilt from turns.jsonl, so a resumed run
// sees exactly what an uninterrupted one would have.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { retryOptions, type RetryKnobs } from "../../core/structured/retry-knobs.js";
import type { UsageMeter } from "../../core/usage/usage-meter.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { renderPersona } from "../../persona-engine/persona/render-persona.js";
import { createPersonaAgent, type PersonaAgent } from "../../agents/create-persona-agent.js";

export interface PersonaAgentsOptions extends RetryKnobs {
  model: BaseChatModel;
  modelSpec: string;
  profileTokens: number;
  allowRefusal: boolean;
  meter?: UsageMeter | undefined;
  /** ms clock for latencies (default performance.now) */
  clock?: (() => number) | undefined;
}

export function personaAgents(options: PersonaAgentsOptions): (persona: Persona) => PersonaAgent {
  const agents = new Map<string, PersonaAgent>();
  return (persona) => {
    let agent = agents.get(persona.id);
    if (!agent) {
      agent = createPersonaAgent({
        profile: renderPersona(persona, { maxTokens: options.profileTokens }),
        model: options.model,
        modelSpec: options.modelSpec,
        allowRefusal: options.allowRefusal,
        checkpointer: false,
        ...(options.meter ? { meter: options.meter } : {}),
        ...retryOptions(options),
        ...(options.clock ? { clock: options.clock } : {}),
      });
      agents.set(persona.id, agent);
    }
    return agent;
  };
}
