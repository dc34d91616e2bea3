// --dry-run on a model-calling command: run the command for real against the dry-run cache
// (dry-run-models.ts) with its outputs redirected to a scratch folder that is removed afterwards,
// then print the plan (--json: as JSON) instead of the command's own output. calls are exact
// (every request the command would send is rendered and counted), tokens and cost estimated
// (dry-run-plan.ts). a bad flag still fails the same way (one line, exit 2).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { DEFAULT_PRICE_TABLE, loadPriceTableFile } from "../core/usage/price-table.js";
import type { CommandContext, CommandSpec } from "./command.js";
import { DryRunPlan, formatDryRunSummary, setDryRunPlan } from "./dry-run-plan.js";

export async function runDryRun(command: CommandSpec, ctx: CommandContext): Promise<number> {
  const scratch = await mkdtemp(join(tmpdir(), "deeppersona-dry-run-"));
  try {
    const plan = new DryRunPlan(join(scratch, "cache"));
    const out = typeof ctx.values.out === "string" ? basename(ctx.values.out) : "out";
    const values = {
      ...ctx.values,
      out: join(scratch, out),
      "run-dir": join(scratch, `${out}.run`),
      "merge-into": undefined,
      resume: false,
      force: false,
      dashboard: false,
      "no-dashboard": true,
    };
    setDryRunPlan(values, plan);
    let stderr = "";
    const err = new PassThrough();
    err.on("data", (d) => (stderr += String(d)));
    const code = await command.run({ ...ctx, values, stdout: new PassThrough().resume(), stderr: err, isTTY: false });
    if (code === 2 || code === 130) {
      ctx.stderr.write(stderr);
      return code;
    }
    // notices (offline model, unpriced model) still matter; progress lines do not
    for (const line of stderr.split("\n")) if (line.startsWith("deeppersona:")) ctx.stderr.write(`${line}\n`);
    const pricesFile = typeof ctx.values.prices === "string" ? ctx.values.prices : ctx.env.DEEPPERSONA_PRICES;
    const prices = pricesFile ? loadPriceTableFile(resolve(ctx.cwd, pricesFile)) : DEFAULT_PRICE_TABLE;
    const concurrency = Number(ctx.values.concurrency ?? 1) || 1;
    const batch = typeof ctx.values.executor === "string" && ctx.values.executor.trim().toLowerCase() === "batch";
    const summary = plan.summary(prices, concurrency, batch ? "batch" : "synchronous");
    ctx.stdout.write(ctx.values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatDryRunSummary(command.name, summary));
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
