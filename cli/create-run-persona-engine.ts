// the persona engine of a run: the --model chat model and embeddings, the run's meter, and the
// run-wide limiter of --concurrency model requests in flight (docs/DECISIONS.md, Scheduling).
import { createCallLimiter } from "../core/scheduler/call-limiter.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import { createPersonaEngine, type CreatePersonaEngineOptions } from "../persona-engine/engine/create-persona-engine.js";
import type { PersonaEngineContext } from "../persona-engine/engine/persona-engine-context.js";
import type { CommandContext } from "./command.js";
import type { CliModels } from "./model-options.js";

export interface RunPersonaEngineOptions extends Pick<CreatePersonaEngineOptions, "attributes" | "tierRatio" | "batchSize" | "referenceYear"> {
  meter: UsageMeter;
  /** model requests in flight, run-wide */
  concurrency: number;
}

export function createRunPersonaEngine(ctx: CommandContext, models: CliModels, options: RunPersonaEngineOptions): Promise<PersonaEngineContext> {
  const { meter, concurrency, ...engine } = options;
  return createPersonaEngine({
    chat: models.chat,
    modelSpec: models.chatSpec,
    embeddings: models.embeddings,
    embeddingsSpec: models.embeddingsSpec,
    ...engine,
    cacheDir: models.cacheDir,
    meter,
    limiter: createCallLimiter(concurrency),
    signal: ctx.signal,
  });
}
