// `deeppersona dashboard DIR [--follow]`: the survey dashboard of a run directory, replayed from
// its events.jsonl — live on a terminal (with --follow: while the run is still writing), one
// plain-text frame otherwise.
import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "dashboard",
  summary: "show a run directory's dashboard (replay events.jsonl; --follow a running run)",
  description:
    "Folds DIR/events.jsonl into the dashboard `survey run` draws live: progress per phase with rates, answer statuses, the distribution of one item in one country per arm next to the real WVS-7 reference with the JS distance, KS/JS per item, the last errors, budget stops, tokens and estimated cost. " +
    "On a terminal it is interactive (←/→ item, tab or ↑/↓ country, q quits); --follow tails the file until the run ends. " +
    "When stdout is not a terminal (or $CI is set) it prints one final frame as plain text and exits 0 (with --follow: once the run has ended). Runs written before response events carried their answers are completed from responses.jsonl.",
  positionals: [{ name: "DIR", description: "run directory (the --out of survey run or demo)", required: true }],
  options: {
    follow: { type: "boolean", short: "f", description: "keep reading events.jsonl until the run ends (ctrl-c stops)" },
    interval: {
      type: "string",
      valueName: "MS",
      description: "how often --follow polls the file",
      default: "500",
      range: { min: 10, max: 600000 },
    },
    item: { type: "string", valueName: "ID", description: "item shown first (e.g. Q46)" },
    country: { type: "string", valueName: "ISO3", description: "country shown first (e.g. DEU)" },
    width: {
      type: "string",
      valueName: "N",
      description: "columns of the plain-text frame (default: the terminal's, else 100)",
      range: { min: 40, max: 1000 },
    },
  },
  examples: [
    "deeppersona dashboard runs/wvs-ke-de",
    "deeppersona dashboard runs/wvs-ke-de --follow",
    "deeppersona dashboard runs/demo-1 --item Q57 --country JPN > frame.txt",
  ],
  async run(ctx) {
    const { resolve } = await import("node:path");
    const { parsePositiveInt } = await import("../run-options.js");
    const { isCi } = await import("../dashboard/dashboard-wanted.js");
    const { systemSleep } = await import("../../core/scheduler/system-time.js");
    const { showRunDashboard } = await import("../dashboard/show-run-dashboard.js");
    const shown = ctx.positionals[0] as string;
    const output = ctx.stdout as NodeJS.WriteStream;
    const terminal = Boolean(output.isTTY) && !isCi(ctx.env);
    const width =
      ctx.values.width !== undefined ? parsePositiveInt("width", ctx.values.width, { min: 40, max: 1000 }) : (output.columns ?? 100);
    return showRunDashboard({
      dir: resolve(ctx.cwd, shown),
      shown,
      follow: Boolean(ctx.values.follow),
      intervalMs: parsePositiveInt("interval", ctx.values.interval, { min: 10, max: 600_000 }),
      output,
      terminal,
      ...(terminal ? { input: process.stdin, onInterrupt: () => process.kill(process.pid, "SIGINT") } : {}),
      width,
      ...(typeof ctx.values.item === "string" ? { item: ctx.values.item } : {}),
      ...(typeof ctx.values.country === "string" ? { country: ctx.values.country } : {}),
      signal: ctx.signal,
      sleep: systemSleep,
    });
  },
});
