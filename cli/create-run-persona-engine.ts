// the persona engine of a run: the --model client (chat + embeddings, with the run's meter and
// its one request limiter, docs/DECISIONS.md "One model client") and the taxonomy cache.
import { createPersonaEngine, type CreatePersonaEngineOptions } from "../persona-engine/engine/create-persona-engine.js";
import type { PersonaEngineContext } from "../persona-engine/engine/persona-engine-context.js";
import type { CommandContext } from "./command.js";
import type { CliModels } from "./model-options.js";

export type RunPersonaEngineOptions = Pick<CreatePersonaEngineOptions, "attributes" | "tierRatio" | "batchSize" | "referenceYear">;

export function createRunPersonaEngine(ctx: CommandContext, models: CliModels, options: RunPersonaEngineOptions): Promise<PersonaEngineContext> {
  return createPersonaEngine({ client: models.client, ...options, cacheDir: models.cacheDir, signal: ctx.signal });
}
