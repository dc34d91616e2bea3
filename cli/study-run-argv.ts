// `deeppersona run STUDY.yaml [flags]` → `deeppersona <scenario command> --config STUDY.yaml [flags]`:
// the study file's `scenario` picks the command; everything else goes through --config.
import { UsageError } from "../core/errors.js";
import { STUDY_SCENARIOS } from "./study-file.js";

/** argv unchanged unless it is `run FILE …` */
export async function studyRunArgv(argv: string[], cwd: string): Promise<string[]> {
  const [first, file, ...rest] = argv;
  if (first !== "run" || file === undefined || file.startsWith("-")) return argv;
  const { readStudyFile } = await import("./study-file.js");
  const study = await readStudyFile(cwd, file);
  if (!study.scenario) throw new UsageError(`study file '${file}' needs a 'scenario:' key (${Object.keys(STUDY_SCENARIOS).join(", ")})`);
  return [...STUDY_SCENARIOS[study.scenario].split(" "), "--config", file, ...rest];
}
