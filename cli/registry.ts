// every command, with its summary, and a lazy loader so that `--help` and dispatch import only
// the module that runs.
import type { CommandSpec } from "./command.js";

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ command: CommandSpec }>;
}

// each command's module (its name, spaces as dashes, under commands/)
const LOADERS = {
  init: () => import("./commands/init.js"),
  run: () => import("./commands/run.js"),
  demo: () => import("./commands/demo.js"),
  "population list": () => import("./commands/population-list.js"),
  "population sample": () => import("./commands/population-sample.js"),
  "population check": () => import("./commands/population-check.js"),
  "taxonomy stats": () => import("./commands/taxonomy-stats.js"),
  "taxonomy validate": () => import("./commands/taxonomy-validate.js"),
  "taxonomy export": () => import("./commands/taxonomy-export.js"),
  "taxonomy mine": () => import("./commands/taxonomy-mine.js"),
  "metrics compare": () => import("./commands/metrics-compare.js"),
  "personas generate": () => import("./commands/personas-generate.js"),
  "personas stats": () => import("./commands/personas-stats.js"),
  "personas show": () => import("./commands/personas-show.js"),
  "instruments list": () => import("./commands/instruments-list.js"),
  "instruments show": () => import("./commands/instruments-show.js"),
  "survey run": () => import("./commands/survey-run.js"),
  dashboard: () => import("./commands/dashboard.js"),
  report: () => import("./commands/report.js"),
  discuss: () => import("./commands/discuss.js"),
  calibrate: () => import("./commands/calibrate.js"),
  ablate: () => import("./commands/ablate.js"),
  "evaluate personas": () => import("./commands/evaluate-personas.js"),
  stress: () => import("./commands/stress.js"),
  "cache stats": () => import("./commands/cache-stats.js"),
  worker: () => import("./commands/worker.js"),
  "queue status": () => import("./commands/queue-status.js"),
  "cache prune": () => import("./commands/cache-prune.js"),
} satisfies Record<string, CommandEntry["load"]>;

/** the commands in help order, with the one-line summary of the top-level help */
export const COMMANDS: CommandEntry[] = (
  [
    ["init", "write a commented example study file (run it with `deeppersona run study.yaml`)"],
    ["run", "run a study file (YAML/JSON: scenario: survey|discuss|stress plus one key per flag)"],
    ["demo", "run the main job offline: a small country-stratified survey simulation"],
    ["population list", "list countries with population tables"],
    ["population sample", "draw census-grounded demographic records"],
    ["population check", "total-variation distance of a sample vs the tables"],
    ["taxonomy stats", "node, leaf and depth statistics of the attribute taxonomy"],
    ["taxonomy validate", "validate a taxonomy file or folder"],
    ["taxonomy export", "export every node path or the tree as json"],
    ["taxonomy mine", "stage-1 miner: attribute paths from conversations"],
    ["metrics compare", "compare simulated answers with a reference (ks, wasserstein, js, mean diff)"],
    ["personas generate", "generate deep personas for one or more countries"],
    ["personas stats", "depth, coverage, tier shares and diversity of generated personas"],
    ["personas show", "print one persona as a readable profile"],
    ["instruments list", "list the shipped survey instruments (items, scoring, licence)"],
    ["instruments show", "print an instrument's items exactly as a respondent reads them"],
    ["survey run", "simulate a survey (wvs, bigfive) across country-stratified personas"],
    ["dashboard", "show a run directory's dashboard (replay events.jsonl; --follow a running run)"],
    ["report", "(re)build report.md and a self-contained report.html for a survey, discuss or stress run"],
    ["discuss", "group discussions with treatment and control arms, opinion change measured before and after"],
    ["calibrate", "correct a survey run's shares with a small real pilot (prediction-powered inference)"],
    ["ablate", "does depth help here? the depth ladder with fidelity and paired CIs per rung"],
    ["evaluate personas", "judge-model uniqueness, actionability, attribute recovery and diversity of personas, with CIs"],
    ["stress", "alignment stress test of a target assistant by diverse personas"],
    ["cache stats", "entries, size and age of the model response cache"],
    ["worker", "run queued model calls (BullMQ on Redis) for runs started with --queue"],
    ["queue status", "job counts of the model-call queue (waiting, active, completed, failed, delayed)"],
    ["cache prune", "shrink the model response cache (--max-mb, --older-than DAYS)"],
  ] satisfies [keyof typeof LOADERS, string][]
).map(([name, summary]) => ({ name, summary, load: LOADERS[name] }));

/** command groups ("population", "taxonomy", …) derived from the names */
export function commandGroups(): string[] {
  const groups = new Set<string>();
  for (const c of COMMANDS) {
    const [first, second] = c.name.split(" ");
    if (second && first) groups.add(first);
  }
  return [...groups];
}
