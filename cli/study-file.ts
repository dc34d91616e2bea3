// a study file (YAML or JSON, comments allowed): `scenario: survey|discuss|stress` plus one key
// per flag of that command, snake_case or kebab-case (`per_country: 8`, `items: [Q45, Q46]`).
// read and checked here; study-argv.ts turns it into the command's flags.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../core/errors.js";

/** scenario name in a study file → the cli command it runs */
export const STUDY_SCENARIOS = { survey: "survey run", discuss: "discuss", stress: "stress" } as const;
export type StudyScenario = keyof typeof STUDY_SCENARIOS;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const StudyFileSchema = z
  .object({ scenario: z.enum(Object.keys(STUDY_SCENARIOS) as [StudyScenario, ...StudyScenario[]]).optional() })
  .catchall(z.union([scalar, z.array(z.union([z.string(), z.number()]))]));
export type StudyFile = z.infer<typeof StudyFileSchema>;

/** reads and validates a study file; every problem is a one-line UsageError naming the file */
export async function readStudyFile(cwd: string, file: string): Promise<StudyFile> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch (err) {
    throw new UsageError(`cannot read study file '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}; check the path`);
  }
  const { parse } = await import("yaml");
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new UsageError(`study file '${file}' is not valid YAML/JSON: ${String((err as Error).message).split("\n")[0]}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new UsageError(`study file '${file}' must be a mapping of flag names to values (e.g. "scenario: survey")`);
  const parsed = StudyFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join(".") || "(top)";
    const hint =
      key === "scenario"
        ? `scenario must be one of ${Object.keys(STUDY_SCENARIOS).join(", ")}`
        : "values must be text, numbers, booleans or lists of them";
    throw new UsageError(`study file '${file}': bad value for '${key}': ${hint}`);
  }
  return parsed.data;
}

/** `deeppersona run STUDY.yaml [flags]` → `deeppersona <scenario command> --config STUDY.yaml [flags]`
 *  (the study file's `scenario` picks the command; everything else goes through --config); other argv unchanged */
export async function studyRunArgv(argv: string[], cwd: string): Promise<string[]> {
  const [first, file, ...rest] = argv;
  if (first !== "run" || file === undefined || file.startsWith("-")) return argv;
  const study = await readStudyFile(cwd, file);
  if (!study.scenario) throw new UsageError(`study file '${file}' needs a 'scenario:' key (${Object.keys(STUDY_SCENARIOS).join(", ")})`);
  return [...STUDY_SCENARIOS[study.scenario].split(" "), "--config", file, ...rest];
}
