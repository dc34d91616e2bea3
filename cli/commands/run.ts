// `deeppersona run STUDY.yaml [flags]`: runs a study file. the dispatcher (studyRunArgv, study-file.ts)
// rewrites it to the scenario's command with --config, so this module only serves --help.
import { defineCommand } from "../command.js";

export const command = defineCommand({
  name: "run",
  summary: "run a study file (YAML/JSON: scenario: survey|discuss|stress plus one key per flag)",
  description:
    "Reads STUDY (YAML or JSON, comments allowed): `scenario: survey|discuss|stress` picks the command (survey run, discuss, stress), every other key is one of its flags in snake_case or kebab-case (per_country: 8, items: [Q45, Q46]). " +
    "Flags after the file override the file's values; unknown keys exit 2 with close matches. `deeppersona init` writes a commented example.",
  options: {},
  positionals: [{ name: "study", description: "the study file (.yaml, .yml or .json)", required: true }],
  examples: [
    "deeppersona run examples/study.yaml",
    "deeppersona run examples/study.yaml --seed 2 --out runs/seed2",
    "deeppersona survey run --resume --out runs/wvs-ke-de",
  ],
  async run(ctx) {
    ctx.stderr.write("deeppersona run: pass a study file, e.g. deeppersona run examples/study.yaml\n");
    return 2;
  },
});
