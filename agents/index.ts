// the public API of the agents layer: a persona as an agent that answers survey items and speaks
// in conversations, and the conversation engine (one LangGraph StateGraph driven by turn policies).
export { createPersonaAgent, createAgentForPersona } from "./create-persona-agent.js";
export type { CreatePersonaAgentOptions, PersonaAgent, CallOptions as PersonaAgentCallOptions } from "./create-persona-agent.js";
export { answerItemSchema, answerItemsSchema } from "./answer-schemas.js";
export type { ItemAnswerOutput } from "./answer-schemas.js";
export { createConversationEngine, buildConversationGraph } from "./conversation/create-conversation-engine.js";
export type { ConversationEngine, ConversationEngineOptions, TurnOptions } from "./conversation/create-conversation-engine.js";
export { ConversationState } from "./conversation/conversation-state.js";
export type { ConversationStateType } from "./conversation/conversation-state.js";
export { personaParticipant } from "./conversation/persona-participant.js";
export { modelParticipant } from "./conversation/model-participant.js";
export type {
  Conversation,
  ConversationTurn,
  ConversationView,
  Heard,
  Participant,
  SpeakAction,
  Spoken,
  TurnAction,
  TurnPolicy,
} from "./conversation/turn-policy.js";
