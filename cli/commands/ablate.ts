// `deeppersona ablate --countries … --items … --out DIR`: "does depth help here?" in one command.
// runs `survey run` (in-process, the same code path and flags) with the arms uniform, empty,
// demographics, deep-25, deep-50, deep-100, deep-220 on the same personas, then prints each rung's
// pooled fidelity (surveys/metrics/arm-fidelity.ts) with persona-paired CIs, every deeper −
// shallower contrast with Bonferroni-adjusted CIs, and the shallowest rung no deeper rung beats;
// DIR/ablation.json keeps the figures, DIR/survey/ the survey run.
import { defineCommand } from "../command.js";
import { makeDirectory } from "../../core/store/make-directory.js";

export const ABLATION_LADDER = ["uniform", "empty", "demographics", "deep-25", "deep-50", "deep-100", "deep-220"] as const;

export const command = defineCommand({
  name: "ablate",
  summary: "does depth help here? the depth ladder with fidelity and paired CIs per rung",
  description:
    "Runs the survey with the arms uniform, empty, demographics, deep-25, deep-50, deep-100 and deep-220 on the same personas (DIR/survey is an ordinary survey run), then prints per rung the fidelity pooled over countries × items (1 = as close to the WVS-7 reference as real respondents at this n, 0 = chance; KS, W1 and JS distance) with a 95% centered-bootstrap CI from resampling personas, every deeper-minus-shallower paired contrast with a Bonferroni-adjusted CI (confidence 1 − 0.05/21), and the smallest rung r such that no deeper rung's adjusted CI of (deeper − r) lies above 0. Writes DIR/ablation.json.",
  options: {
    countries: { type: "string", valueName: "KEN,DEU", description: "countries to simulate" },
    items: { type: "string", valueName: "Q45,Q46", description: "WVS items to ask" },
    "per-country": { type: "string", valueName: "N", description: "personas per country", default: "30" },
    seed: { type: "string", valueName: "N", description: "random seed", default: "1" },
    bootstrap: {
      type: "string",
      valueName: "N",
      description: "bootstrap replicates of the paired CIs (the adjusted 99.8% contrast CIs need ≥ 2000)",
      default: "2000",
    },
    model: { type: "string", valueName: "SPEC", description: "chat model (default offline)" },
    embeddings: { type: "string", valueName: "SPEC", description: "embeddings for the persona engine" },
    "base-url": { type: "string", valueName: "URL", description: "server for --model" },
    concurrency: { type: "string", valueName: "N", description: "model calls in flight", default: "8" },
    "budget-usd": { type: "string", valueName: "USD", description: "cost cap of the survey run" },
    weights: {
      type: "string",
      valueName: "none|rake",
      description: "rake the personas to the population tables (weighted ladder, unweighted fidelity alongside)",
      default: "none",
    },
    out: { type: "string", valueName: "DIR", description: "output directory" },
    force: { type: "boolean", description: "overwrite an existing --out" },
  },
  examples: ["deeppersona ablate --countries DEU,KEN --items Q45,Q46,Q57 --per-country 40 --model openai:gpt-4.1-mini --out runs/ablate"],
  async run(ctx) {
    const { existsSync, writeFileSync } = await import("node:fs");
    const { join, resolve } = await import("node:path");
    const { PassThrough } = await import("node:stream");
    const { UsageError, DeepPersonaError, ERROR_CODES } = await import("../../core/errors.js");
    const { parsePositiveInt } = await import("../run-options.js");
    const { runCli } = await import("../run-cli.js");
    const { depthLadder } = await import("../../scenarios/ablate/depth-ladder.js");
    const { fidelityItem, alignedReference } = await import("../../surveys/metrics/fidelity-item.js");
    const { resolveInstrument } = await import("../../surveys/resolve-instrument.js");
    const { getItem } = await import("../../surveys/load-instrument.js");
    const { ladderTable } = await import("../../scenarios/ablate/ladder-table.js");
    const { findReference } = await import("../../surveys/references/load-reference.js");
    const { readResponseRecords } = await import("../calibrate-twins.js");

    if (typeof ctx.values.countries !== "string") throw new UsageError("--countries is required (e.g. --countries DEU,KEN)");
    if (typeof ctx.values.items !== "string") throw new UsageError("--items is required (e.g. --items Q45,Q46,Q57)");
    if (typeof ctx.values.out !== "string") throw new UsageError("--out DIR is required");
    const replicates = parsePositiveInt("bootstrap", ctx.values.bootstrap, { max: 100000 });
    const weightsKind = String(ctx.values.weights);
    if (weightsKind !== "none" && weightsKind !== "rake") throw new UsageError(`--weights '${weightsKind}' must be none or rake`);
    const outDir = resolve(ctx.cwd, ctx.values.out);
    if (existsSync(join(outDir, "ablation.json")) && !ctx.values.force)
      throw new UsageError(`'${ctx.values.out}' already holds an ablation; pass --force to overwrite or choose another --out`);
    const flag = (k: string) => (typeof ctx.values[k] === "string" ? [`--${k}`, ctx.values[k] as string] : []);
    const surveyDir = join(outDir, "survey");
    const argv = [
      ..."survey run --instrument wvs --baseline uniform,empty,demographics --depths 25,50,100,220 --bootstrap 0 --no-dashboard".split(" "),
      ...["countries", "items", "per-country", "seed", "model", "embeddings", "base-url", "concurrency", "budget-usd"].flatMap(flag),
      ...(ctx.values.force ? ["--force"] : []),
      "--out",
      surveyDir,
    ];
    // the survey run's own bad-input line goes to our stderr; its summary table is not ours
    const sink = new PassThrough();
    sink.resume();
    ctx.stderr.write(`ablate: survey run with ${ABLATION_LADDER.length} rungs → ${surveyDir}\n`);
    const code = await runCli({ argv, stdout: sink, stderr: ctx.stderr, env: ctx.env, cwd: ctx.cwd, signal: ctx.signal, isTTY: false });
    if (code === 2) return 2;
    if (code !== 0)
      throw new DeepPersonaError(
        ERROR_CODES.modelCall,
        `the ablation's survey run exited ${code}; continue it with deeppersona survey run --resume --out ${surveyDir} (same flags), then rerun ablate`,
        { exitCode: code },
      );
    const rows = readResponseRecords(surveyDir);
    const instrument = resolveInstrument(ctx.cwd, "wvs");
    const itemIds = [...new Set(rows.map((r) => r.item))];
    const items = itemIds.map((id) => fidelityItem(getItem(instrument, id))).filter((x) => x !== null);
    const supportOf = new Map(items.map((i) => [i.id, i.support]));
    let raked: import("../../scenarios/calibrate/rake-persona-weights.js").PersonaWeights | undefined;
    if (weightsKind === "rake") {
      const { readPersonasFile } = await import("../../scenarios/read-personas-file.js");
      const { personaInfo } = await import("../../scenarios/survey/survey-metrics.js");
      const { rakePersonaWeights } = await import("../../scenarios/calibrate/rake-persona-weights.js");
      raked = rakePersonaWeights(readPersonasFile(ctx.cwd, surveyDir).map(personaInfo));
    }
    const ladderOf = (weights?: ReadonlyMap<string, number>) =>
      depthLadder({
        rows,
        arms: ABLATION_LADDER,
        items,
        reference: (country, item) => alignedReference(findReference(country, item), supportOf.get(item) ?? []),
        seed: String(ctx.values.seed),
        bootstrap: replicates,
        ...(weights ? { weights } : {}),
      });
    const result = ladderOf(raked?.weights);
    const unweighted = raked ? ladderOf() : undefined;
    makeDirectory(outDir);
    const method =
      "fidelity = (uniform − d) / (uniform − floor) over KS, W1 and JS distance, pooled over country × item cells as a ratio of sums (surveys/metrics/arm-fidelity.ts); rung CIs: 95% centered bootstrap over personas (one shared resample per country: paired); contrasts deeper − shallower with Bonferroni CIs at 1 − α/m, m = rung pairs; smallest_sufficient = the shallowest rung with no deeper rung's adjusted contrast CI above 0";
    const weights = raked ? { kind: "rake", by_country: raked.by_country } : { kind: "none" };
    writeFileSync(
      join(outDir, "ablation.json"),
      JSON.stringify(
        { schema_version: 2, method, bootstrap: replicates, weights, ...result, ...(unweighted ? { unweighted } : {}) },
        null,
        2,
      ) + "\n",
    );
    const weightLines = raked
      ? [
          ...Object.entries(raked.by_country).map(
            ([c, r]) =>
              `weights: ${c} personas raked to ${r.dimensions.join(", ")} (Kish n ${r.kish_n.toFixed(1)} of ${r.n}); the ladder above is weighted`,
          ),
          `unweighted fidelity: ${(unweighted?.rungs ?? []).map((x) => `${x.arm} ${x.fidelity.value === null ? "—" : x.fidelity.value.toFixed(3)}`).join(", ")}; smallest rung not beaten: ${unweighted?.smallest_sufficient ?? "—"}`,
        ]
      : [];
    ctx.stdout.write(
      ladderTable(result) +
        weightLines.map((l) => `${l}\n`).join("") +
        `ablation: ${join(outDir, "ablation.json")} (survey run: ${surveyDir})\n`,
    );
    return 0;
  },
});
