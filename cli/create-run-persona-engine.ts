// the persona engine of a run: the --model client (chat + embeddings, with the run's meter and
// its one request limiter, docs/DECISIONS.md "One model client") and the taxonomy cache.
import { createPersonaEngine, type CreatePersonaEngineOptions } from "../persona-engine/engine/create-persona-engine.js";
import type { PersonaEngineContext } from "../persona-engine/engine/persona-engine-context.js";
import type { CommandContext } from "./command.js";
import type { CliModels } from "./model-options.js";
import type { EmbeddingProgress } from "../persona-engine/taxonomy/taxonomy-embeddings.js";

export type RunPersonaEngineOptions = Pick<CreatePersonaEngineOptions, "attributes" | "tierRatio" | "batchSize" | "referenceYear">;

export function createRunPersonaEngine(
  ctx: CommandContext,
  models: CliModels,
  options: RunPersonaEngineOptions,
): Promise<PersonaEngineContext> {
  return createPersonaEngine({
    client: models.client,
    ...options,
    cacheDir: models.cacheDir,
    taxonomyEmbeddings: {
      baseURL: models.embeddingsBaseURL,
      chunkSize: models.embeddingBatch,
      chunkTimeoutMs: models.requestTimeoutMs,
      // progress only for a server (offline embeddings take a second or two, no lines)
      ...(models.embeddingsBaseURL ? { onProgress: taxonomyEmbeddingProgress(ctx) } : {}),
    },
    signal: ctx.signal,
  });
}

/** "taxonomy embeddings: 640/8034 (chunk 10/126)" on stderr: every chunk on a TTY, else about every 10% */
function taxonomyEmbeddingProgress(ctx: CommandContext): (p: EmbeddingProgress) => void {
  let next = 0;
  return (p) => {
    if (p.chunks === 0) return;
    const line = `taxonomy embeddings: ${p.done}/${p.total} (chunk ${p.chunk}/${p.chunks}${p.resumed ? `, ${p.resumed} resumed from the cache` : ""})`;
    if (ctx.isTTY) ctx.stderr.write(`\r\x1b[2K${line}${p.done === p.total ? "\n" : ""}`);
    else if (p.chunk >= next || p.done === p.total) {
      ctx.stderr.write(`${line}\n`);
      next = p.chunk + Math.max(1, Math.ceil(p.chunks / 10));
    }
  };
}
