// `deeppersona init [FILE]`: writes a commented example study (never overwrites).
import { defineCommand } from "../command.js";
import { makeDirectory } from "../../core/store/make-directory.js";

export const command = defineCommand({
  name: "init",
  summary: "write a commented example study file (run it with `deeppersona run study.yaml`)",
  description:
    "Writes FILE (default study.yaml) with a small offline survey study and comments on every key; refuses to overwrite an existing file.",
  options: {},
  positionals: [{ name: "file", description: "the study file to write (default study.yaml)" }],
  examples: ["deeppersona init", "deeppersona init studies/ke-de.yaml && deeppersona run studies/ke-de.yaml"],
  async run(ctx) {
    const { existsSync, writeFileSync } = await import("node:fs");
    const { dirname, resolve } = await import("node:path");
    const { UsageError } = await import("../../core/errors.js");
    const { STUDY_TEMPLATE } = await import("../study-template.js");
    const file = ctx.positionals[0] ?? "study.yaml";
    const path = resolve(ctx.cwd, file);
    if (existsSync(path))
      throw new UsageError(`'${file}' exists; choose another file name (deeppersona init OTHER.yaml) or delete it first`);
    makeDirectory(dirname(path));
    writeFileSync(path, STUDY_TEMPLATE, { flag: "wx" });
    ctx.stdout.write(`wrote ${file}; run it with: deeppersona run ${file}\n`);
    return 0;
  },
});
