// the public API of the persona engine: population sampling (census-grounded demographics),
// persona planning and generation, the persona schema and its rendering.
export * from "./population/index.js";
export { generatePersonas } from "./engine/generate-personas.js";
export type { GeneratePersonasOptions } from "./engine/generate-personas.js";
export { generatePersona, OFFLINE_NOTICE } from "./engine/generate-persona.js";
export type { GeneratePersonaInput } from "./engine/generate-persona.js";
export { createPersonaEngine, DEFAULT_ATTRIBUTES } from "./engine/create-persona-engine.js";
export type { CreatePersonaEngineOptions } from "./engine/create-persona-engine.js";
export type { PersonaEngineContext } from "./engine/persona-engine-context.js";
export { planPersonas, personaInput } from "./engine/plan-personas.js";
export type { PersonaPlan } from "./engine/plan-personas.js";
export { runPersonaGeneration, readPersonas, PERSONAS_FILE } from "./engine/run-persona-generation.js";
export type { RunPersonaGenerationOptions } from "./engine/run-persona-generation.js";
export { PersonaSchema, PersonaAttributeSchema, AnchorSchema, LifeStorySchema } from "./persona/persona-schema.js";
export type { Persona, PersonaAttribute, Anchor, LifeStory, AttributeTier, ValueSource } from "./persona/persona-schema.js";
export { renderPersona } from "./persona/render-persona.js";
export type { RenderPersonaOptions } from "./persona/render-persona.js";
export { loadTaxonomy } from "./taxonomy/load-taxonomy.js";
