// what --dry-run changes where models are resolved: every chat model goes through the dry-run
// cache (real cache probed read-only, misses planned and answered offline), a real model that
// would still be asked anything refuses, embeddings are offline, no server is contacted, and the
// taxonomy-embedding cache is a scratch folder (nothing is written where the user looks).
import { join } from "node:path";
import { DeepPersonaError } from "../core/errors.js";
import { directoryResponseCache } from "../core/cache/directory-response-cache.js";
import type { ResponseCache } from "../core/cache/response-cache.js";
import type { CommandContext } from "./command.js";
import { dryRunCache } from "./dry-run-cache.js";
import { dryRunPlanOf } from "./dry-run-plan.js";
import { RESPONSES_SUBDIR } from "./response-cache-option.js";

export interface DryRunModels {
  cache: ResponseCache;
  /** scratch folder for the taxonomy-embedding cache */
  scratchDir: string;
  /** makes a model refuse to send anything (the dry-run cache answers every request first) */
  guard<M extends object>(model: M): M;
}

export function dryRunModels(ctx: CommandContext, cacheDir: string): DryRunModels | undefined {
  const plan = dryRunPlanOf(ctx.values);
  if (!plan) return undefined;
  const probe =
    ctx.values["no-cache"] === true ? undefined : directoryResponseCache({ dir: join(cacheDir, RESPONSES_SUBDIR), readOnly: true });
  return {
    cache: dryRunCache(plan, probe),
    scratchDir: plan.scratchDir,
    guard: refuseRequests,
  };
}

/** a model that throws instead of sending (its fields, and so its cache key, stay the same) */
export function refuseRequests<M extends object>(model: M): M {
  Object.defineProperty(model, "invoke", {
    value: async () => {
      throw new DeepPersonaError("E_MODEL_CALL", "--dry-run: a model request was about to be sent; nothing was sent", { exitCode: 1 });
    },
  });
  return model;
}
