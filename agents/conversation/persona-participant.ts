// a persona agent as a conversation participant: it hears the policy's prompt after its memory
// and answers in character (the agent's speak).
import type { PersonaAgent } from "../create-persona-agent.js";
import type { Participant } from "./turn-policy.js";

export function personaParticipant(agent: PersonaAgent): Participant {
  return (heard, call) => agent.speak(heard.text, { key: call.key, signal: call.signal, memory: heard.memory });
}
