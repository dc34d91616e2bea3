// the model client for a second role next to --model (the stress test's --target and --judge):
// the run's key, --base-url, --request-timeout, sampling, limiter and meter (CliModels.roleClient,
// which checks reachability, exit 2), and a notice when the offline model plays the role while
// the users are real.
import type { ModelClient } from "../core/model/model-client.js";
import type { CommandContext } from "./command.js";
import type { CliModels } from "./model-options.js";

export async function resolveRoleModel(ctx: CommandContext, models: CliModels, opts: { flag: string; spec: string }): Promise<ModelClient> {
  const client = await models.roleClient(opts.spec);
  if (client.offline && !models.offline) ctx.stderr.write(`deeppersona: --${opts.flag} is the built-in offline model — its output is synthetic\n`);
  return client;
}
