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
import { sanitizeForTerminal } from "../core/sanitize/sanitize-for-terminal.js";
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
  // model and server text (reasons, topics, table cells) never reaches the terminal raw
  const write = (stream: NodeJS.WritableStream, lines: string[]) => stream.write(`${sanitizeForTerminal(lines.join("\n"))}\n`);
  const skipped = run.store.manifest.config.input_skipped as { file: string; count: number; lines: number[] } | undefined;
  if (skipped) ctx.stderr.write(`${command}: skipped ${skipped.count} invalid line(s) of ${sanitizeForTerminal(skipped.file, { singleLine: true })} (--skip-invalid; lines ${skipped.lines.slice(0, 10).join(", ")}${skipped.count > 10 ? ", …" : ""})\n`);
  if (ctx.signal.aborted || summary.stoppedBy === "cancelled") {
    write(ctx.stderr, [`${command}: interrupted — ${summary.reason ?? ""}`, `resume with the same flags plus --resume (out: ${run.store.dir})`]);
    return 130;
  }
  if (summary.status !== "complete") {
    const lines = [`${command}: ${summary.status} — ${summary.reason ?? ""}`, usage];
    if (outputs) lines.push(`report: ${outputs.files.report}`);
    else lines.push(`continue with the same flags plus --resume (out: ${run.store.dir})`);
    write(ctx.stderr, lines);
    return summary.status === "failed" ? 1 : 3;
  }
  if (!outputs) return 1;
  write(ctx.stdout, o.summary(outputs, usage));
  return 0;
}
