// the public API of the agents layer: a persona as a LangGraph agent that answers survey items.
export { createPersonaAgent, createAgentForPersona } from "./create-persona-agent.js";
export type { CreatePersonaAgentOptions, PersonaAgent, CallOptions as PersonaAgentCallOptions } from "./create-persona-agent.js";
export { answerItemSchema, answerItemsSchema } from "./answer-schemas.js";
export type { ItemAnswerOutput } from "./answer-schemas.js";
