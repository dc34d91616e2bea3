// every command, with its summary, and a lazy loader so that `--help` and dispatch import only
// the module that runs.
import type { CommandSpec } from "./command.js";

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ command: CommandSpec }>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: "init",
    summary: "write a commented example study file (run it with `deeppersona run study.yaml`)",
    load: () => import("./commands/init.js"),
  },
  {
    name: "run",
    summary: "run a study file (YAML/JSON: scenario: survey|discuss|stress plus one key per flag)",
    load: () => import("./commands/run.js"),
  },
  {
    name: "demo",
    summary: "run the main job offline: a small country-stratified survey simulation",
    load: () => import("./commands/demo.js"),
  },
  { name: "population list", summary: "list countries with population tables", load: () => import("./commands/population-list.js") },
  { name: "population sample", summary: "draw census-grounded demographic records", load: () => import("./commands/population-sample.js") },
  {
    name: "population check",
    summary: "total-variation distance of a sample vs the tables",
    load: () => import("./commands/population-check.js"),
  },
  {
    name: "taxonomy stats",
    summary: "node, leaf and depth statistics of the attribute taxonomy",
    load: () => import("./commands/taxonomy-stats.js"),
  },
  { name: "taxonomy validate", summary: "validate a taxonomy file or folder", load: () => import("./commands/taxonomy-validate.js") },
  { name: "taxonomy export", summary: "export every node path or the tree as json", load: () => import("./commands/taxonomy-export.js") },
  {
    name: "taxonomy mine",
    summary: "stage-1 miner: attribute paths from conversations",
    load: () => import("./commands/taxonomy-mine.js"),
  },
  {
    name: "metrics compare",
    summary: "compare simulated answers with a reference (ks, wasserstein, js, mean diff)",
    load: () => import("./commands/metrics-compare.js"),
  },
  {
    name: "personas generate",
    summary: "generate deep personas for one or more countries",
    load: () => import("./commands/personas-generate.js"),
  },
  {
    name: "personas stats",
    summary: "depth, coverage, tier shares and diversity of generated personas",
    load: () => import("./commands/personas-stats.js"),
  },
  { name: "personas show", summary: "print one persona as a readable profile", load: () => import("./commands/personas-show.js") },
  {
    name: "instruments list",
    summary: "list the shipped survey instruments (items, scoring, licence)",
    load: () => import("./commands/instruments-list.js"),
  },
  {
    name: "instruments show",
    summary: "print an instrument's items exactly as a respondent reads them",
    load: () => import("./commands/instruments-show.js"),
  },
  {
    name: "survey run",
    summary: "simulate a survey (wvs, bigfive) across country-stratified personas",
    load: () => import("./commands/survey-run.js"),
  },
  {
    name: "dashboard",
    summary: "show a run directory's dashboard (replay events.jsonl; --follow a running run)",
    load: () => import("./commands/dashboard.js"),
  },
  {
    name: "report",
    summary: "(re)build report.md and a self-contained report.html for a survey, discuss or stress run",
    load: () => import("./commands/report.js"),
  },
  {
    name: "discuss",
    summary: "group discussions with treatment and control arms, opinion change measured before and after",
    load: () => import("./commands/discuss.js"),
  },
  {
    name: "calibrate",
    summary: "correct a survey run's shares with a small real pilot (prediction-powered inference)",
    load: () => import("./commands/calibrate.js"),
  },
  {
    name: "ablate",
    summary: "does depth help here? the depth ladder with fidelity and paired CIs per rung",
    load: () => import("./commands/ablate.js"),
  },
  {
    name: "evaluate personas",
    summary: "judge-model uniqueness, actionability, attribute recovery and diversity of personas, with CIs",
    load: () => import("./commands/evaluate-personas.js"),
  },
  {
    name: "stress",
    summary: "alignment stress test of a target assistant by diverse personas",
    load: () => import("./commands/stress.js"),
  },
  { name: "cache stats", summary: "entries, size and age of the model response cache", load: () => import("./commands/cache-stats.js") },
  {
    name: "worker",
    summary: "run queued model calls (BullMQ on Redis) for runs started with --queue",
    load: () => import("./commands/worker.js"),
  },
  {
    name: "queue status",
    summary: "job counts of the model-call queue (waiting, active, completed, failed, delayed)",
    load: () => import("./commands/queue-status.js"),
  },
  {
    name: "cache prune",
    summary: "shrink the model response cache (--max-mb, --older-than DAYS)",
    load: () => import("./commands/cache-prune.js"),
  },
];

/** command groups ("population", "taxonomy", …) derived from the names */
export function commandGroups(): string[] {
  const groups = new Set<string>();
  for (const c of COMMANDS) {
    const [first, second] = c.name.split(" ");
    if (second && first) groups.add(first);
  }
  return [...groups];
}
