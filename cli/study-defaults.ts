// the flags a command gets from outside its command line: `--config FILE` (a study file) and,
// with `--resume` on survey run, discuss or stress, the run's manifest.json. returned as argv to parse before the explicit flags;
// precedence: explicit flags > study file > manifest > defaults.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CommandSpec } from "./command.js";
import { UsageError } from "../core/errors.js";
import { STUDY_SCENARIOS } from "./study-file.js";
import { valuesToArgv, withoutFlags } from "./study-argv.js";

export async function studyDefaultArgv(command: CommandSpec, explicit: Record<string, unknown>, cwd: string): Promise<string[]> {
  const given = new Set(Object.keys(explicit).filter((k) => explicit[k] !== undefined));
  let fileArgv: string[] = [];
  let fileValues: Record<string, unknown> = {};
  if (typeof explicit.config === "string") {
    const { readStudyFile } = await import("./study-file.js");
    const { scenario, ...rest } = await readStudyFile(cwd, explicit.config);
    if (scenario && STUDY_SCENARIOS[scenario] !== command.name) {
      throw new UsageError(
        `study file '${explicit.config}' is a ${scenario} study; run it with \`deeppersona run ${explicit.config}\` or \`deeppersona ${STUDY_SCENARIOS[scenario]} --config ${explicit.config}\``,
      );
    }
    fileValues = rest;
    fileArgv = withoutFlags(valuesToArgv(command.name, command.options, rest, `study file '${explicit.config}'`), command.options, given);
  }
  const fromFile = (k: string) => fileValues[k] ?? fileValues[k.replace(/-/g, "_")];
  const resume = explicit.resume ?? fromFile("resume");
  const out = explicit.out ?? fromFile("out");
  let manifestArgv: string[] = [];
  const scenarioCommand = (Object.values(STUDY_SCENARIOS) as string[]).includes(command.name);
  if (resume === true && typeof out === "string" && scenarioCommand) {
    const file = join(resolve(cwd, out), "manifest.json");
    let manifest: { command?: unknown; config?: unknown; models?: unknown } | undefined;
    try {
      manifest = JSON.parse(readFileSync(file, "utf8")) as typeof manifest;
    } catch {
      manifest = undefined; // no or unreadable manifest: the run store reports it
    }
    if (manifest && manifest.command === command.name && isRecord(manifest.config) && isRecord(manifest.models)) {
      const { manifestStudyValues } = await import("./study-from-manifest.js");
      const values = manifestStudyValues(
        { command: command.name, config: manifest.config, models: manifest.models as Record<string, string> },
        command.options,
      );
      const overridden = new Set([...given, ...fileArgv.filter((a) => a.startsWith("--")).map((a) => a.slice(2))]);
      manifestArgv = withoutFlags(valuesToArgv(command.name, command.options, values, `manifest '${file}'`), command.options, overridden);
    }
  }
  return [...manifestArgv, ...fileArgv];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
