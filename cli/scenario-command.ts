// THE cli command of a defined scenario (scenarios/define-scenario.ts): its flags plus the run,
// tidy and model flags; flags → spec (parsed: defaults from the schema; bad input → one line,
// exit 2), prepare (validated and planned before anything is written), the models
// (model-options.ts), the run (scenarios/open-scenario-run.ts: --out, --resume, --force; the
// manifest config is the parsed spec), progress lines folded from the run events or the live
// dashboard, runScenario, and the exit code — 0 complete (summary on stdout), 130 interrupted and
// 3 stopped early (both resumable), 1 mostly failed, 2 a configuration error.
//   export const command = scenarioCommand({ name: "survey run", …, flags: SURVEY_OPTIONS,
//     load: async () => (await import(<the scenario module>)).surveyScenario });
import type { AnyScenarioDefinition } from "../scenarios/define-scenario.js";
import { defineCommand, type CommandContext, type CommandSpec, type OptionSpec } from "./command.js";
import { MODEL_OPTIONS } from "./model-options.js";
import { RUN_OPTIONS, TIDY_OPTIONS } from "./run-options.js";
import { DASHBOARD_OPTIONS } from "./dashboard/dashboard-wanted.js";

export interface ScenarioCommandOptions {
  name: string;
  summary: string;
  /** the command's description, before the exit codes */
  description: string;
  examples: string[];
  /** the scenario's flags (light: the definition itself loads when the command runs) */
  flags: Record<string, OptionSpec>;
  load(): Promise<AnyScenarioDefinition>;
  /** the live dashboard flags (the scenario defines `dashboard`) */
  dashboard?: boolean;
}

/** the last sentence of every scenario command's description */
const EXIT_CODES =
  "Exit codes: 0 complete, 2 bad input, 3 stopped early (budget cap or failures; continue with --resume), 130 interrupted (continue with --resume), 1 the run mostly failed.";

export function scenarioCommand(o: ScenarioCommandOptions): CommandSpec {
  return defineCommand({
    name: o.name,
    summary: o.summary,
    description: o.description + EXIT_CODES,
    options: { ...o.flags, ...RUN_OPTIONS, ...TIDY_OPTIONS, ...MODEL_OPTIONS, ...(o.dashboard ? DASHBOARD_OPTIONS : {}) },
    examples: o.examples,
    run: async (ctx) => runScenarioCommand(await o.load(), ctx, { dashboard: o.dashboard === true }),
  });
}

/** `dashboard`: the command has the dashboard flags, so it draws the live dashboard when wanted */
export async function runScenarioCommand(
  def: AnyScenarioDefinition,
  ctx: CommandContext,
  options: { dashboard?: boolean } = {},
): Promise<number> {
  const { parseSpec } = await import("../scenarios/parse-spec.js");
  const { requireOut, parseRunLimits, parseTidyFormat, storeMode } = await import("./run-options.js");
  const { parseAttributes } = await import("../scenarios/persona-flags.js");
  const { parseSampling, resolveCliModels } = await import("./model-options.js");
  const { DEFAULT_SAMPLING } = await import("../core/model/model-client.js");
  const { parseModelSpec } = await import("../core/model/model-spec.js");
  const { UsageError } = await import("../core/errors.js");
  const { openScenarioRun } = await import("../scenarios/open-scenario-run.js");
  const { scenarioOf } = await import("../scenarios/define-scenario.js");
  const { runScenario } = await import("../scenarios/run-scenario.js");
  const { createRunPersonaEngine } = await import("./create-run-persona-engine.js");
  const { createScenarioProgress } = await import("./scenario-progress.js");
  const { sanitizeForTerminal } = await import("../core/sanitize/sanitize-for-terminal.js");
  const { usageLine } = await import("./usage-line.js");
  const { resolve } = await import("node:path");
  const v = ctx.values;
  const command = def.command;

  const out = requireOut(v);
  // decided (and --dashboard/--no-dashboard checked) before the scenario reads its own input
  const dashboard = options.dashboard === true && (await import("./dashboard/dashboard-wanted.js")).dashboardWanted(v, ctx);
  const input = def.fromFlags(v, { cwd: ctx.cwd }) as Record<string, unknown>;
  // the role models (stress: --target, --judge; default the --model spec), checked as given
  const modelFlag = (flag: string, value: string): string => {
    try {
      parseModelSpec(value);
      return value;
    } catch (err) {
      throw new UsageError(`--${flag}: ${(err as Error).message}`, { code: "E_MODEL_CONFIG" });
    }
  };
  const roleSpecs: Record<string, string> = {};
  if (def.roles?.length) {
    const main = modelFlag("model", typeof v.model === "string" ? v.model : (ctx.env.DEEPPERSONA_MODEL ?? "offline"));
    for (const role of def.roles) roleSpecs[role] = typeof v[role] === "string" ? modelFlag(role, v[role] as string) : main;
  }
  const limits = parseRunLimits(v);
  const attributes = "attributes" in def.flags ? parseAttributes(v) : undefined;
  const sampling = parseSampling(v, DEFAULT_SAMPLING);
  const format = parseTidyFormat(v.format);
  const spec = parseSpec(
    def.spec,
    {
      ...input,
      attributes: input.personasFile ? null : attributes,
      concurrency: limits.concurrency,
      requestsPerMinute: limits.rpm ?? null,
      budgetUsd: limits.budgetUsd ?? null,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      ...(format === "parquet" ? { format } : {}),
    },
    command,
  );
  const mode = storeMode(v);
  const prepared = await def.prepare(spec, { cwd: ctx.cwd });
  const skipped = prepared.selection.skipped;
  // --skip-invalid: the bad lines of the personas file that were skipped (summary, manifest)
  const plan = skipped
    ? {
        ...prepared,
        spec: {
          ...prepared.spec,
          input_skipped: { file: skipped.file, lines: skipped.lines.map((l: { line: number }) => l.line), count: skipped.lines.length },
        },
      }
    : prepared;

  const models = await resolveCliModels(ctx, {
    seed: spec.seed,
    embeddings: plan.selection.plans !== undefined,
    limits: { concurrency: limits.inFlight, rpm: limits.rpm },
  });
  const relay = dashboard ? (await import("./dashboard/event-relay.js")).createEventRelay() : undefined;
  let live: import("./dashboard/live-dashboard.js").LiveDashboard | undefined;
  const progress = createScenarioProgress({ stderr: ctx.stderr, isTTY: ctx.isTTY, enabled: () => !live || live.hidden });
  const opened = await openScenarioRun(def, {
    plan,
    roleSpecs,
    inFlight: limits.inFlight,
    dir: resolve(ctx.cwd, out),
    mode,
    onEvent: (event) => {
      relay?.push(event);
      progress.push(event);
    },
    models: {
      client: models.client,
      meter: models.meter,
      prices: models.prices,
      embeddingsSpec: models.embeddingsSpec,
      serverKind: models.serverKind,
      clock: () => models.clock(),
      offlineOnly: () => models.offlineOnly(),
      // same key, server, sampling, limiter, meter and events; checked for reachability (exit 2)
      roleClient: async (roleSpec, role) => {
        const client = await models.roleClient(roleSpec);
        if (client.offline && !models.offline)
          ctx.stderr.write(`deeppersona: --${role} is the built-in offline model — its output is synthetic\n`);
        return client;
      },
      createEngine: (n) => createRunPersonaEngine(ctx, models, { attributes: n }),
      onEvent: (listener) => models.onEvent(listener),
    },
  });
  const { store } = opened;
  if (relay) {
    // survey: its items, arms, countries (and Big Five traits); discuss and stress: from the manifest
    const { manifestDashboardContext, manifestTraits, surveyDashboardContext } = await import("./dashboard/survey-dashboard-context.js");
    const { startLiveDashboard } = await import("./dashboard/live-dashboard.js");
    const { foldRunEvents } = await import("./dashboard/fold-run-event.js");
    const traits = manifestTraits(store.manifest);
    const context = def.dashboard
      ? surveyDashboardContext({ command, model: opened.run.client.spec, ...def.dashboard(plan), ...(traits ? { traits } : {}) })
      : manifestDashboardContext(store.manifest);
    const output = ctx.stderr as NodeJS.WriteStream;
    const interactive = Boolean(process.stdin.isTTY && output.isTTY);
    live = startLiveDashboard({
      context,
      output,
      ...(interactive ? { input: process.stdin } : {}),
      interactive,
      // what the store wrote while the run was prepared (run-start, recovered lines)
      initialState: foldRunEvents(relay.take()),
      // ctrl-c pressed in the dashboard (the terminal is raw, so no SIGINT arrives by itself)
      onInterrupt: () => process.kill(process.pid, "SIGINT"),
    });
    relay.attach((event) => live?.push(event));
  }
  const scenario = scenarioOf(def, plan, opened.run);
  let summary: Awaited<ReturnType<typeof runScenario>>;
  try {
    summary = await runScenario({ store, scenario, signal: ctx.signal, ...(opened.budget ? { budget: opened.budget } : {}) });
  } finally {
    await live?.close();
  }
  progress.done();
  if (summary.fatal) throw summary.fatal;
  const usage = usageLine(def.modelsLabel(opened.run), models.meter.totals());
  const outputs = scenario.outputs();
  // model and server text (reasons, topics, table cells) never reaches the terminal raw
  const write = (stream: NodeJS.WritableStream, lines: string[]) => stream.write(`${sanitizeForTerminal(lines.join("\n"))}\n`);
  if (skipped) {
    const lines = skipped.lines.map((l: { line: number }) => l.line);
    ctx.stderr.write(
      `${command}: skipped ${lines.length} invalid line(s) of ${sanitizeForTerminal(skipped.file, { singleLine: true })} (--skip-invalid; lines ${lines.slice(0, 10).join(", ")}${lines.length > 10 ? ", …" : ""})\n`,
    );
  }
  if (ctx.signal.aborted || summary.stoppedBy === "cancelled") {
    write(ctx.stderr, [
      `${command}: interrupted — ${summary.reason ?? ""}`,
      `resume with the same flags plus --resume (out: ${store.dir})`,
    ]);
    return 130;
  }
  if (summary.status !== "complete") {
    const lines = [`${command}: ${summary.status} — ${summary.reason ?? ""}`, usage];
    if (outputs) lines.push(`report: ${outputs.files.report}`);
    else lines.push(`continue with the same flags plus --resume (out: ${store.dir})`);
    write(ctx.stderr, lines);
    return summary.status === "failed" ? 1 : 3;
  }
  if (!outputs) return 1;
  write(ctx.stdout, def.summary(outputs, usage));
  return 0;
}
