// `deeppersona evaluate personas DIR --out DIR`: the paper's intrinsic persona metrics with a judge
// model — uniqueness and actionability (1–5, two orderings), attribute recovery from the summary,
// value-aware diversity (embedding distance of rendered profiles, name / place repetition) — with
// 95% CIs over personas, in evaluation.json and evaluation.md.
import { defineCommand } from "../command.js";
import { makeDirectory } from "../../core/store/make-directory.js";

export const command = defineCommand({
  name: "evaluate personas",
  summary: "judge-model uniqueness, actionability, attribute recovery and diversity of personas, with CIs",
  description:
    "Reads DIR/personas.jsonl (or a .jsonl file), takes a seeded sample of --sample personas and has --judge score each on uniqueness and actionability (1-5 rubric, asked in two orderings and averaged) and list which of up to 30 of its filled attributes its summary reveals (recall). Diversity: mean pairwise cosine distance of the embedded rendered profiles, and name / home-place repetition rates (1 − distinct/n). " +
    "Writes --out/evaluation.json (each metric with a 95% percentile-bootstrap CI over personas) and evaluation.md. Offline (the default judge) every score is synthetic and labelled so.",
  positionals: [{ name: "DIR", description: "run directory or personas.jsonl", required: true }],
  options: {
    judge: { type: "string", valueName: "SPEC", description: "judge chat model (default: $DEEPPERSONA_MODEL or offline)" },
    embeddings: { type: "string", valueName: "SPEC", description: "embeddings for the diversity metric" },
    "base-url": { type: "string", valueName: "URL", description: "server for --judge" },
    sample: { type: "string", valueName: "N", description: "personas to evaluate (seeded sample)", default: "50" },
    seed: { type: "string", valueName: "N", description: "random seed", default: "1" },
    concurrency: { type: "string", valueName: "N", description: "judge calls in flight", default: "8" },
    out: { type: "string", valueName: "DIR", description: "output directory" },
    force: { type: "boolean", description: "overwrite an existing evaluation in --out" },
  },
  examples: ["deeppersona evaluate personas runs/de --judge openai:gpt-4.1 --sample 40 --out runs/de-eval"],
  async run(ctx) {
    const { existsSync, writeFileSync } = await import("node:fs");
    const { join, resolve } = await import("node:path");
    const { UsageError } = await import("../../core/errors.js");
    const { parsePositiveInt } = await import("../run-options.js");
    const { readPersonasFile } = await import("../../scenarios/read-personas-file.js");
    const { createRng } = await import("../../core/rng.js");
    const { judgePersonas } = await import("../evaluate-judge.js");
    const { meanWithCi, embeddingDiversity, repetitionRate } = await import("../../scenarios/evaluate/persona-evaluation.js");
    const { evaluationReport } = await import("../../scenarios/evaluate/evaluation-report.js");
    const { RUBRIC_PROMPT_VERSION, RECOVERY_PROMPT_VERSION } = await import("../../scenarios/evaluate/judge-prompts.js");

    if (typeof ctx.values.out !== "string") throw new UsageError("--out DIR is required (where evaluation.json goes)");
    const sample = parsePositiveInt("sample", ctx.values.sample, { max: 100000 });
    const concurrency = parsePositiveInt("concurrency", ctx.values.concurrency, { max: 256 });
    const seed = String(ctx.values.seed);
    const outDir = resolve(ctx.cwd, ctx.values.out);
    if (existsSync(join(outDir, "evaluation.json")) && !ctx.values.force)
      throw new UsageError(`'${ctx.values.out}' already holds an evaluation; pass --force to overwrite or choose another --out`);
    const all = readPersonasFile(ctx.cwd, ctx.positionals[0] as string);
    if (all.length < 2) throw new UsageError(`'${ctx.positionals[0]}' holds ${all.length} persona; evaluation needs at least 2`);
    const personas = all.length <= sample ? all : createRng(`${seed}/evaluate-sample`).shuffle(all).slice(0, sample);
    const judged = await judgePersonas(ctx, personas, {
      ...(typeof ctx.values.judge === "string" ? { judge: ctx.values.judge } : {}),
      seed,
      concurrency,
    });
    const place = (p: (typeof personas)[number]) =>
      String(p.attributes.find((a) => a.status === "filled" && /Home City or Town$/.test(a.path))?.value ?? "");
    const scoreCi = (m: "uniqueness" | "actionability" | "recovery") =>
      meanWithCi(
        judged.scores.map((s) => s[m]),
        `${seed}/${m}`,
      );
    const file = {
      schema_version: 1 as const,
      personas: personas.length,
      judge: judged.judgeSpec,
      embeddings: judged.embeddingsSpec,
      synthetic: judged.offline,
      prompt_versions: { rubric: RUBRIC_PROMPT_VERSION, recovery: RECOVERY_PROMPT_VERSION },
      uniqueness: scoreCi("uniqueness"),
      actionability: scoreCi("actionability"),
      recovery: scoreCi("recovery"),
      diversity: {
        embedding_distance: embeddingDiversity(judged.vectors, `${seed}/diversity`),
        name_repetition: repetitionRate(personas.map((p) => p.name)),
        place_repetition: repetitionRate(personas.map(place).filter(Boolean)),
      },
      per_persona: judged.scores,
    };
    makeDirectory(outDir);
    writeFileSync(join(outDir, "evaluation.json"), JSON.stringify(file, null, 2) + "\n");
    writeFileSync(join(outDir, "evaluation.md"), evaluationReport(file));
    ctx.stdout.write(evaluationReport(file) + `evaluation: ${join(outDir, "evaluation.json")}\n`);
    return 0;
  },
});
