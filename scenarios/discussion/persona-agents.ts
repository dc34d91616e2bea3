// one persona agent per persona for a discussion run, built lazily and reused by its turns and
// measures. every call starts a fresh context: a turn's memory of the discussion is the
// transcript window in its prompt (the discussion turn policy's `hear`), rebuilt from turns.jsonl
// on resume, so a resumed run sees exactly what an uninterrupted one would have.
import type { ModelClient } from "../../core/model/model-client.js";
import type { Persona } from "../../persona-engine/persona/persona-schema.js";
import { renderPersona } from "../../persona-engine/persona/render-persona.js";
import { createPersonaAgent, type PersonaAgent } from "../../agents/create-persona-agent.js";

export interface PersonaAgentsOptions {
  client: ModelClient;
  profileTokens: number;
  allowRefusal: boolean;
}

export function personaAgents(options: PersonaAgentsOptions): (persona: Persona) => PersonaAgent {
  const agents = new Map<string, PersonaAgent>();
  return (persona) => {
    let agent = agents.get(persona.id);
    if (!agent) {
      agent = createPersonaAgent({
        profile: renderPersona(persona, { maxTokens: options.profileTokens }),
        client: options.client,
        allowRefusal: options.allowRefusal,
      });
      agents.set(persona.id, agent);
    }
    return agent;
  };
}
