// a chat model for a second role next to --model (the stress test's --target and --judge): same
// key, --base-url and --request-timeout, a fail-fast reachability check (exit 2), and a notice
// when the offline model plays the role while the users are real.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { CommandContext } from "./command.js";

export async function resolveRoleModel(
  ctx: CommandContext,
  opts: { flag: string; spec: string; seed: number | string; usersOffline: boolean; cache?: import("../core/cache/response-cache.js").ResponseCache | undefined; prices?: import("../core/usage/price-table.js").PriceTable },
): Promise<{ model: BaseChatModel; offline: boolean }> {
  const { parseModelSpec } = await import("../core/model/model-spec.js");
  const { resolveChatModel } = await import("../core/model/resolve-chat-model.js");
  const { checkModelReachable } = await import("../core/model/check-model-reachable.js");
  const str = (k: string) => (typeof ctx.values[k] === "string" ? (ctx.values[k] as string) : undefined);
  const parsed = parseModelSpec(opts.spec);
  const { providerEnv } = await import("./model-options.js");
  const baseURL = str("base-url");
  const dry = (await import("./dry-run-plan.js")).dryRunPlanOf(ctx.values) !== undefined;
  const timeoutMs = Number(str("request-timeout") ?? 60000);
  const env = providerEnv(ctx.env, parsed.provider);
  const common = { ...env, ...(dry && !env.apiKey ? { apiKey: "dry-run" } : {}), ...(baseURL ? { baseURL } : {}), timeoutMs };
  // remote: no fixed request seed in the model (each call sends its own); offline: the run seed
  const model = await resolveChatModel(parsed, { ...common, ...(parsed.provider === "offline" ? { seed: opts.seed } : {}) });
  if (parsed.provider === "offline") {
    if (!opts.usersOffline) ctx.stderr.write(`deeppersona: --${opts.flag} is the built-in offline model — its output is synthetic\n`);
    if (dry) (await import("../core/cache/model-response-cache.js")).attachResponseCache(model, opts.cache); // planned, not cached
    return { model, offline: true };
  }
  if (opts.prices) (await import("./require-model-price.js")).requireModelPrice(ctx, [opts.spec], opts.prices);
  if (dry) (await import("./dry-run-models.js")).refuseRequests(model);
  else await checkModelReachable(parsed, { ...common, timeoutMs: Math.min(timeoutMs, 10000) });
  (await import("../core/cache/model-response-cache.js")).attachResponseCache(model, opts.cache);
  return { model, offline: false };
}
