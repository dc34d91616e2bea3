// `deeppersona discuss`: group discussions with measured opinion change (design and files: the description).
import { scenarioCommand } from "../scenario-command.js";
import { DISCUSSION_OPTIONS } from "../../scenarios/discussion/discussion-flags.js";

export const command = scenarioCommand({
  name: "discuss",
  summary: "group discussions with treatment and control arms, opinion change measured before and after",
  description:
    "Cuts personas (generated per country, or --personas) into same-country groups of --group-size, randomises groups to --arms (balanced, stratified by country), and has each group discuss --topic for --rounds rounds (everyone speaks once a round, in a seeded order, seeing the recent transcript). The treatment arm's discussion opens with the --treatment moderator message, the control arm's with --control. " +
    'Every persona answers the outcome items (--measure WVS ids, --stance "QUESTION" on 1–10) alone, in a fresh context, before and after. Writes DIR/turns.jsonl, measures.jsonl, metrics.json (per arm × item: means pre/post, change with a 95% CI from a cluster bootstrap over groups, share changed, distribution shift; the treatment effect), report.md and report.html (self-contained; opinion change per arm with CIs, transcript excerpts). ' +
    "On a terminal, stderr shows a live dashboard (progress with ETA, groups and rounds, the last turns, pre/post answers per arm, tokens and cost; q hide); otherwise line progress. ",
  flags: DISCUSSION_OPTIONS,
  dashboard: true,
  examples: [
    'deeppersona discuss --countries KEN,DEU --per-country 8 --topic "Should my town ban cars from the centre?" --treatment "Moderator: a study found the ban cut asthma admissions by 20%." --measure Q46 --out runs/cars',
    'deeppersona discuss --personas runs/ken --topic "Is nuclear power safe?" --treatment "Here is a fact sheet: …" --stance "Should our country build new nuclear plants?" --rounds 4 --model openai:gpt-4.1-mini --budget-usd 2 --out runs/nuclear',
    "deeppersona discuss --resume --out runs/cars ...   # the same flags as the interrupted run",
  ],
  load: async () => (await import("../../scenarios/discussion/discussion-scenario.js")).discussionScenario,
});
