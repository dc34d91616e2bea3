// `deeppersona survey run`: the country-stratified survey simulation (what it writes: the description).
import { scenarioCommand } from "../scenario-command.js";
import { SURVEY_OPTIONS } from "../../scenarios/survey/survey-flags.js";

export const command = scenarioCommand({
  name: "survey run",
  summary: "simulate a survey (wvs, bigfive) across country-stratified personas",
  description:
    "Generates personas per country (or reads --personas), has each persona agent answer the instrument and writes DIR/responses.jsonl (one row per arm × persona × item × sample), responses.csv (long: one row per answer with the arm and persona covariates), responses-wide.csv (one column per item), personas.csv, attributes.csv, metrics.csv (and Parquet twins with --format parquet), metrics.json (per arm × country × item vs the country's WVS-7 reference; Big Five: trait scores vs culture means), report.md (tables and text bar charts) and report.html (self-contained, SVG charts per item × country). " +
    "Baselines answer in the same run (--baseline): uniform (no model call), tao2024 (Tao et al. 2024 cultural prompting), empty (no persona), demographics (census anchors only), cultural-prompting (country only); --depths 25,220 adds deep-<k> arms showing the first k attributes. --instrument also takes your own questionnaire (.yaml/.json, see examples/), --reference your own answers. " +
    "On a terminal, stderr shows a live dashboard (progress per phase, answer distributions per arm next to the real WVS-7 distribution with JS distances, KS/JS per item, errors; ←/→ item, tab country, q hide); otherwise line progress. A summary table goes to stdout. ",
  flags: SURVEY_OPTIONS,
  dashboard: true,
  examples: [
    "deeppersona survey run --instrument wvs --countries KEN,DEU --per-country 50 --items Q45,Q46,Q57 --seed 1 --out runs/wvs-ke-de",
    "deeppersona survey run --instrument wvs --countries DEU --per-country 20 --baseline cultural-prompting,demographics --model openai:gpt-4.1-mini --budget-usd 2 --out runs/de",
    "deeppersona survey run --instrument bigfive --personas runs/ken/personas.jsonl --mode batched --out runs/ken-b5",
    "deeppersona survey run --resume --out runs/wvs-ke-de ...   # the same flags as the interrupted run",
  ],
  load: async () => (await import("../../scenarios/survey/survey-scenario.js")).surveyScenario,
});
