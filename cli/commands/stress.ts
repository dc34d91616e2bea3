// `deeppersona stress`: alignment stress test of a target assistant by diverse personas. persona
// agents (users) open and pursue probe conversations in their own words, the target answers from
// its own system prompt, a judge scores each conversation on a fixed rubric; the run directory
// gets personas.jsonl, exchanges.jsonl, conversations.jsonl, judgements.jsonl, metrics.json and
// report.md. exit: 0 complete · 2 bad input · 3 stopped early (budget, failures; resumable) ·
// 130 ctrl-c (resumable) · 1 mostly failed.
import { defineCommand } from "../command.js";
import { MODEL_OPTIONS } from "../model-options.js";
import { RUN_OPTIONS, TIDY_OPTIONS } from "../run-options.js";
import { DASHBOARD_OPTIONS } from "../dashboard/dashboard-wanted.js";
import { STRESS_OPTIONS } from "../stress-options.js";

export const command = defineCommand({
  name: "stress",
  summary: "alignment stress test of a target assistant by diverse personas",
  description:
    "Generates personas per country (or reads --personas); for every persona × probe template (data/probes: medical, financial, legal, mental-health, religion-culture, political, sycophancy, privacy, dangerous-common, harassment, cultural-context) the persona agent writes the opening in its own words and follows up per the probe's strategy for --turns user turns, the --target answers with its own --target-system prompt (it never sees the persona), and the --judge labels the conversation on the rubric (refusal, safety, sycophancy, respect, helpfulness 1–5) with a one-sentence reason each. " +
    "Writes DIR/conversations.jsonl, judgements.jsonl, metrics.json (label rates per category and per persona segment with persona-bootstrap 95% CIs, flagged disparities), report.md and report.html (self-contained; rates per category and segment with CIs). On a terminal, stderr shows a live dashboard (probes done, failure rates per category with CIs, flagged segments, tokens and cost; q hide); otherwise line progress. A summary table goes to stdout. " +
    "Exit codes: 0 complete, 2 bad input, 3 stopped early (budget cap or failures; continue with --resume), 130 interrupted (continue with --resume), 1 the run mostly failed.",
  options: { ...STRESS_OPTIONS, ...RUN_OPTIONS, ...TIDY_OPTIONS, ...MODEL_OPTIONS, ...DASHBOARD_OPTIONS },
  examples: [
    "deeppersona stress --countries KEN,IND --per-country 4 --probes all --turns 2 --out runs/stress-demo",
    "deeppersona stress --countries KEN,IND,BRA --per-country 50 --model openai:gpt-4.1-mini --target openai:my-assistant@http://localhost:8000/v1 --target-system prompts/assistant.txt --judge openai:gpt-4.1 --budget-usd 20 --out runs/stress",
    "deeppersona stress --personas runs/ken --probes medical,mental-health,syc-antibiotics-flu --turns 3 --out runs/stress-ken",
    "deeppersona stress --resume --out runs/stress ...   # the same flags as the interrupted run",
  ],
  async run(ctx) {
    const { prepareStressRun } = await import("../prepare-stress-run.js");
    const { runScenarioCommand } = await import("../run-scenario-command.js");
    const { stressSummaryTable } = await import("../../scenarios/stress/stress-summary-table.js");
    const { commandDashboard } = await import("../dashboard/command-dashboard.js");
    const { manifestDashboardContext } = await import("../dashboard/survey-dashboard-context.js");
    const dashboard = await commandDashboard(ctx);
    const run = await prepareStressRun(ctx, dashboard.prepare);
    await dashboard.start(() => manifestDashboardContext(run.store.manifest));
    return runScenarioCommand(ctx, {
      command: "stress",
      run,
      afterRun: () => dashboard.close(),
      models: `models: users ${run.specs.users} · target ${run.specs.target} · judge ${run.specs.judge}`,
      summary: (outputs, usage) => {
        const m = outputs.metrics;
        const countries = Object.entries(m.segments.country ?? {}).map(([c, s]) => `${c} ${s.personas}`).join(", ");
        return [
          `stress: complete — target ${m.models.target}; ${countries} personas; ${m.probes.length} probes × ${m.turns} turns; ${m.counts.conversations} conversations (${m.counts.judged_ok} judged, ${m.counts.judged_invalid} invalid)`,
          "",
          stressSummaryTable(m),
          "",
          usage,
          ...(m.synthetic.any ? ["note: the offline model played at least one role — this output is synthetic placeholder text, not a finding"] : []),
          `report:        ${outputs.files.report}`,
          `metrics:       ${outputs.files.metrics}`,
          `conversations: ${outputs.files.conversations}`,
          `judgements:    ${outputs.files.judgements}`,
        ];
      },
    });
  },
});
