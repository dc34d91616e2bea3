// how a persona scenario command (survey run, discuss, stress) runs its prepared run and reports:
// run the scenario, end the progress line, rethrow a configuration error (exit 2), then map the
// outcome to an exit code — 130 interrupted and 3 stopped early (budget cap or failures; both
// resumable) or 1 mostly failed, each with a note on stderr; 0 complete, with the command's
// summary on stdout.
import type { RunStore } from "../core/store/run-store.js";
import type { Budget } from "../core/usage/budget.js";
import type { UsageMeter } from "../core/usage/usage-meter.js";
import { runScenario } from "../scenarios/run-scenario.js";
import type { Scenario } from "../scenarios/scenario.js";
import type { CommandContext } from "./command.js";
import { usageLine } from "./usage-line.js";

export interface PreparedScenarioCommand<Outputs> {
  store: RunStore;
  meter: UsageMeter;
  budget?: Budget;
  scenario: Scenario & { outputs(): Outputs | undefined };
  progress: { done(): void };
}

export interface RunScenarioCommandOptions<Outputs> {
  /** the command as messages name it: "survey run", "discuss", "stress" */
  command: string;
  run: PreparedScenarioCommand<Outputs>;
  /** who the usage line names, e.g. "model: offline" */
  models: string;
  /** the lines of a complete run's summary (stdout) */
  summary(outputs: Outputs, usage: string): string[];
  /** awaited once the scenario returns or throws, before anything is reported (closes a live dashboard) */
  afterRun?: () => Promise<void>;
}

export async function runScenarioCommand<Outputs extends { files: { report: string } }>(ctx: CommandContext, o: RunScenarioCommandOptions<Outputs>): Promise<number> {
  const { run, command } = o;
  let summary: Awaited<ReturnType<typeof runScenario>>;
  try {
    summary = await runScenario({ store: run.store, scenario: run.scenario, signal: ctx.signal, ...(run.budget ? { budget: run.budget } : {}) });
  } finally {
    await o.afterRun?.();
  }
  run.progress.done();
  if (summary.fatal) throw summary.fatal;
  const usage = usageLine(o.models, run.meter.totals());
  const outputs = run.scenario.outputs();
  if (ctx.signal.aborted || summary.stoppedBy === "cancelled") {
    ctx.stderr.write(`${command}: interrupted — ${summary.reason ?? ""}\nresume with the same flags plus --resume (out: ${run.store.dir})\n`);
    return 130;
  }
  if (summary.status !== "complete") {
    const lines = [`${command}: ${summary.status} — ${summary.reason ?? ""}`, usage];
    if (outputs) lines.push(`report: ${outputs.files.report}`);
    else lines.push(`continue with the same flags plus --resume (out: ${run.store.dir})`);
    ctx.stderr.write(`${lines.join("\n")}\n`);
    return summary.status === "failed" ? 1 : 3;
  }
  if (!outputs) return 1;
  ctx.stdout.write(`${o.summary(outputs, usage).join("\n")}\n`);
  return 0;
}
