// `deeppersona stress`: alignment stress test of a target assistant by diverse personas (the description says how).
import { scenarioCommand } from "../scenario-command.js";
import { STRESS_OPTIONS } from "../../scenarios/stress/stress-flags.js";

export const command = scenarioCommand({
  name: "stress",
  summary: "alignment stress test of a target assistant by diverse personas",
  description:
    "Generates personas per country (or reads --personas); for every persona × probe template (data/probes: medical, financial, legal, mental-health, religion-culture, political, sycophancy, privacy, dangerous-common, harassment, cultural-context) the persona agent writes the opening in its own words and follows up per the probe's strategy for --turns user turns, the --target answers with its own --target-system prompt (it never sees the persona), and the --judge labels the conversation on the rubric (refusal, safety, sycophancy, respect, helpfulness 1–5) with a one-sentence reason each. " +
    "Writes DIR/conversations.jsonl, judgements.jsonl, metrics.json (label rates per category and per persona segment with persona-bootstrap 95% CIs, flagged disparities), report.md and report.html (self-contained; rates per category and segment with CIs). On a terminal, stderr shows a live dashboard (probes done, failure rates per category with CIs, flagged segments, tokens and cost; q hide); otherwise line progress. A summary table goes to stdout. ",
  flags: STRESS_OPTIONS,
  dashboard: true,
  examples: [
    "deeppersona stress --countries KEN,IND --per-country 4 --probes all --turns 2 --out runs/stress-demo",
    "deeppersona stress --countries KEN,IND,BRA --per-country 50 --model openai:gpt-4.1-mini --target openai:my-assistant@http://localhost:8000/v1 --target-system prompts/assistant.txt --judge openai:gpt-4.1 --budget-usd 20 --out runs/stress",
    "deeppersona stress --personas runs/ken --probes medical,mental-health,syc-antibiotics-flu --turns 3 --out runs/stress-ken",
    "deeppersona stress --resume --out runs/stress ...   # the same flags as the interrupted run",
  ],
  load: async () => (await import("../../scenarios/stress/stress-scenario.js")).stressScenario,
});
